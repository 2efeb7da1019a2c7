"""The JupyterLite site (`make lite`): every chapter of the student edition, the course data and
the course package in `_build/html/lite/`, run by Pyodide in the reader's browser.

Everything the kernel and the chapters need comes from the book's own files: the JupyterLite app,
Pyodide's core runtime (npm `pyodide`, pinned in package.json to the version the kernel is built
for), and every pure-Python wheel, fetched from PyPI at build time into `_build/downloads/`.
Pyodide's lock file is rewritten so that those packages load from the site (same versions as the
lock) and every compiled package (numpy, pandas, pydantic-core ...) from ONE location: `lite:
pyodide_packages_url` in `_config.yml`, or `$COURSE_PYODIDE_PACKAGES_URL` for a school's build
(book/teachers/browser.md). The course package is in the lock too, so `import shared_future` in
a chapter loads it and what it needs.

    python -m scripts.lite                    # build _build/html/lite (the book must be built first)
    python -m scripts.lite --output DIR       # build it elsewhere (the tests' copy with another location)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable, Iterable
from email.parser import Parser
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from shared_future.paths import book_config

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
SITE = BUILD / "html" / "lite"
STAGE = BUILD / "lite-src"  # what `jupyter lite build` reads
DOWNLOADS = BUILD / "downloads"  # kept by `make book-fresh`: files keyed by their exact versions
VENV_BIN = Path(sys.executable).parent
LABEXTENSIONS = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager")
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}

PACKAGES_ENV_VAR = "COURSE_PYODIDE_PACKAGES_URL"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")  # and the lock, rewritten
LOCK = "pyodide-lock.json"
DRIVE_DATA = "/drive/data"  # where the kernel sees the site's data/ folder (JupyterLite's drive)
# quiz answers on the drive, which JupyterLite keeps in the browser's storage (Pyodide's home
# folder is in memory: lost when the page closes)
DRIVE_PROGRESS = "/drive/.shared-future/progress.json"
COURSE = "shared-future"
# what the kernel's worker installs before the first cell runs (initPackageManager, initKernel)
KERNEL_NEEDS = ("micropip", "ipython", "comm", "jedi")
# what the chapters import, besides the course package: binder/requirements.txt without the server side
NOT_IN_BROWSER = {"jupyterlab", "jupyterlab-language-pack-zh-cn", "ipykernel", "jsonschema", "nbformat"}
# what `jupyter lite build` takes from this environment: the installed language packs (JupyterLab's
# menus in Chinese, api/translations/), not its JupyterLab extensions (EXTENSIONS only) or favicons
BUILD_CONFIG = {"LiteBuildConfig": {"ignore_sys_prefix": ["federated_extensions", "icons"]}}
# imported by a chapter's own cell (Pyodide loads it then), never by the course package
CHAPTERS_IMPORT_THEMSELVES = {"matplotlib"}
# the kernel brings its own stand-ins for these (its piplite wheels), and a browser needs neither
PROVIDED_BY_KERNEL = {"widgetsnbextension", "jupyterlab-widgets"}
# where Pyodide runs: the markers its wheels' requirements are evaluated against
PYODIDE_MARKERS = {
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "platform_machine": "wasm32",
    "python_version": "3.14",
    "python_full_version": "3.14.2",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "os_name": "posix",
}

__all__ = ["chapter_needs", "packages_url", "plan_lock", "pyodide_version", "wheel_imports", "wheel_requires"]


def pyodide_version() -> str:
    """The npm `pyodide` pinned in package.json, checked against the kernel's own pin."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["pyodide"]
    if pinned != PYODIDE_VERSION:
        raise SystemExit(
            f"package.json pins pyodide {pinned}, but jupyterlite-pyodide-kernel is built for {PYODIDE_VERSION}: "
            "pin the npm package to the kernel's version."
        )
    return pinned


def packages_url(version: str, environ: dict[str, str] | None = None) -> str:
    """Where browsers fetch the compiled packages: $COURSE_PYODIDE_PACKAGES_URL, else `lite:
    pyodide_packages_url` in _config.yml; `{version}` becomes the Pyodide version. Ends in '/'."""
    environ = os.environ if environ is None else environ
    url = environ.get(PACKAGES_ENV_VAR) or book_config()["lite"]["pyodide_packages_url"]
    url = url.replace("{version}", version)
    return url if url.endswith("/") else url + "/"


def chapter_needs() -> list[str]:
    """The packages the chapters import, by name (binder/requirements.txt, the student environment)."""
    names = []
    for line in (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and canonicalize_name(Requirement(line).name) not in NOT_IN_BROWSER:
            names.append(canonicalize_name(Requirement(line).name))
    return names


def wheel_requires(wheel: Path) -> list[str]:
    """The names a wheel requires where Pyodide runs (no extras; not what the kernel provides)."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        fields = Parser().parsestr(archive.read(name).decode("utf-8"))
    environment = {**default_environment(), **PYODIDE_MARKERS, "extra": ""}
    names = []
    for line in fields.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name not in PROVIDED_BY_KERNEL and (requirement.marker is None or requirement.marker.evaluate(environment)):
            names.append(name)
    return sorted(set(names))


def wheel_imports(wheel: Path) -> list[str]:
    """The top-level modules a wheel installs (the lock's `imports`, which Pyodide loads on import)."""
    with zipfile.ZipFile(wheel) as archive:
        tops = {n.split("/")[0] for n in archive.namelist()}
    return sorted(
        t.removesuffix(".py") for t in tops if not t.endswith((".dist-info", ".data", ".pth")) and not t.startswith("_")
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_lock(
    lock: dict,
    roots: Iterable[str],
    location: str,
    fetch: Callable[[str, str], Path],
    local_version: Callable[[str], str],
) -> tuple[dict, dict[str, Path]]:
    """Pyodide's lock rewritten for the site: every pure-Python package the `roots` need (with their
    dependencies) from a wheel beside the lock, at the lock's version; packages the lock lacks added
    at `local_version`; every other entry from `location`. `fetch(name, version)` gives a PyPI wheel.
    Returns the new lock and the wheels to serve, by file name."""
    packages = {canonicalize_name(k): dict(v) for k, v in lock["packages"].items()}
    served: dict[str, Path] = {}
    needed, queue = set(), [canonicalize_name(r) for r in roots]
    while queue:
        name = queue.pop()
        if name in needed:
            continue
        needed.add(name)
        entry = packages.get(name)
        if entry is None:  # not in Pyodide's distribution: pure Python from PyPI, at the course's version
            wheel = fetch(name, local_version(name))
            entry = packages[name] = {
                "name": name,
                "version": local_version(name),
                "file_name": wheel.name,
                "install_dir": "site",
                "sha256": sha256(wheel),
                "package_type": "package",
                "imports": wheel_imports(wheel),
                "depends": wheel_requires(wheel),
            }
            served[wheel.name] = wheel
        elif entry["file_name"].endswith("-none-any.whl"):  # pure Python in the lock: the same version from PyPI
            wheel = fetch(name, entry["version"])
            entry.update(file_name=wheel.name, sha256=sha256(wheel))
            served[wheel.name] = wheel
        queue.extend(canonicalize_name(d) for d in entry.get("depends", []))
    for entry in packages.values():
        if entry["file_name"] not in served:
            entry["file_name"] = location + entry["file_name"]
    return {**lock, "packages": packages}, served


def _pip(*args: str) -> None:
    subprocess.run([str(VENV_BIN / "pip"), *args, "--quiet", "--disable-pip-version-check"], check=True)


def fetch_wheel(name: str, version: str, retried: bool = False) -> Path:
    """A pure-Python wheel from PyPI, kept in _build/downloads/wheels/."""
    folder = DOWNLOADS / "wheels"
    found = [p for p in folder.glob("*.whl") if canonicalize_name(p.name.split("-")[0]) == canonicalize_name(name)]
    found = [p for p in found if p.name.split("-")[1] == version and p.name.endswith("-none-any.whl")]
    if not found and not retried:
        pure = ["--only-binary", ":all:", "--platform", "any", "--python-version", PYODIDE_MARKERS["python_version"]]
        _pip("download", "--no-deps", *pure, "--dest", str(folder), f"{name}=={version}")
        return fetch_wheel(name, version, retried=True)
    if not found:
        raise SystemExit(f"{name} {version} has no pure-Python wheel on PyPI, so it cannot be served from the book")
    return found[0]


def pyodide_core(version: str) -> Path:
    """The npm package `pyodide` at `version`: from node_modules/ after `npm ci`, else fetched once
    with `npm pack` into _build/downloads/."""
    installed = ROOT / "node_modules" / "pyodide"
    if (installed / "package.json").is_file():
        if json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == version:
            return installed
    folder = DOWNLOADS / f"pyodide-{version}"
    if not (folder / "package" / LOCK).is_file():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "pack", f"pyodide@{version}", "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL
        )
        with tarfile.open(folder / f"pyodide-{version}.tgz") as archive:
            archive.extractall(folder, filter="data")
    return folder / "package"


def course_wheel(dest: Path) -> Path:
    """The course package built from this checkout (with the maps' browser files, `make assets`)."""
    if not (ROOT / "shared_future" / "static" / "vendor" / "leaflet").is_dir():
        raise SystemExit("The maps' browser files are missing: run `python -m shared_future.assets install` first.")
    dest.mkdir(parents=True, exist_ok=True)
    _pip("wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(dest), str(ROOT))
    shutil.rmtree(ROOT / "build", ignore_errors=True)  # setuptools' work folder
    return next(dest.glob("shared_future-*.whl"))


def site_settings() -> dict:
    """jupyter-lite.json: the kernel never falls back to PyPI; the course data and the saved quiz
    answers are on the drive (shared_future.paths, shared_future.progress)."""
    env = {"SHARED_FUTURE_DATA": DRIVE_DATA, "SHARED_FUTURE_PROGRESS": DRIVE_PROGRESS}
    kernel = {"disablePyPIFallback": True, "loadPyodideOptions": {"env": env}}
    return {"jupyter-config-data": {"litePluginSettings": {KERNEL_PLUGIN: kernel}}}


def stage(location: str, sources: Path = STAGE) -> dict[str, str]:
    """Write the lite site's sources into `sources`; returns where each lock entry loads from."""
    version = pyodide_version()
    shutil.rmtree(sources, ignore_errors=True)
    files, pypi, pyodide = sources / "files", sources / "pypi", sources / "static" / "pyodide"
    for folder in (files, pypi, pyodide, sources / "labextensions"):
        folder.mkdir(parents=True)
    for notebook in sorted((ROOT / "student").glob("[0-9][0-9]_*.ipynb")):
        content = json.loads(notebook.read_text(encoding="utf-8"))
        content["metadata"]["kernelspec"] = KERNELSPEC  # else JupyterLite asks which kernel to start
        (files / notebook.name).write_text(json.dumps(content, indent=1, ensure_ascii=False), encoding="utf-8")
    shutil.copytree(ROOT / "data", files / "data")
    core = pyodide_core(version)
    for name in CORE_FILES:
        shutil.copy2(core / name, pyodide / name)
    own = course_wheel(pypi)
    lock = json.loads((core / LOCK).read_text(encoding="utf-8"))
    new_lock, served = plan_lock(lock, [*KERNEL_NEEDS, *chapter_needs()], location, fetch_wheel, metadata.version)
    new_lock["packages"][COURSE] = {
        "name": COURSE,
        "version": own.name.split("-")[1],
        "file_name": f"../../pypi/{own.name}",  # the piplite index's copy (lite/pypi/), relative to the lock
        "install_dir": "site",
        "sha256": sha256(own),
        "package_type": "package",
        "imports": ["shared_future"],
        "depends": [n for n in chapter_needs() if n not in CHAPTERS_IMPORT_THEMSELVES],
    }
    for name, wheel in served.items():
        shutil.copy2(wheel, pyodide / name)
    (pyodide / LOCK).write_text(json.dumps(new_lock, indent=1, sort_keys=True), encoding="utf-8")
    for extension in EXTENSIONS:
        shutil.copytree(LABEXTENSIONS / extension, sources / "labextensions" / extension)
    (sources / "jupyter-lite.json").write_text(json.dumps(site_settings(), indent=2), encoding="utf-8")
    (sources / "jupyter_lite_config.json").write_text(json.dumps(BUILD_CONFIG, indent=2), encoding="utf-8")
    return {name: entry["file_name"] for name, entry in new_lock["packages"].items()}


def build(sources: Path, out: Path) -> None:
    """`jupyter lite build` of the staged `sources` into `out` (only the kernel's and widgets' extensions,
    with the language packs; BUILD_CONFIG)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [str(VENV_BIN / "jupyter"), "lite", "build", "--lite-dir", str(sources), "--output-dir", str(out)]
    command += [
        "--contents",
        str(sources / "files"),
        "--no-sourcemaps",
        "--no-unused-shared-packages",
        "--no-libarchive",
    ]
    command += [f"--FederatedExtensionAddon.extra_labextensions_path={sources / 'labextensions'}"]
    subprocess.run(command, cwd=sources, check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, help="write the site here instead of _build/html/lite (tests)")
    args = parser.parse_args(argv)
    if args.output is None and not (BUILD / "html" / "index.html").is_file():
        raise SystemExit("_build/html is missing: build the book first (`make book`).")
    out = args.output or SITE
    sources = out.parent / f"{out.name}-src" if args.output else STAGE
    location = packages_url(pyodide_version())
    origins = stage(location, sources)
    local = sum(1 for f in origins.values() if not f.startswith(location))
    print(f"{local} packages from the site, {len(origins) - local} from {location}")
    build(sources, out)
    print(f"JupyterLite site written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
