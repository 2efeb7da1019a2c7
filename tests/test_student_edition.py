"""The student edition (student/) and the teachers' no-solutions edition, against their sources.

`student/` is committed so Binder, Colab and nbgitpuller can open it: it must be exactly what
`python -m shared_future.student_edition` writes from `notebooks/` now. The no-solutions edition
must hold no line of any source solution; the student edition holds each one, inside a closed
`<details>`. Raw MyST never reaches either.
"""

import re
from pathlib import Path

import nbformat
import pytest

from shared_future import student_edition as edition

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = edition.chapters()
SOLUTION = re.compile(r"^(`{3,})\{solution\}[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
RAW_MYST = re.compile(r"\{cite\}|\{term\}|:::|```\{|\{(?:exercise|solution|admonition|note)\}|^:\w+:", re.M)


def _markdown(notebook) -> str:
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def _solution_lines(source: Path) -> list[str]:
    """The solution prose of a source chapter: each long line of each {solution}, roles removed."""
    bodies = SOLUTION.findall(_markdown(nbformat.read(source, as_version=4)))
    assert bodies, f"{source.name}: no solutions found"
    lines = []
    for _, body in bodies:
        for line in body.splitlines():
            for text in (t.strip() for t in re.split(r"\{\w+\}`[^`]*`", line)):
                if len(text) >= 25 and not text.startswith((":", "`")):
                    lines.append(text)
    return lines


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_committed_student_edition_is_current(source):
    committed = nbformat.read(edition.STUDENT_DIR / source.name, as_version=4)
    fresh = edition.student_notebook(source)
    assert [(c.cell_type, c.source, c.metadata, c.get("outputs", [])) for c in committed.cells] == [
        (c.cell_type, c.source, c.metadata, []) for c in fresh.cells
    ], f"student/{source.name} is out of date: run `make student-edition`"
    assert committed.metadata == fresh.metadata


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_student_edition_renders_everywhere_and_leaves_room_to_answer(source):
    student = edition.student_notebook(source)
    assert not RAW_MYST.search(_markdown(student))
    # The book has no dollar math, so every $ is a currency sign; JupyterLab would typeset $...$.
    prose = re.sub(
        r"(`+).+?(?<!`)\1(?!`)", "", re.sub(r"^(`{3,}).*?^\1", "", _markdown(student), flags=re.M | re.S), flags=re.S
    )
    assert not re.search(r"(?<!\\\\)\$", prose), f"{source.name}: a $ not written \\\\$ would start math in Jupyter"
    cells = student.cells
    assert "orientation" in cells[0].metadata["tags"] and cells[1].source.startswith("# ")
    answers = [i for i, c in enumerate(cells) if edition.ANSWER_TAG in c.metadata.get("tags", [])]
    exercises = [i for i, c in enumerate(cells) if re.search(r"^> \*\*Exercise \d+: ", c.source, re.M)]
    assert answers == [i + 1 for i in exercises] and len(answers) == _markdown(
        nbformat.read(source, as_version=4)
    ).count("{exercise}")
    for number, index in enumerate(answers, 1):
        assert "\n" not in cells[index].source and f"xercise {number}" in cells[index].source
    written = [cells[i].cell_type for i in answers if "words" in cells[i - 1].source]
    assert written and set(written) == {"markdown"}, "written answers go in Markdown cells"
    first_code = next(c for c in cells if c.cell_type == "code")
    assert "colab-setup" in first_code.metadata["tags"], "the Colab cell must still run before any other code"


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_solutions_are_closed_in_the_student_edition_and_absent_in_the_no_solutions_one(source):
    lines = _solution_lines(source)
    with_solutions = _markdown(edition.student_notebook(source))
    without = _markdown(edition.student_notebook(source, solutions=False))
    details = [
        body.replace(edition.JUPYTER_DOLLAR, "$")
        for body in re.findall(  # currency signs are escaped for Jupyter
            r"<details><summary>.*?</summary>(.*?)</details>", with_solutions, re.S
        )
    ]
    without = without.replace(edition.JUPYTER_DOLLAR, "$")
    assert len(details) == len(SOLUTION.findall(_markdown(nbformat.read(source, as_version=4))))
    for line in lines:
        assert any(line in body for body in details), f"{source.name}: solution line not in a <details>: {line!r}"
        assert line not in without, f"{source.name}: the no-solutions edition shows {line!r}"
    assert "<details" not in without and edition.SOLUTION_SUMMARY not in without


def test_dollar_signs_stay_currency_outside_code():
    chapter = edition._Chapter("01_what_is_it", solutions=True)
    assert chapter.roles('US$1 trillion and US\\$2 `df["$x"]`') == 'US\\\\$1 trillion and US\\\\$2 `df["$x"]`'
    assert chapter.roles("```python\ncost = '$3'\n```") == "```python\ncost = '$3'\n```"


def test_no_solutions_edition_is_written_by_the_command(tmp_path):
    assert edition.main(["--no-solutions", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.ipynb")) == [p.name for p in CHAPTERS]
    for path in tmp_path.glob("*.ipynb"):
        assert nbformat.read(path, as_version=4).metadata["shared_future"]["edition"] == "no-solutions"


def test_citations_are_author_year_links_and_terms_point_at_the_chapter_glossary():
    text = _markdown(edition.student_notebook(ROOT / "notebooks" / "01_what_is_it.ipynb"))
    assert "([Wikipedia contributors, 2024](https://en.wikipedia.org/wiki/Community_of_Common_Destiny))" in text
    assert f"[peaceful development]({edition.TERMS_ANCHOR})" in text
    assert f"## {edition.TERMS_HEADING}" in text and "**peaceful development** (" in text


@pytest.mark.parametrize(
    "markup, message",
    [
        ("```{figure} x.png\n```", "directive {figure} has no student rendering"),
        ("See {ref}`intro`.", "role {ref} has no student rendering"),
        ("As {cite}`no_such_key` says.", "{cite} key 'no_such_key' is in no .bib file"),
        ("A {term}`no such term`.", "{term} 'no such term' is not in data/glossary.csv"),
        ("```{exercise} Open\n:label: x\nnever closed", "{exercise} opened with ``` is never closed"),
    ],
)
def test_markup_without_a_student_rendering_is_named(tmp_path, markup, message):
    path = tmp_path / "01_what_is_it.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markup)]), path)
    with pytest.raises(ValueError, match=re.escape(f"notebooks/01_what_is_it.ipynb: {message}")):
        edition.student_notebook(path)
