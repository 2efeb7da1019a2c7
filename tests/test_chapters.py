"""Every chapter has the course's chapter shape (README, "Adding a chapter") and is in the book:
objectives, time, narrative with citations and glossary links, exercises with hidden solutions,
its quiz, a summary and further reading.

The checks read the notebook's source, so they fail with the chapter and the missing part
named, before any build.
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

from shared_future.data import load
from shared_future.quiz import load_quiz

ROOT = Path(__file__).resolve().parents[1]
OUTLINE = load("course_outline")
CHAPTERS = [name for name in OUTLINE["notebook"] if (ROOT / "notebooks" / f"{name}.ipynb").exists()]
MIN_QUIZ_QUESTIONS = 8


def _source(name: str) -> tuple[str, str]:
    """The chapter's markdown and code, each joined into one text."""
    cells = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    text = lambda kind: "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == kind)  # noqa: E731
    return text("markdown"), text("code")


def _toc_files() -> set[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return {chapter["file"] for part in toc["parts"] for chapter in part["chapters"] if "file" in chapter}


def test_first_three_chapters_exist():
    assert CHAPTERS[:3] == ["01_what_is_it", "02_origins", "03_pillars"]


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_is_in_the_table_of_contents(name):
    assert f"notebooks/{name}" in _toc_files(), f"notebooks/{name}.ipynb is not in _toc.yml"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_follows_the_standard(name):
    markdown, code = _source(name)
    missing = [
        part
        for part, present in {
            "learning objectives box": re.search(r"objectives", markdown, re.I) and ":::{admonition}" in markdown,
            "time needed": re.search(r"time needed", markdown, re.I),
            "three exercises": len(re.findall(r"```\{exercise\}", markdown)) >= 3,
            "a hidden solution per exercise": markdown.count("```{solution}") >= markdown.count("```{exercise}")
            and markdown.count(":class: dropdown") >= markdown.count("```{solution}"),
            "a citation": "{cite}" in markdown,
            "a glossary link": "{term}" in markdown,
            "summary": re.search(r"^## Summary", markdown, re.M),
            "further reading": re.search(r"^## Further reading", markdown, re.M),
            "data loaded through the package": "from shared_future" in code,
        }.items()
        if not present
    ]
    assert not missing, f"notebooks/{name}.ipynb lacks: {', '.join(missing)}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_shows_its_own_quiz(name):
    quiz_name = name.split("_", 1)[1]
    _, code = _source(name)
    assert f'quiz("{quiz_name}")' in code, f'notebooks/{name}.ipynb does not call quiz("{quiz_name}")'
    questions = load_quiz(quiz_name).questions
    assert len(questions) >= MIN_QUIZ_QUESTIONS, f"data/quizzes/{quiz_name}.yaml: {len(questions)} questions"
    beyond_recall = [q.id for q in questions if q.level != "remember"]
    assert len(beyond_recall) >= 3, f"data/quizzes/{quiz_name}.yaml: fewer than 3 questions beyond recall"


def _module(path: Path):
    """A script or build extension of the course, imported from its file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_runs_on_colab_with_the_current_setup_cell(name):
    """The Colab launch button opens the notebook alone: its first code cell fetches the course."""
    import nbformat

    colab = _module(ROOT / "scripts" / "colab_setup.py")
    notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    assert colab.TAG in first_code.metadata.get("tags", []) and first_code.source == colab.cell_source(), (
        f"notebooks/{name}.ipynb: run `.venv/bin/python scripts/colab_setup.py`"
    )
    assert "remove-cell" in first_code.metadata["tags"]


@pytest.mark.parametrize("name", CHAPTERS)
def test_student_edition_runs_on_colab_without_the_set_up_cell_in_the_first_view(name):
    """Colab opens student/<chapter>: its first code cell is the set-up cell for that folder,
    after the orienting cell and the title, collapsed in JupyterLab and a titled form in Colab."""
    import nbformat

    colab = _module(ROOT / "scripts" / "colab_setup.py")
    notebook = nbformat.read(ROOT / "student" / f"{name}.ipynb", as_version=4)
    index, first_code = next((i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code")
    assert colab.TAG in first_code.metadata.get("tags", []), f"student/{name}.ipynb: run `make student-edition`"
    assert index >= 2 and notebook.cells[1].source.startswith("# ")
    assert first_code.source.startswith("#@title Google Colab only")
    assert colab.cell_source(folder="student") in first_code.source
    assert first_code.metadata["jupyter"]["source_hidden"] is True and first_code.metadata["cellView"] == "form"


def test_teachers_objectives_page_states_every_chapters_objectives():
    pages = _module(ROOT / "book" / "_ext" / "course_pages.py")
    page = pages.objectives_markdown(ROOT)
    for name in OUTLINE["notebook"]:
        objectives = pages.chapter_objectives(ROOT / "notebooks" / f"{name}.ipynb")
        assert len(re.findall(r"^(?:-|\d+\.) ", objectives, re.M)) >= 3, f"{name}: fewer than 3 objectives"
        assert objectives in page and f"notebooks/{name}.ipynb" in page


def test_a_chapter_without_objectives_is_named(tmp_path):
    notebook = tmp_path / "09_empty.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": ["# Empty"]}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="09_empty.ipynb: no '\\*\\*Learning objectives"):
        _module(ROOT / "book" / "_ext" / "course_pages.py").chapter_objectives(notebook)


# ---------------------------------------------------------------------------- maps that teach folium

COURSE_MAP_CALL = re.compile(r"^\s*(?:\w+ = )?\w+_map\(", re.M)  # key_moments_map(), profile_map(profile), ...
SOLUTION = re.compile(r"^(`{3,})\{solution\} ([\w-]+)\n(.*?)^\1[ \t]*$", re.M | re.S)


def _cells(name: str) -> list[dict]:
    return json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def _folium_cells(name: str) -> list[str]:
    """Visible code cells that build a map with folium's own `folium.Map`."""
    return [
        "".join(c["source"])
        for c in _cells(name)
        if c["cell_type"] == "code"
        and "folium.Map(" in "".join(c["source"])
        and not {"remove-cell", "remove-input", "hide-cell", "hide-input"} & set(c["metadata"].get("tags", []))
    ]


def _solution_code(body: str) -> str:
    """The indented code block of a solution (the chapters' way of showing code in one)."""
    lines, started = [], False
    for line in body.splitlines():
        if line.startswith("    ") or (started and not line.strip()):
            lines.append(line[4:])
            started = True
        elif started:
            break
    return "\n".join(lines).strip()


def _map_solutions(name: str) -> dict[str, str]:
    """{exercise label: solution code} for the exercises whose solution changes a folium map."""
    markdown, _ = _source(name)
    return {
        label: _solution_code(body)
        for _, label, body in SOLUTION.findall(markdown)
        if "folium." in _solution_code(body)
    }


MAP_CHAPTERS = [name for name in CHAPTERS if COURSE_MAP_CALL.search(_source(name)[1])]


def test_the_map_chapters_are_the_ones_with_course_maps():
    assert MAP_CHAPTERS == [
        "02_origins",
        "04_belt_and_road",
        "05_aiib_and_finance",
        "06_communities",
        "07_reception",
        "08_review_capstone",
    ]


@pytest.mark.parametrize("name", MAP_CHAPTERS)
def test_map_chapter_teaches_folium_and_exercises_it(name):
    cells = _folium_cells(name)
    assert len(cells) == 1, f"notebooks/{name}.ipynb: {len(cells)} visible cells build a folium.Map, not one"
    cell = cells[0]
    for part in ("tiles=None", "folium.GeoJson(", "style_function=", "folium.LayerControl()", ".add_to("):
        assert part in cell, f"notebooks/{name}.ipynb: the folium cell lacks {part}"
    assert re.search(r"folium\.(Circle)?Marker\(", cell), f"notebooks/{name}.ipynb: the folium cell has no marker"
    assert re.search(r"(tooltip|popup)=", cell), f"notebooks/{name}.ipynb: the folium cell's markers say nothing"
    code = [line for line in cell.splitlines() if line.strip()]  # blank lines are layout (the formatter's)
    assert 10 <= len(code) <= 25, f"notebooks/{name}.ipynb: the folium cell should be about 10-20 lines of code"
    assert _map_solutions(name), f"notebooks/{name}.ipynb: no exercise changes or extends the folium map"


def _with_solution(cell: str, solution: str) -> str:
    """The folium cell as a student changes it: a solution that rewrites a line of the cell (a loop)
    replaces the cell from there; any other is inserted before the layer control (which lists the
    layers added before it)."""
    lines, new = cell.splitlines(), solution.splitlines()
    control = next(i for i, line in enumerate(lines) if line.startswith("folium.LayerControl("))
    start = next((lines.index(line) for line in new if line.strip() and line in lines), control)
    return "\n".join(lines[:start] + new + lines[control:])


@pytest.mark.parametrize("name,label", [(n, label) for n in MAP_CHAPTERS for label in _map_solutions(n)])
def test_map_exercise_solution_runs_and_changes_the_map(name, label, monkeypatch):
    import folium

    from shared_future import map_display

    monkeypatch.chdir(ROOT / "notebooks")

    def run(source: str) -> tuple[folium.Map, str]:
        *body, last = source.strip().splitlines()
        namespace: dict = {}
        exec("import pandas as pd\n" + "\n".join(body), namespace)
        shown = eval(last, namespace)
        assert isinstance(shown, folium.Map), f"{name}: the cell does not end with the map"
        return shown, map_display.map_html(shown)

    cell = _folium_cells(name)[0]
    _, before = run(cell)
    changed, after = run(_with_solution(cell, _map_solutions(name)[label]))
    assert after != before and len(after) > len(before), f"{name}: solution {label} does not change the map"
    count = lambda m: sum(1 for _ in map_display._elements(m))  # noqa: E731
    assert count(changed) > count(run(cell)[0]), f"{name}: solution {label} adds nothing to the map"
