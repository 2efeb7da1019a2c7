"""The capstone rubric exists once, in book/teachers/capstone-rubric.md: the teacher's rubrics
page includes that file, and chapter 8 shows it with a code cell that reads it, so neither can
drift from the other."""

import re
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "book" / "teachers" / "capstone-rubric.md"
LEVELS = ["4 Excellent", "3 Secure", "2 Developing", "1 Beginning"]
CRITERIA = ["Use of the data", "Accuracy and dates", "Sources", "Map", "Balance and attribution", "Analysis", "Form"]


def _rubric_cell():
    notebook = nbformat.read(ROOT / "notebooks" / "08_review_capstone.ipynb", as_version=4)
    cells = [c for c in notebook.cells if c.cell_type == "code" and "capstone-rubric.md" in c.source]
    assert len(cells) == 1, "chapter 8 must show the rubric with one code cell that reads the file"
    return notebook, cells[0]


def test_the_rubric_file_is_one_table_of_criteria_by_four_levels():
    tokens = MarkdownIt("commonmark").enable("table").parse(RUBRIC.read_text(encoding="utf-8"))
    cells = [
        t.content for t, nxt in zip(tokens, tokens[1:]) if t.type == "inline" and nxt.type in {"th_close", "td_close"}
    ]
    rows = [cells[i : i + 5] for i in range(0, len(cells), 5)]
    assert len(cells) % 5 == 0 and rows[0] == ["Criterion", *LEVELS]
    assert [row[0] for row in rows[1:]] == CRITERIA
    assert all(all(cell.strip() for cell in row) for row in rows)


def test_the_teachers_page_includes_the_file_and_has_no_copy():
    page = (ROOT / "book" / "teachers" / "rubrics.md").read_text(encoding="utf-8")
    assert re.search(r"^```\{include\} capstone-rubric\.md\n```$", page, re.M)
    assert "| Accuracy and dates |" not in page and "| Use of the data |" not in page
    assert "| Level | Meaning |" in page
    assert all(f"| {level} |" in page for level in LEVELS), "the levels table must use the rubric's levels"


def test_chapter_eight_shows_the_file_and_has_no_copy():
    notebook, cell = _rubric_cell()
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert not re.search(r"^\| \**(criterion|Accuracy|Sources|Use of the data)", markdown, re.M | re.I)
    assert "remove-input" in cell.metadata.get("tags", [])
    assert cell.metadata["mystnb"]["markdown_format"] == "gfm", "the built book must render the table"


def test_chapter_eight_cell_displays_the_file_as_written(monkeypatch):
    _, cell = _rubric_cell()
    monkeypatch.chdir(ROOT / "notebooks")  # where JupyterLab, Colab and the book run the chapter
    scope = {}
    exec(compile(cell.source.rsplit("\n", 1)[0], "rubric cell", "exec"), scope)
    shown = eval(cell.source.rsplit("\n", 1)[1], scope)
    assert shown.data == RUBRIC.read_text(encoding="utf-8")
