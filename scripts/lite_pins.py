"""The course package on exactly the versions the browser kernel has: a CPython virtual environment
with every package the course needs at the version in the JupyterLite site's Pyodide lock file
(pandas 3.0.2, numpy 2.4.6, pydantic 2.12.5, pyyaml 6.0.3 ...; the rest at the course's pins),
running the package's unit tests and one chapter (part of `make test`, after `make lite`).

The environment is kept in `_build/downloads/pyodide-pins/` and made again when the versions change.

    python -m scripts.lite_pins
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from packaging.utils import canonicalize_name

from scripts.lite import COURSE, DOWNLOADS, LOCK, ROOT, SITE

VENV = DOWNLOADS / "pyodide-pins"
CHAPTER = "student/02_origins.ipynb"  # a map, a timeline, tables and a quiz
# the tests of the package itself (those that need the book's toolchain, Sphinx or Chromium stay out)
PACKAGE_TESTS = [
    "test_capstone",
    "test_classroom",
    "test_corrections",
    "test_data",
    "test_hostile_input",
    "test_hub_links",
    "test_map_tables",
    "test_maps",
    "test_progress",
    "test_quiz_data",
    "test_quiz_duplicates",
    "test_quiz_export",
    "test_quiz_feedback",
    "test_quiz_grading",
    "test_quiz_levels",
    "test_quiz_live",
    "test_quiz_order",
    "test_quiz_progress",
    "test_quiz_schema",
    "test_table_display",
    "test_timeline",
    "test_viewpoints",
]
SHELL = "ipython"
TOOLS = ("pytest", "nbmake", "ipykernel", "beautifulsoup4")  # to run them, at requirements.txt's pins

__all__ = ["browser_versions", "requirements"]


def closure(packages: dict, roots: list[str]) -> dict[str, str]:
    """{package: version} of `roots` and everything they depend on in the lock's `packages`."""
    versions: dict[str, str] = {}
    queue = [canonicalize_name(r) for r in roots]
    while queue:
        name = queue.pop()
        if name not in versions:
            versions[name] = packages[name]["version"]
            queue.extend(canonicalize_name(d) for d in packages[name].get("depends", []))
    return versions


def browser_versions(lock: dict) -> dict[str, str]:
    """{package: version} of everything the course package loads in the browser (its lock entry's
    dependencies, and theirs), as the site's lock gives them; without IPython's own stack (the
    kernel's shell, not the course's code: IPython 9.12 needs Python 3.12, and the test tools
    bring the shell they run on)."""
    packages = {canonicalize_name(k): v for k, v in lock["packages"].items()}
    shell = closure(packages, [SHELL])
    return {n: v for n, v in closure(packages, packages[COURSE]["depends"]).items() if n not in shell}


def requirements(lock: dict) -> list[str]:
    """The pins for the environment: the browser's versions, and the test tools at the course's pins."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, _, version = line.split("#")[0].strip().partition("==")
        if version:
            pins[canonicalize_name(name)] = version
    return sorted(
        [f"{n}=={v}" for n, v in browser_versions(lock).items()] + [f"{t}=={pins[canonicalize_name(t)]}" for t in TOOLS]
    )


def environment(pins: list[str]) -> Path:
    """The virtual environment with exactly `pins` (made again when they change); its python."""
    python, stamp = VENV / "bin" / "python", VENV / "pins.txt"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == "\n".join(pins):
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *pins], check=True)
    stamp.write_text("\n".join(pins), encoding="utf-8")
    return python


def main() -> int:
    lock_file = SITE / "static" / "pyodide" / LOCK
    if not lock_file.is_file():
        raise SystemExit(f"{lock_file.relative_to(ROOT)} is missing: run `make lite` first.")
    pins = requirements(json.loads(lock_file.read_text(encoding="utf-8")))
    print("the browser kernel's versions:", ", ".join(pins))
    python = environment(pins)
    env = {"PYTHONPATH": str(ROOT), "PATH": f"{python.parent}:/usr/bin:/bin", "HOME": str(VENV)}
    tests = [f"tests/{name}.py" for name in PACKAGE_TESTS]
    run = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    for command in ([*run, *tests], [*run, "--nbmake", CHAPTER]):
        subprocess.run(command, cwd=ROOT, env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
