"""binder/ is the student environment: only what the chapters need, at the toolchain's versions.

Every pin in binder/requirements.txt must be the pin of the same package in requirements.txt,
so Binder students run exactly what the book was built and tested with; the installed set
itself is run by `make binder-check` (scripts/binder_check.sh).
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)$")
PROVIDED_BY = {"yaml": "pyyaml", "IPython": "ipykernel"}  # import name -> distribution
TOOLCHAIN_ONLY = {"jupyter-book", "sphinx", "pytest", "nbmake", "playwright"}


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-e"):
            continue
        found = PIN.match(line)
        assert found, f"{path.relative_to(ROOT)}: {line!r} is not pinned as name==version"
        pins[found[1].lower()] = found[2]
    return pins


def test_every_binder_pin_matches_the_toolchain():
    toolchain, student = _pins(ROOT / "requirements.txt"), _pins(ROOT / "binder" / "requirements.txt")
    assert student
    for name, version in student.items():
        assert name in toolchain, f"binder/requirements.txt: {name} is not in requirements.txt"
        assert version == toolchain[name], (
            f"binder/requirements.txt: {name}=={version}, requirements.txt has {toolchain[name]}"
        )


def test_binder_holds_what_the_course_package_imports_and_no_build_or_test_tools():
    student = _pins(ROOT / "binder" / "requirements.txt")
    assert not TOOLCHAIN_ONLY & set(student), "the build and test toolchain stays out of binder/"
    imports = set()
    for module in (ROOT / "shared_future").glob("*.py"):
        imports |= set(re.findall(r"^(?:import|from) (\w+)", module.read_text(encoding="utf-8"), re.M))
    third_party = {name for name in imports if name not in sys.stdlib_module_names} - {"shared_future"}
    for module in sorted(third_party):
        distribution = PROVIDED_BY.get(module, module.lower())
        assert distribution in student, f"shared_future imports {module}: add {distribution} to binder/requirements.txt"
    assert {"jupyterlab", "ipykernel", "matplotlib"} <= set(student)


def test_postbuild_installs_the_course_package():
    postbuild = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert postbuild.startswith("#!/bin/bash") and "set -euo pipefail" in postbuild
    assert re.search(r"^pip install .*-e \.$", postbuild, re.M)
