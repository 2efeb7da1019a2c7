"""Sphinx extension that drops scripts a page does not need, as the page is written.

- Jupyter Book 1 registers the inline configuration scripts of sphinx-thebe and
  sphinx-togglebutton twice; the second `const THEBE_JS_URL` throws in the browser. Repeated
  inline scripts are dropped from each page's script list.
- pydata-sphinx-theme loads Font Awesome twice: as web fonts from its stylesheet, which draw
  every icon the theme uses, and as `fontawesome.js` (1.5 MB, about 0.5 MB compressed), which
  exists only so that authors can add custom SVG icons. The course adds none. The theme writes
  that script tag from a template macro, not the page's script list, so the macro file is read
  from the theme and served to Jinja without the tag (nothing of the theme is copied here).
"""
from __future__ import annotations

import re

from jinja2 import DictLoader
from sphinx.util import logging

logger = logging.getLogger(__name__)
THEME_MACROS = "static/webpack-macros.html"
FONTAWESOME_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def without_fontawesome_script(template: str) -> str:
    return FONTAWESOME_SCRIPT.sub("", template)


def _theme_macros_without_fontawesome(app) -> None:
    if app.builder.format != "html":
        return
    templates = app.builder.templates
    try:
        source = templates.get_source(templates.environment, THEME_MACROS)[0]
    except Exception as err:  # noqa: BLE001 (another theme: nothing to drop)
        logger.warning(f"scripts: the theme has no {THEME_MACROS} ({err}); fontawesome.js is not dropped")
        return
    slim = without_fontawesome_script(source)
    if slim == source:
        logger.warning(f"scripts: no fontawesome.js tag in the theme's {THEME_MACROS}: check the theme version")
    templates.loaders.insert(0, DictLoader({THEME_MACROS: slim}))


def _drop_repeated_inline_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        body = script.attributes.get("body") if not script.filename else None
        if body is not None:
            if body in seen:
                continue
            seen.add(body)
        kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("builder-inited", _theme_macros_without_fontawesome)
    app.connect("html-page-context", _drop_repeated_inline_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
