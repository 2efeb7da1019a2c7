"""The JupyterLite site's build (scripts/lite.py, scripts/lite_pins.py) without building it: the
lock rewrite that decides where each package loads from, the one package-location setting, the
requirements read from wheels, the button, and the pinned-versions environment's pins."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from course_launch import IN_THE_BROWSER, _browser_button

from scripts import lite, lite_pins

ROOT = Path(__file__).resolve().parents[1]
LOCATION = "https://packages.example.org/pyodide/"


def make_wheel(folder: Path, name: str, version: str, requires: list[str], modules: list[str]) -> Path:
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for module in modules:
            archive.writestr(module, "")
        metadata = f"Name: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
        archive.writestr(f"{name}-{version}.dist-info/METADATA", metadata)
    return wheel


@pytest.fixture
def fake_pypi(tmp_path):
    """Wheels "from PyPI": the lock's pure packages at its versions, and one package it lacks."""
    wheels = {
        ("purelib", "1.0"): make_wheel(tmp_path, "purelib", "1.0", [], ["purelib/__init__.py"]),
        ("extra", "2.5"): make_wheel(
            tmp_path,
            "extra",
            "2.5",
            [
                "purelib>=1",
                'winonly; sys_platform == "win32"',
                'newer; python_version >= "3.12"',
                "docs; extra == 'doc'",
            ],
            ["extra/__init__.py", "extra_helpers.py", "extra-2.5.dist-info/RECORD"],
        ),
        ("newer", "0.1"): make_wheel(tmp_path, "newer", "0.1", [], ["newer.py"]),
    }
    fetched = []

    def fetch(name, version):
        fetched.append((name, version))
        return wheels[(name, version)]

    return fetch, fetched


LOCK = {
    "info": {"python": "3.14.2"},
    "packages": {
        "compiled": {"name": "compiled", "version": "3.0", "file_name": "compiled-3.0-cp314-cp314-pyemscripten.whl",
                     "sha256": "a", "depends": ["purelib"]},
        "purelib": {"name": "purelib", "version": "1.0", "file_name": "purelib-1.0-py3-none-any.whl",
                    "sha256": "pyodide's", "depends": []},
        "unused-pure": {"name": "unused-pure", "version": "9", "file_name": "unused_pure-9-py3-none-any.whl",
                        "sha256": "b", "depends": []},
    },
}  # fmt: skip


def test_the_lock_serves_pure_packages_from_the_site_and_compiled_ones_from_the_location(fake_pypi):
    fetch, fetched = fake_pypi
    new, served = lite.plan_lock(LOCK, ["compiled", "extra"], LOCATION, fetch, {"extra": "2.5", "newer": "0.1"}.get)
    packages = new["packages"]
    assert packages["compiled"]["file_name"] == LOCATION + "compiled-3.0-cp314-cp314-pyemscripten.whl"
    assert packages["unused-pure"]["file_name"] == LOCATION + "unused_pure-9-py3-none-any.whl"  # in the distribution
    wheel = served["purelib-1.0-py3-none-any.whl"]
    assert packages["purelib"]["file_name"] == wheel.name  # beside the lock, the lock's version
    assert packages["purelib"]["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    extra = packages["extra"]  # not in Pyodide: added at the course's version, with what it needs in Pyodide
    assert (extra["version"], extra["file_name"]) == ("2.5", "extra-2.5-py3-none-any.whl")
    assert extra["depends"] == ["newer", "purelib"] and extra["imports"] == ["extra", "extra_helpers"]
    assert packages["newer"]["file_name"] == "newer-0.1-py3-none-any.whl"
    assert sorted(fetched) == [("extra", "2.5"), ("newer", "0.1"), ("purelib", "1.0")]
    assert LOCK["packages"]["purelib"]["sha256"] == "pyodide's"  # the input is left alone
    assert new["info"] == LOCK["info"]


def test_the_kernel_brings_its_own_widget_stand_ins(tmp_path):
    wheel = make_wheel(
        tmp_path, "ipywidgets", "8.1.9", ["comm>=0.1.3", "widgetsnbextension~=4.0.14"], ["ipywidgets/x.py"]
    )
    assert lite.wheel_requires(wheel) == ["comm"]


def test_the_package_location_is_one_setting_a_school_can_override():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    default = config["lite"]["pyodide_packages_url"]
    assert default == "https://cdn.jsdelivr.net/pyodide/v{version}/full/"
    assert lite.packages_url("314.0.6", {}) == "https://cdn.jsdelivr.net/pyodide/v314.0.6/full/"
    school = {lite.PACKAGES_ENV_VAR: "https://school.example.edu/pyodide-314"}
    assert lite.packages_url("314.0.6", school) == "https://school.example.edu/pyodide-314/"


def test_the_runtime_is_pinned_to_the_kernels_version():
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["pyodide"] == PYODIDE_VERSION == lite.pyodide_version()
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "jupyterlite-core==0.8.6" in requirements and "jupyterlite-pyodide-kernel==0.8.6" in requirements


def test_the_browser_needs_what_the_chapters_need_without_the_server_side():
    needs = lite.chapter_needs()
    assert {"pandas", "folium", "pandera", "pycountry", "pydantic", "pyyaml", "filelock"} <= set(needs)
    assert not {"jupyterlab", "jupyterlab-language-pack-zh-cn", "ipykernel"} & set(needs)


def test_every_chapter_gets_a_run_in_your_browser_button():
    button = _browser_button("notebooks/04_belt_and_road", "04_belt_and_road")
    assert button["text"] == IN_THE_BROWSER
    assert button["url"] == "../lite/notebooks/index.html?path=04_belt_and_road.ipynb"
    # the icon font every page already loads (course_fonts adds the glyph): the theme's JupyterLite
    # logo would be one more request, and put chapter 4 over its 300 KB budget
    assert button["icon"] == "fas fa-laptop-code"


def test_the_pinned_environment_takes_the_browsers_versions():
    lock = {
        "packages": {
            "shared-future": {"version": "0.1.0", "depends": ["pandas", "ipywidgets"]},
            "pandas": {"version": "3.0.2", "depends": ["numpy"]},
            "numpy": {"version": "2.4.6", "depends": []},
            "ipywidgets": {"version": "8.1.9", "depends": ["ipython", "comm"]},
            "ipython": {"version": "9.12.0", "depends": ["traitlets"]},
            "traitlets": {"version": "5.14.3", "depends": []},
            "comm": {"version": "0.2.3", "depends": []},
        }
    }
    assert lite_pins.browser_versions(lock) == {
        "pandas": "3.0.2",
        "numpy": "2.4.6",
        "ipywidgets": "8.1.9",
        "comm": "0.2.3",
    }
    pins = lite_pins.requirements(lock)
    assert "pandas==3.0.2" in pins and "pytest==9.2.0" in pins and not any(p.startswith("ipython==") for p in pins)


# Book-side (the extension needs Sphinx), so here rather than in test_hostile_input.py, which
# scripts/lite_pins.py runs against Pyodide's pinned versions.
def test_a_hostile_translation_of_the_launch_note_stays_text(monkeypatch):
    """The Chinese chapters' note on the launch buttons (book/_ext/course_launch.py) escapes its
    catalog text; only the two switches it names are markup."""
    import course_launch

    monkeypatch.setattr(course_launch, "translate", lambda text: '<img src=x onerror="alert(1)"> {code} & {menu}')
    note = course_launch.english_notebooks_note()
    assert "<img" not in note and '&lt;img src=x onerror="alert(1)"&gt;' in note and " &amp; " in note
    assert '<code>shared_future.set_language("zh")</code>' in note
    assert "<em>Settings &gt; Language &gt; 中文 (简体, 中国)</em>" in note
