"""Sphinx extension that keeps every page light.

pydata-sphinx-theme loads Font Awesome twice: as web fonts from its stylesheet, which draw
every icon the theme uses, and as `fontawesome.js` (1.5 MB, about 0.5 MB compressed), which
exists only so that authors can add custom SVG icons. The course adds none, so the script is
removed from each built page.

pydata-sphinx-theme also loads Sphinx's search index (`searchindex.js`, 43 KB compressed, with
`searchtools.js` and `language_data.js`) on every page, for its search-as-you-type option,
which the course leaves off: the search dialog sends the reader to `search.html`, which loads
them itself. They are removed from every other page.

The same pass drops the theme's header sidebar toggles, which sphinx-book-theme always hides
(`.bd-header button.sidebar-toggle{display:none}`): pydata-sphinx-theme 0.17 and
sphinx-book-theme bind their click handlers to the first `.primary-toggle` / `.secondary-toggle`
of the page, which is this hidden pair, so the visible buttons in the article header did nothing
(pydata/pydata-sphinx-theme#2451). Without them the handlers bind to the visible buttons.
"""
from __future__ import annotations

import re
from pathlib import Path

from course_pages import pages_written

FONTAWESOME_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools|_static/language_data|searchindex)\.js">'
                            r'</script>')
HIDDEN_SIDEBAR_TOGGLES = re.compile(r'\s*<button class="pst-navbar-icon sidebar-toggle (?:primary|secondary)-toggle"'
                                    r'[^>]*>\s*<span class="fa-solid fa-[a-z-]+"></span>\s*</button>')


def strip_fontawesome_script(html: str) -> str:
    return FONTAWESOME_SCRIPT.sub("", html)


def strip_search_scripts(html: str) -> str:
    return SEARCH_SCRIPTS.sub("", html)


def strip_hidden_sidebar_toggles(html: str) -> str:
    return HIDDEN_SIDEBAR_TOGGLES.sub("", html)


def slim_page(html: str, search_page: bool) -> str:
    """The page without the scripts it does not use and without the hidden toggles."""
    html = strip_hidden_sidebar_toggles(strip_fontawesome_script(html))
    return html if search_page else strip_search_scripts(html)


def _on_build_finished(app, exception) -> None:
    """Slim every built page (none to strip when this build wrote no page)."""
    if exception or app.builder.format != "html" or not pages_written(app):
        return
    search_page = Path(app.outdir) / "search.html"
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        slim = slim_page(text, page == search_page)
        if slim != text:
            page.write_text(slim, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
