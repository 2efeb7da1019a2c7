"""Sphinx extension that escapes the page titles the theme writes unescaped.

sphinx-book-theme puts the title's plain text, unescaped, into the print heading
(`{{ pagetitle }}`) and the sidebar (`{{ root_title }}`); a title holding `<img ...>` (text from
a data or quiz file) would run there. Both are HTML-escaped after the theme sets them.
"""

from __future__ import annotations

import html


def _escape_theme_titles(app, pagename, templatename, context, doctree):
    for key in ("pagetitle", "root_title"):
        if isinstance(context.get(key), str):
            context[key] = html.escape(context[key], quote=True)


def setup(app):
    app.connect("html-page-context", _escape_theme_titles, priority=900)  # after the theme's own handler
    return {"parallel_read_safe": True, "parallel_write_safe": True}
