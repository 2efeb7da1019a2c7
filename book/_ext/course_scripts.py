"""Sphinx extension that drops from each page what it does not use, as the page is written.

- Jupyter Book 1 registers the inline configuration scripts of sphinx-thebe and
  sphinx-togglebutton twice; the second `const THEBE_JS_URL` throws in the browser. Repeated
  inline scripts are dropped from each page's script list.
- The extensions' script files (Sphinx's doctools, copybutton, togglebutton, the book theme,
  design tabs) load in the head without `defer`, so the browser stops reading the page until
  each has arrived, and a map's frame cannot start before them (about 0.3 s of a chapter's
  map-ready time, measured in `make bench`). They all start their work when the document is
  ready, and the inline scripts between them only set variables, so they are deferred: they
  still run in their order, after the page is read. Not on the search page, whose template
  loads `searchtools.js` without `defer`, and it calls doctools' `_ready` as it runs.
- Three things the theme writes from its templates, not from the page's script list, so the
  templates are read from the installed theme and served to Jinja without them (nothing of the
  theme is copied into this repository; a warning if a theme update moves them):
  - `fontawesome.js` (1.5 MB, about 0.5 MB compressed): pydata-sphinx-theme loads Font Awesome
    also as web fonts, which draw every icon the theme uses; the script exists only so that
    authors can add custom SVG icons, and the course adds none.
  - Sphinx's search index with `searchtools.js` and `language_data.js` (about 51 KB compressed)
    on every page, for the theme's search-as-you-type, which the course leaves off: the search
    dialog sends the reader to `search.html`, whose own template loads them.
  - The header's sidebar toggles, which sphinx-book-theme always hides: pydata-sphinx-theme 0.17
    and sphinx-book-theme bind their click handlers to the first `.primary-toggle` /
    `.secondary-toggle` of the page, this hidden pair, so the visible buttons in the article
    header did nothing (pydata/pydata-sphinx-theme#2451).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jinja2 import DictLoader
from sphinx.util import logging

logger = logging.getLogger(__name__)


SEARCH_PAGE = "search"


class ThemeEdit(NamedTuple):
    template: str  # the theme template's name as Jinja loads it
    drop: re.Pattern  # what is cut from its source
    what: str


THEME_EDITS = (
    ThemeEdit(
        "static/webpack-macros.html",
        re.compile(
            r'\s*<script defer src="\{\{ pathto\(\'_static/scripts/fontawesome\.js\', 1\) \}\}[^"]*">'
            r"</script>"
        ),
        "fontawesome.js",
    ),
    ThemeEdit(
        "pydata_sphinx_theme/layout.html",
        re.compile(
            r'\s*<script src="\{\{ pathto\(\'(?:_static/searchtools|_static/language_data|searchindex)'
            r'\.js\', 1\) \| e \}\}"></script>'
        ),
        "the search index scripts",
    ),
    ThemeEdit(
        "sections/header.html",
        re.compile(
            r'\s*<button class="pst-navbar-icon sidebar-toggle (?:primary|secondary)-toggle"[^>]*>'
            r'\s*<span class="fa-solid fa-[a-z-]+"></span>\s*</button>'
        ),
        "the hidden sidebar toggles",
    ),
)


def edited(source: str, edit: ThemeEdit) -> str:
    """The template's source without what the edit drops."""
    return edit.drop.sub("", source)


def _serve_edited_theme_templates(app) -> None:
    if app.builder.format != "html":
        return
    templates, changed = app.builder.templates, {}
    for edit in THEME_EDITS:
        try:
            source = templates.get_source(templates.environment, edit.template)[0]
        except Exception as err:  # noqa: BLE001 (another theme: nothing to drop)
            logger.warning(f"scripts: the theme has no {edit.template} ({err}); {edit.what} stay")
            continue
        changed[edit.template] = edited(source, edit)
        if changed[edit.template] == source:
            logger.warning(f"scripts: {edit.what} not found in the theme's {edit.template}: check the theme version")
    templates.loaders.insert(0, DictLoader(changed))


def deferred(script):
    """The script file loading with `defer` (an inline script, or one already async or deferred, as it is)."""
    if not script.filename or {"async", "defer"} & set(script.attributes):
        return script
    return type(script)(script.filename, priority=script.priority, **script.attributes, defer="defer")


def _tidy_page_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        body = script.attributes.get("body") if not script.filename else None
        if body is not None:
            if body in seen:
                continue
            seen.add(body)
        kept.append(script if pagename == SEARCH_PAGE else deferred(script))
    context["script_files"] = kept


def setup(app):
    app.connect("builder-inited", _serve_edited_theme_templates)
    app.connect("html-page-context", _tidy_page_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
