"""The student edition of the chapters: the source notebooks in Markdown any Jupyter renders.

The chapters are written once, in `notebooks/`, in MyST (admonitions, `{exercise}` and
`{solution}` boxes, `{cite}` and `{term}` roles) for the book. Stock JupyterLab, Colab and a
school hub print MyST as raw text, so this module writes `student/`, the edition students open:

- admonitions and exercises become block quotes with a bold title;
- each solution sits in a `<details>` element, closed until the student clicks "Show the
  solution" (or is left out altogether in the teachers' no-solutions edition);
- after every exercise comes an empty answer cell, Markdown for written answers, code for
  exercises that ask for code, with a one-line prompt;
- `{cite}` becomes "(Author, year)" linked to the source, `{term}` a link to a "Terms used in
  this chapter" cell at the end that gives each term's Chinese, pinyin and definition;
- a first cell says what the chapter is, how long it takes and how to work in the notebook;
- the Colab set-up cell comes after the title, collapsed and labelled, and changes into this
  folder.

    python -m shared_future.student_edition                   # rewrite student/ (committed)
    python -m shared_future.student_edition --no-solutions DIR  # the teachers' hand-out edition

Markup this module does not know raises ValueError naming the notebook, so a new directive
cannot reach students raw. `tests/test_student_edition.py` checks that `student/` is current.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import nbformat

from .bibliography import entries as bibliography
from .escaping import markdown_link, markdown_text
from .paths import course_root, data_dir

__all__ = [
    "ANSWER_TAG",
    "JUPYTER_DOLLAR",
    "SOLUTION_SUMMARY",
    "SOURCE_DIR",
    "STUDENT_DIR",
    "TERMS_ANCHOR",
    "TERMS_HEADING",
    "chapters",
    "main",
    "orientation_cell",
    "student_notebook",
    "write_edition",
]

ROOT = course_root()
SOURCE_DIR = ROOT / "notebooks"
STUDENT_DIR = ROOT / "student"
ANSWER_TAG = "answer"
SOLUTION_SUMMARY = "Show the solution"
TERMS_HEADING = "Terms used in this chapter"
TERMS_ANCHOR = "#" + TERMS_HEADING.replace(" ", "-")

_OPENING = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<argument>.*?)[ \t]*$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
_ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<content>[^`]*)`")
_CODE_FENCE = re.compile(r"^(`{3,})(?!\{)[^\n]*\n.*?^\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)", re.S)
# A dollar sign, bare or backslash-escaped. JupyterLab 4.6 typesets "US\$5 and US\$6" as math
# (measured: it unescapes before MathJax runs); only "\\$" shows a plain "$".
_DOLLAR = re.compile(r"(?<!\\)\\?\$")
JUPYTER_DOLLAR = r"\\$"
_TERM = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
_ADMONITIONS = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "seealso": "See also"}
# Written answers: the timing rule's test (tests/test_timing.py) counts "N words" the same way.
_WRITTEN = re.compile(r"\b\d+ words\b")
_ASKS_FOR_CODE = re.compile(r"\b(code|change|run|pandas|compute|query|count)\b", re.I)


@dataclass(frozen=True)
class Exercise:
    number: int
    label: str
    title: str
    body: str

    @property
    def wants_code(self) -> bool:
        """Whether the answer is code (else a written answer in Markdown)."""
        return not _WRITTEN.search(self.body) and bool(_ASKS_FOR_CODE.search(self.title + " " + self.body))


# --- what the roles point at ------------------------------------------------------------------


def glossary() -> dict[str, dict]:
    """The glossary rows of data/glossary.csv, by lower-case term."""
    with (data_dir() / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        return {row["term"].lower(): row for row in csv.DictReader(handle)}


def _outline() -> list[dict]:
    with (data_dir() / "course_outline.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- MyST to CommonMark -----------------------------------------------------------------------


class _Chapter:
    """The conversion of one notebook: exercise numbers and the glossary terms it uses."""

    def __init__(self, name: str, solutions: bool):
        self.name, self.solutions = name, solutions
        self.exercises: list[Exercise] = []
        self.terms: dict[str, dict] = {}

    def fail(self, message: str) -> NoReturn:
        raise ValueError(f"notebooks/{self.name}.ipynb: {message}")

    def roles(self, text: str) -> str:
        """Outside code blocks: `{cite}` and `{term}` turned into Markdown links, and every `$`
        escaped (the book has no dollar math, but JupyterLab and Colab typeset `$...$`)."""
        pieces, last = [], 0
        for block in _CODE_FENCE.finditer(text):
            pieces += [self._prose(text[last : block.start()]), block.group(0)]
            last = block.end()
        return "".join(pieces + [self._prose(text[last:])])

    def _prose(self, text: str) -> str:
        return _currency(_ROLE.sub(self._role, text))

    def _role(self, match: re.Match) -> str:
        role, content = match["role"], " ".join(match["content"].split())
        if role == "cite":
            links = []
            for key in (k.strip() for k in content.split(",")):
                entry = bibliography().get(key)
                if entry is None:
                    self.fail(f"{{cite}} key {key!r} is in no .bib file of _config.yml")
                links.append(markdown_link(entry.url or None, entry.label))
            return "(" + "; ".join(links) + ")"
        if role == "term":
            found = _TERM.match(content)
            text, target = (found["text"], found["target"]) if found else (content, content)
            row = glossary().get(" ".join(target.split()).lower())
            if row is None:
                self.fail(f"{{term}} {target!r} is not in data/glossary.csv")
            self.terms[row["term"].lower()] = row
            return f"[{markdown_text(text)}]({TERMS_ANCHOR})"
        self.fail(f"role {{{role}}} has no student rendering (in {match.group(0)[:60]!r})")

    def markdown(self, text: str) -> list:
        """A Markdown cell's parts: Markdown strings, and an Exercise wherever an answer cell goes."""
        parts, buffer = [], []
        lines = text.split("\n")
        i = 0
        while i < len(lines):
            opening = _OPENING.match(lines[i])
            if not opening:
                buffer.append(lines[i])
                i += 1
                continue
            options, body, i = self._directive(lines, i, opening)
            name, argument = opening["name"], opening["argument"]
            if name == "exercise":
                exercise = Exercise(len(self.exercises) + 1, options.get("label", ""), argument, body)
                self.exercises.append(exercise)
                buffer.append(_quote(f"**Exercise {exercise.number}: {argument}**", self.nested(body)))
                parts += ["\n".join(buffer), exercise]
                buffer = []
            elif name == "solution":
                if self.solutions:
                    buffer.append(
                        f"<details><summary>{SOLUTION_SUMMARY} to exercise {len(self.exercises)}"
                        "</summary>\n\n"
                        f"{self.nested(body).strip()}\n\n</details>"
                    )
                elif buffer and not buffer[-1].strip():
                    buffer.pop()
            elif name == "admonition" or name in _ADMONITIONS:
                buffer.append(_quote(f"**{argument or _ADMONITIONS[name]}**", self.nested(body)))
            else:
                self.fail(f"directive {{{name}}} has no student rendering")
        parts.append("\n".join(buffer))
        return [
            self.roles(p.strip("\n")) if isinstance(p, str) else p for p in parts if not isinstance(p, str) or p.strip()
        ]

    def nested(self, body: str) -> str:
        parts = self.markdown(body)
        if any(isinstance(p, Exercise) for p in parts):
            self.fail("an exercise inside another directive")
        return "\n".join(parts)

    def _directive(self, lines: list[str], start: int, opening: re.Match) -> tuple[dict, str, int]:
        """Options, body and the index after the closing fence of the directive opening at `start`."""
        fence, i, options = opening["fence"], start + 1, {}
        while i < len(lines) and (option := _OPTION.match(lines[i])):
            options[option["key"]] = option["value"]
            i += 1
        for end in range(i, len(lines)):
            if lines[end].strip() == fence:
                return options, "\n".join(lines[i:end]).strip("\n"), end + 1
        self.fail(f"{{{opening['name']}}} opened with {fence} is never closed")


def _currency(text: str) -> str:
    """Every dollar sign outside code spans written so that no Jupyter typesets it as math."""
    pieces, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        pieces += [_DOLLAR.sub(lambda _: JUPYTER_DOLLAR, text[last : span.start()]), span.group(0)]
        last = span.end()
    return "".join(pieces + [_DOLLAR.sub(lambda _: JUPYTER_DOLLAR, text[last:])])


def _quote(title: str, body: str) -> str:
    """A block quote: the bold title, then the body (blank lines kept inside the quote)."""
    return "\n".join(">" + (" " + line if line else "") for line in [title, "", *body.split("\n")])


# --- the cells students get ---------------------------------------------------------------------


def answer_cell(exercise: Exercise) -> nbformat.NotebookNode:
    """The empty cell after an exercise, with a one-line prompt; tagged for tests and tools."""
    metadata = {"tags": [ANSWER_TAG], "exercise": exercise.label}
    if exercise.wants_code:
        return nbformat.v4.new_code_cell(
            f"# Exercise {exercise.number}: your code here (Shift+Enter runs it)", metadata=metadata
        )
    return nbformat.v4.new_markdown_cell(
        f"✏️ **Your answer to exercise {exercise.number}** (double-click this cell, write below this line,"
        " then press Shift+Enter):",
        metadata=metadata,
    )


def orientation_cell(name: str, solutions: bool = True) -> nbformat.NotebookNode:
    """The first cell: which chapter, how long, and how to work in a notebook."""
    outline = _outline()
    row = next((r for r in outline if r["notebook"] == name), None)
    if row is None:
        raise ValueError(f"data/course_outline.csv: no row for notebook {name!r}")
    optional = int(row["optional_minutes"])
    hidden = (
        f'are hidden under "{SOLUTION_SUMMARY}": try the exercise first'
        if solutions
        else "are not in this edition: your teacher has them"
    )
    time = f"about {row['minutes']} minutes" + (f", plus {optional} optional" if optional else "")
    text = f"""> **Chapter {row["chapter"]} of {len(outline)}: {markdown_text(row["title"])}** ({time})
>
> - **Run a cell**: click it and press **Shift+Enter** (or the ▶ button). *Run > Run All Cells*
>   runs the whole chapter; run the cells in order, since later ones use what earlier ones load.
> - **Your answers**: after each exercise comes an empty cell marked ✏️. Write text answers there
>   (double-click the cell, then Shift+Enter to show it) and code in the code cells. Save with
>   Ctrl+S (on Binder, *File > Download* before you leave: a Binder session is not kept).
> - **Solutions** {hidden}.
> - **The quiz** near the end appears when its cell runs. Your quiz answers are saved on this
>   computer; `shared_future.progress.show_progress()` lists them and
>   `shared_future.progress.export_csv("your-name.csv")` writes a file for your teacher.
> - **On Google Colab**, the first code cell (\"Google Colab only\") fetches the course; run it first."""
    return nbformat.v4.new_markdown_cell(text, metadata={"tags": ["orientation"]})


def _colab_setup():
    path = ROOT / "scripts" / "colab_setup.py"
    spec = importlib.util.spec_from_file_location("colab_setup", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def colab_cell() -> nbformat.NotebookNode:
    """The Colab set-up cell for this folder: collapsed in JupyterLab, a titled form in Colab."""
    colab = _colab_setup()
    source = (
        "#@title Google Colab only: fetch the course's data and helpers (click to see the code)\n"
        + colab.cell_source(folder=STUDENT_DIR.name)
    )
    return nbformat.v4.new_code_cell(
        source, metadata={"tags": [colab.TAG], "cellView": "form", "jupyter": {"source_hidden": True}}
    )


def terms_cell(terms: dict[str, dict]) -> nbformat.NotebookNode:
    lines = [f"## {TERMS_HEADING}", ""]
    for row in sorted(terms.values(), key=lambda r: r["term"].lower()):
        lines.append(
            f"- **{markdown_text(row['term'])}** ({markdown_text(row['chinese'])}, "
            f"*{markdown_text(row['pinyin'])}*): {markdown_text(row['definition'])} "
            f"{markdown_link(row['source_url'], 'Source')}"
        )
    return nbformat.v4.new_markdown_cell(_currency("\n".join(lines)), metadata={"tags": ["glossary"]})


def student_notebook(source: Path, solutions: bool = True) -> nbformat.NotebookNode:
    """The student edition of one chapter notebook (outputs dropped)."""
    notebook = nbformat.read(source, as_version=4)
    chapter = _Chapter(source.stem, solutions)
    colab_tag = _colab_setup().TAG
    cells = [orientation_cell(source.stem, solutions)]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for part in chapter.markdown(cell.source):
                cells.append(answer_cell(part) if isinstance(part, Exercise) else nbformat.v4.new_markdown_cell(part))
        elif colab_tag in cell.metadata.get("tags", []):
            cells.append(colab_cell())
        else:
            cells.append(nbformat.v4.new_code_cell(cell.source, metadata=dict(cell.metadata)))
    if chapter.terms:
        cells.append(terms_cell(chapter.terms))
    for number, cell in enumerate(cells, 1):
        cell.id = f"{source.stem[:2]}-{number:03d}"
    student = nbformat.v4.new_notebook(cells=cells, metadata=notebook.metadata)
    student.metadata["shared_future"] = {
        "edition": "student" if solutions else "no-solutions",
        "generated_from": f"notebooks/{source.name}",
        "regenerate": "python -m shared_future.student_edition",
    }
    return student


def chapters() -> list[Path]:
    return sorted(SOURCE_DIR.glob("[0-9][0-9]_*.ipynb"))


def write_edition(folder: Path, solutions: bool = True) -> list[Path]:
    """Write every chapter's edition into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in chapters():
        target = folder / source.name
        nbformat.write(student_notebook(source, solutions), target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-solutions",
        metavar="DIR",
        type=Path,
        help="write the edition without solutions (for teachers to hand out) into DIR",
    )
    args = parser.parse_args(argv)
    try:
        if args.no_solutions:
            written = write_edition(args.no_solutions, solutions=False)
        else:
            written = write_edition(STUDENT_DIR)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"wrote {len(written)} notebooks to {written[0].parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
