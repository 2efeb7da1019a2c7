"""The capstone rubric exists once per language, in book/teachers/capstone-rubric.md and its
Chinese version capstone-rubric.zh_CN.md: the teacher's rubrics page includes that file (the
Chinese edition its version, book/_ext/course_variants.py), and chapter 8 shows it with a code
cell that reads it (`shared_future.capstone.rubric`), so neither can drift from the other."""

import re
from pathlib import Path

import nbformat
from babel.messages.pofile import read_po
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "book" / "teachers" / "capstone-rubric.md"
RUBRIC_ZH = ROOT / "book" / "teachers" / "capstone-rubric.zh_CN.md"
LEVELS = ["4 Excellent", "3 Secure", "2 Developing", "1 Beginning"]
CRITERIA = ["Use of the data", "Accuracy and dates", "Sources", "Map", "Balance and attribution", "Analysis", "Form"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def table(path: Path) -> list[list[str]]:
    """The rows of the one table of a rubric file, each a list of its cells' text."""
    tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))
    cells = [
        t.content for t, nxt in zip(tokens, tokens[1:]) if t.type == "inline" and nxt.type in {"th_close", "td_close"}
    ]
    assert len(cells) % 5 == 0, path.name
    return [cells[i : i + 5] for i in range(0, len(cells), 5)]


def _rubric_cell():
    notebook = nbformat.read(ROOT / "notebooks" / "08_review_capstone.ipynb", as_version=4)
    cells = [c for c in notebook.cells if c.cell_type == "code" and "capstone-rubric.md" in c.source]
    assert len(cells) == 1, "chapter 8 must show the rubric with one code cell that reads the file"
    return notebook, cells[0]


def test_the_rubric_file_is_one_table_of_criteria_by_four_levels():
    rows = table(RUBRIC)
    assert rows[0] == ["Criterion", *LEVELS]
    assert [row[0] for row in rows[1:]] == CRITERIA
    assert all(all(cell.strip() for cell in row) for row in rows)


def test_the_chinese_rubric_is_the_same_grid_in_the_rubrics_page_words():
    """Its levels are the ones the rubrics page's levels table gives (through the page's catalog),
    and every cell is in Chinese; the catalog keeps no second translation of the rubric."""
    rows, english = table(RUBRIC_ZH), table(RUBRIC)
    po = ROOT / "locale" / "zh_CN" / "LC_MESSAGES" / "book" / "teachers" / "rubrics.po"
    with po.open("rb") as handle:
        catalog = {m.id: m.string for m in read_po(handle, ignore_obsolete=True) if m.id}
    assert rows[0] == [catalog["Criterion"], *(catalog[level] for level in LEVELS)]
    assert len(rows) == len(english)
    assert all(CJK.search(cell) for row in rows for cell in row)
    only_in_rubric = [cell for row in english[1:] for cell in row[1:]]
    assert not set(only_in_rubric) & set(catalog), "rubrics.po translates the rubric again"


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


def test_chapter_eight_cell_displays_the_file_of_its_language(monkeypatch):
    _, cell = _rubric_cell()
    monkeypatch.chdir(ROOT / "notebooks")  # where JupyterLab, Colab and the book run the chapter
    for lang, rubric in (("en", RUBRIC), ("zh", RUBRIC_ZH)):
        monkeypatch.setenv("SHARED_FUTURE_LANG", lang)  # as the book's Chinese edition runs it
        scope = {}
        exec(compile(cell.source.rsplit("\n", 1)[0], "rubric cell", "exec"), scope)
        shown = eval(cell.source.rsplit("\n", 1)[1], scope)
        assert shown.data == rubric.read_text(encoding="utf-8")
