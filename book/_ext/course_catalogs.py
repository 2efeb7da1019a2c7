"""Sphinx extension: the course's own additions to the message catalogs of the extensions it uses.

`locale/<language>/LC_MESSAGES/<name>.po`, beside the page catalogs, holds what an extension's own
catalog lacks: `exercise` (sphinx-exercise: "Solution", book/_ext/course_exercise_titles.py) and
`booktheme` (sphinx-book-theme, which translates the launch buttons' texts and tooltips through
it: book/_ext/course_launch.py); `course` holds the course extensions' own words, read with
`sphinx.locale.get_translation("course")`. Each is compiled next to its .po when the book is built
and added behind the extension's own catalog, so it only fills gaps there.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = ["CATALOGS", "LOCALE", "compiled_catalog"]

LOCALE = Path(__file__).resolve().parent.parent.parent / "locale"
CATALOGS = ("exercise", "booktheme", "course")


def compiled_catalog(language: str, name: str) -> Path | None:
    """The course's catalog `name` for `language`, compiled next to its .po (None if it has none)."""
    po = LOCALE / language / "LC_MESSAGES" / f"{name}.po"
    if not po.is_file():
        return None
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        with open(po, "rb") as source:
            catalog = read_po(source, locale=language)
        with open(mo, "wb") as target:
            write_mo(target, catalog)
    return mo


def _add_course_catalogs(app) -> None:
    for name in CATALOGS:
        if app.config.language and compiled_catalog(app.config.language, name):
            app.add_message_catalog(name, str(LOCALE))


def setup(app):
    app.connect("builder-inited", _add_course_catalogs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
