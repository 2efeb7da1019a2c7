"""The install step of the maps' browser files: `python -m shared_future.assets install`.

It copies Leaflet, leaflet.markercluster and jQuery (the versions pinned in package.json and
package-lock.json) from the npm packages into the package's own folder,
`shared_future/static/vendor/` (never committed), where live kernels and the book build read
them. Every student path runs it: `make npm` (and so `make lab`, `make book`, `make test`),
Binder's postBuild, the Colab set-up cell, a hub's set-up (teacher's guide).

Where the npm packages come from: `node_modules/` of the repository when `npm ci` has run
(or the folder in $SHARED_FUTURE_NODE_MODULES); otherwise the step runs `npm ci` itself in a
temporary folder (it needs npm and the registry once, at install time).

    python -m shared_future.assets install   # copy the files (idempotent)
    python -m shared_future.assets check     # exit 1, naming what is missing, if not installed
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .map_assets import INSTALL_COMMAND, INSTALLED, missing, npm_files

__all__ = ["NODE_MODULES_ENV", "install", "main"]

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES_ENV = "SHARED_FUTURE_NODE_MODULES"


def _copy_from(node_modules: Path) -> None:
    for target, source in npm_files().items():
        path = INSTALLED / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / source, path)


def _has_every_file(node_modules: Path) -> bool:
    return all((node_modules / source).is_file() for source in npm_files().values())


def install() -> str:
    """Copy the npm files into the package; returns where they came from."""
    node_modules = Path(os.environ.get(NODE_MODULES_ENV) or ROOT / "node_modules")
    if _has_every_file(node_modules):
        _copy_from(node_modules)
        return str(node_modules)
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            f"{INSTALL_COMMAND}: {node_modules} lacks the map files and npm is missing: "
            "install Node.js 18+ (Debian: apt-get install nodejs npm) and try again."
        )
    with tempfile.TemporaryDirectory() as work:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(ROOT / name, Path(work) / name)
        subprocess.run([npm, "ci", "--omit=dev", "--no-audit", "--no-fund", "--silent"], cwd=work, check=True)
        _copy_from(Path(work) / "node_modules")
    return "npm ci (package-lock.json)"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "install":
        source = install()
        print(f"map files installed in {INSTALLED} (from {source})")
        return 0
    if command == "check":
        absent = missing()
        if absent:
            print(f"{len(absent)} map files missing in {INSTALLED} (first: {absent[0]}): run `{INSTALL_COMMAND}`")
            return 1
        print(f"map files installed in {INSTALLED}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
