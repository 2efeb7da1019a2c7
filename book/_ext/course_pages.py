"""Sphinx extension that writes the course pages generated from data (never typed twice).

- `book/glossary.md` from `data/glossary.csv`, as a Sphinx glossary, so chapters can link
  terms with {term}`Belt and Road Initiative`.

Generated files are written before Sphinx reads the sources, only when their text changes
(so an unchanged build stays an unchanged build), and are not committed. When every generated
file is newer than its inputs, nothing is read at all: a no-change rebuild then skips importing
pandas and pandera (about half a second).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1]
ROOT = BOOK.parent


def glossary_markdown() -> str:
    """The glossary page: every term with its Chinese, pinyin, definition and source."""
    lines = [
        "# Glossary", "",
        "Key terms of the course, with the Chinese and its pinyin. Each definition links to a source;",
        "contested terms say whose term they are.", "",
        "```{glossary}",
    ]
    from shared_future.data import load

    for row in load("glossary").sort_values("term", key=lambda s: s.str.lower()).itertuples():
        chinese = f"{row.chinese} (*{row.pinyin}*). " if row.chinese else ""
        lines += [row.term, f"  {chinese}{row.definition} [Source]({row.source_url})", ""]
    lines.append("```")
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


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


def generate_pages(app, config) -> None:
    page = BOOK / "glossary.md"
    inputs = [ROOT / "data" / "glossary.csv", ROOT / "shared_future" / "schemas.py", Path(__file__)]
    if not up_to_date([page], inputs):
        write_if_changed(page, glossary_markdown())
        mark_current([page])


def setup(app):
    app.connect("config-inited", generate_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
