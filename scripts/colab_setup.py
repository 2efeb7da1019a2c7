"""Give every chapter the same first cell: on Google Colab, fetch the course and its helpers.

Colab opens a chapter notebook on its own, without the repository's `data/` and
`shared_future/`. The cell below clones the repository (from `_config.yml`), installs the two
libraries Colab lacks and the maps' browser files (`python -m shared_future.assets install`,
which runs npm once) and puts the clone on the import path. Anywhere else it does nothing.
It is tagged `remove-cell`, so the built book does not show it.

    .venv/bin/python scripts/colab_setup.py          # insert or update the cell in every chapter
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from shared_future.hub_links import course_repository

ROOT = Path(__file__).resolve().parents[1]
TAG = "colab-setup"


def cell_source(folder: str = "notebooks") -> str:
    """The setup cell's code (one text for every chapter), ending in the chapters' `folder`
    (`student` for the student edition, shared_future/student_edition.py)."""
    return f'''# On Google Colab only: fetch the course's data and helpers (does nothing elsewhere).
import importlib.util
import os
import subprocess
import sys

COURSE = "{course_repository()}"
NEEDS = ["pandera==0.35.0", "pycountry==26.2.16", "filelock"]  # what Colab lacks
if "google.colab" in sys.modules and importlib.util.find_spec("shared_future") is None:
    if not os.path.isdir("/content/course"):
        subprocess.run(["git", "clone", "--depth", "1", COURSE, "/content/course"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", *NEEDS], check=True)
    subprocess.run([sys.executable, "-m", "shared_future.assets", "install"], cwd="/content/course", check=True)
    sys.path.insert(0, "/content/course")
    os.chdir("/content/course/{folder}")'''


def chapters() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def setup_cell(notebook) -> nbformat.NotebookNode | None:
    return next((c for c in notebook.cells if TAG in c.get("metadata", {}).get("tags", [])), None)


def update(path: Path) -> bool:
    """Insert or refresh the setup cell as the first code cell; True if the file changed."""
    notebook = nbformat.read(path, as_version=4)
    cell = setup_cell(notebook)
    if (
        cell is not None
        and cell.source == cell_source()
        and notebook.cells.index(cell) == next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code")
    ):
        return False
    if cell is not None:
        notebook.cells.remove(cell)
    new = nbformat.v4.new_code_cell(cell_source(), metadata={"tags": ["remove-cell", TAG]})
    first_code = next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code")
    notebook.cells.insert(first_code, new)
    nbformat.write(notebook, path)
    return True


def main() -> int:
    changed = [p.name for p in chapters() if update(p)]
    print(f"updated: {', '.join(changed)}" if changed else "every chapter has the current setup cell")
    return 0


if __name__ == "__main__":
    sys.exit(main())
