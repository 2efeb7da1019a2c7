"""Sphinx extension that writes the course pages generated from data (never typed twice).

- `book/glossary.md` from `data/glossary.csv`, as a Sphinx glossary, so chapters can link
  terms with {term}`Belt and Road Initiative`.
- `book/teachers/objectives.md` from the objectives box of every chapter in
  `data/course_outline.csv`, so the teacher's guide always states what the chapters state.

Every text from a data file is escaped for MyST (`shared_future.escaping.myst_text`): one
line, punctuation escaped, so no markup, role, HTML, fence or `{{ }}` substitution in a cell
can reach the page. Pages are written into the book being built (`app.srcdir`), from the
data folder the package reads (`$SHARED_FUTURE_DATA` or `data/`).

Generated files are written before Sphinx reads the sources, only when their text changes
(so an unchanged build stays an unchanged build), and are not committed. When no input changed
since the build last found its generated files current (its stamp in its own doctree folder,
`build_stamp`: the English and the Chinese builds share these files and never touch them for the
other), nothing is read at all: a no-change rebuild then skips importing pandas and pandera
(about half a second).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from shared_future.escaping import myst_link, myst_text
from shared_future.paths import data_dir


def glossary_markdown() -> str:
    """The glossary page: every term with its Chinese, pinyin, definition and source."""
    lines = [
        "# Glossary",
        "",
        "Key terms of the course, with the Chinese and its pinyin. Each definition links to a source;",
        "contested terms say whose term they are.",
        "",
        "````{glossary}",
    ]
    from shared_future.data import load

    for row in load("glossary").sort_values("term", key=lambda s: s.str.lower()).itertuples():
        chinese = f"{myst_text(row.chinese)} (*{myst_text(row.pinyin)}*). " if row.chinese else ""
        lines += [
            myst_text(row.term),
            f"  {chinese}{myst_text(row.definition)} {myst_link(row.source_url, 'Source')}",
            "",
        ]
    lines.append("````")
    return "\n".join(lines) + "\n"


OBJECTIVES_INTRO = """# Learning objectives

Each chapter opens with three to five learning objectives, each a verb a teacher can assess.
They are collected here, from the chapters' own objective boxes, so that a course, a term plan
or an assessment can be built from them. Every quiz question is tied to one objective: the
[answer keys](answers/index.md) name it for each question, so you can see which objectives a
quiz covers and which need a written task.
"""


def chapter_objectives(notebook: Path) -> str:
    """The list under "Learning objectives." in a chapter's objectives box (Markdown)."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        found = re.search(r"\*\*Learning objectives\.\*\*[^\n]*\n(.*?)(?:\n\s*\n|\n\*\*|\n:::)", source, re.S)
        if cell["cell_type"] == "markdown" and found:
            return found.group(1).strip()
    raise ValueError(f"notebooks/{notebook.name}: no '**Learning objectives.**' list in the objectives box")


def objectives_markdown(book: Path) -> str:
    """The teacher's page of objectives, chapter by chapter, in course order (notebooks of `book`)."""
    from shared_future.data import load

    lines = [OBJECTIVES_INTRO]
    for chapter in load("course_outline").itertuples():
        notebook = book / "notebooks" / f"{chapter.notebook}.ipynb"
        if not notebook.is_file():
            raise ValueError(
                f"data/course_outline.csv: chapter {chapter.chapter}: field notebook: "
                f"no notebook {notebook.name} in notebooks/"
            )
        lines += [
            f"## {chapter.chapter}. {myst_text(chapter.title)}",
            "",
            f"From [chapter {chapter.chapter}](../../notebooks/{notebook.name}). By the end a student can:",
            "",
            chapter_objectives(notebook),
            "",
        ]
    return "\n".join(lines)


def write_if_changed(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8) to `path`, creating its folder, unless the file already holds
    it: an unchanged file keeps its time, so Sphinx and the browser cache see no change."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def up_to_date(outputs: Iterable[Path], inputs: Iterable[Path]) -> bool:
    """True when every output exists and none is older than any input."""
    outputs = list(outputs)
    if not outputs or not all(path.exists() for path in outputs):
        return False
    oldest = min(path.stat().st_mtime for path in outputs)
    return all(path.stat().st_mtime <= oldest for path in inputs)


def mark_current(outputs: Iterable[Path]) -> None:
    """Touch generated files after a check, so unchanged text still counts as up to date."""
    for path in outputs:
        os.utime(path)


def build_stamp(app, name: str) -> Path:
    """This build's record of when its generated `name` pages were last found current, in its own
    doctree folder: the English and the Chinese builds share the source folder, and a page touched
    by one would be read again by the other (`fresh`, `mark_fresh`)."""
    return Path(app.doctreedir) / f"course-{name}.stamp"


def fresh(pages: Iterable[Path], inputs: Iterable[Path], stamp: Path) -> bool:
    """True when every page exists and no input changed since this build's `stamp`."""
    return all(path.exists() for path in pages) and up_to_date([stamp], inputs)


def mark_fresh(stamp: Path) -> None:
    """Record that this build found its pages current (the pages keep their times)."""
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.touch()


PACKAGE = Path(__file__).resolve().parents[2] / "shared_future"


def count_pages(app, pagename, templatename, context, doctree) -> None:
    """Count the pages this build writes: steps that work on the finished site skip when it is 0."""
    app.course_pages_written = getattr(app, "course_pages_written", 0) + 1


def pages_written(app) -> int:
    return getattr(app, "course_pages_written", 0)


# Other sites built inside the English one's folder: the Chinese edition (`make book-zh`) and
# JupyterLite. Each is a whole site with its own `_static/`, cut and checked by its own build.
EDITION_FOLDERS = ("zh", "lite")


def site_pages(outdir: Path) -> list[Path]:
    """The HTML pages of the site in `outdir`, without the other sites built inside it."""
    return sorted(page for page in outdir.rglob("*.html") if page.relative_to(outdir).parts[0] not in EDITION_FOLDERS)


def generate_pages(app, config) -> None:
    book = Path(app.srcdir)
    page = book / "book" / "glossary.md"
    inputs = [data_dir() / "glossary.csv", PACKAGE / "schemas.py", PACKAGE / "escaping.py", Path(__file__)]
    stamp = build_stamp(app, "glossary")
    if not fresh([page], inputs, stamp):
        write_if_changed(page, glossary_markdown())
        mark_fresh(stamp)
    page = book / "book" / "teachers" / "objectives.md"
    inputs = [
        data_dir() / "course_outline.csv",
        *(book / "notebooks").glob("*.ipynb"),
        PACKAGE / "escaping.py",
        Path(__file__),
    ]
    stamp = Path(app.doctreedir) / "course-objectives.sha256"  # this build's: the digest of what it wrote
    if not fresh([page], inputs, stamp):
        digest = objectives_digest(inputs)
        if not (page.exists() and stamp.is_file() and stamp.read_text() == digest):
            write_if_changed(page, objectives_markdown(book))
        write_if_changed(stamp, digest)
        mark_fresh(stamp)


def objectives_digest(inputs: list[Path]) -> str:
    """What the objectives page is made of: the files, but of a notebook only its objectives list.
    A notebook edit elsewhere (the common case) then leaves the page as it is, untouched (so Sphinx
    does not read it again), without loading the outline (which imports pandas and pandera: about 0.6 s)."""
    digest = hashlib.sha256()
    for path in sorted(inputs):
        digest.update(path.name.encode())
        if path.suffix != ".ipynb":
            digest.update(path.read_bytes())
            continue
        try:
            digest.update(chapter_objectives(path).encode())
        except ValueError as err:
            digest.update(str(err).encode())
    return digest.hexdigest()


def setup(app):
    app.connect("config-inited", generate_pages)
    app.connect("html-page-context", count_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
