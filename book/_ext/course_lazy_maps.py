"""Sphinx extension: maps in the book draw when they come near the viewport, not at page load.

A map (`shared_future.map_display.map_html`) is an iframe whose whole document sits in its
`srcdoc`, so the browser parses and runs it, Leaflet and the country outlines included, while
the page loads. Chromium ignores `loading="lazy"` on srcdoc iframes (measured with Debian's
Chromium 156: the frame ran at load, 5,000 px below the fold; an iframe with `src` waited). On
every page with a map the build renames the attribute to `data-sf-srcdoc` and adds the small
script `course_lazy_maps.js` after the page's content, which moves the document back when the
map is within a screen of the viewport, for every map with `?maps=eager` in the address
(`make handouts`, the browser tests) and before printing. Notebooks (JupyterLab, Colab) keep
the plain srcdoc and show their maps as before.
"""

from __future__ import annotations

import re
from pathlib import Path

from shared_future.map_assets import MARKER_CLASS

SCRIPT = Path(__file__).with_name("course_lazy_maps.js")
WAITING = "data-sf-srcdoc"
MAP_FRAME = re.compile(rf'(<div class="{MARKER_CLASS}"[^>]*>\s*<iframe) srcdoc=')


def defer_maps(body: str) -> str:
    """The page body with each map's document waiting in data-sf-srcdoc, and the script that draws it."""
    deferred, count = MAP_FRAME.subn(rf"\1 {WAITING}=", body)
    if not count:
        return body
    return deferred + f"\n<script>{SCRIPT.read_text(encoding='utf-8')}</script>\n"


def _defer_page_maps(app, pagename, templatename, context, doctree):
    if MARKER_CLASS in (context.get("body") or ""):
        context["body"] = defer_maps(context["body"])


def setup(app):
    app.connect("html-page-context", _defer_page_maps, priority=600)  # after course_map_files links the map files
    return {"parallel_read_safe": True, "parallel_write_safe": True}
