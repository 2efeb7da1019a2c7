"""Sphinx extension that keeps every page light.

pydata-sphinx-theme loads Font Awesome twice: as web fonts from its stylesheet, which draw
every icon the theme uses, and as `fontawesome.js` (1.5 MB, about 0.5 MB compressed), which
exists only so that authors can add custom SVG icons. The course adds none, so the script is
removed from each built page.
"""
from __future__ import annotations

import re
from pathlib import Path

from course_pages import pages_written

FONTAWESOME_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def strip_fontawesome_script(html: str) -> str:
    return FONTAWESOME_SCRIPT.sub("", html)


def _on_build_finished(app, exception) -> None:
    """Strip the script from the built pages (none to strip when this build wrote no page)."""
    if exception or app.builder.format != "html" or not pages_written(app):
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        slim = strip_fontawesome_script(text)
        if slim != text:
            page.write_text(slim, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
