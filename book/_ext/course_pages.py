"""Sphinx extension that writes the course pages generated from data (never typed twice).

- `book/glossary.md` from `data/glossary.csv`, as a Sphinx glossary, so chapters can link
  terms with {term}`Belt and Road Initiative`.

Generated files are written before Sphinx reads the sources, only when their text changes
(so an unchanged build stays an unchanged build), and are not committed.
"""
from __future__ import annotations

from pathlib import Path

from shared_future.data import load

BOOK = Path(__file__).resolve().parents[1]


def glossary_markdown() -> str:
    """The glossary page: every term with its Chinese, pinyin, definition and source."""
    lines = [
        "# Glossary", "",
        "Key terms of the course, with the Chinese and its pinyin. Each definition links to a source;",
        "contested terms say whose term they are.", "",
        "```{glossary}",
    ]
    for row in load("glossary").sort_values("term", key=lambda s: s.str.lower()).itertuples():
        chinese = f"{row.chinese} (*{row.pinyin}*). " if row.chinese else ""
        lines += [row.term, f"  {chinese}{row.definition} [Source]({row.source_url})", ""]
    lines.append("```")
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate_pages(app, config) -> None:
    write_if_changed(BOOK / "glossary.md", glossary_markdown())


def setup(app):
    app.connect("config-inited", generate_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
