"""The build steps that keep pages light: maps that wait for the viewport (course_lazy_maps), the
theme's CSS cut to what the pages use (course_purge), and the page rewrites of course_slim."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import folium

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import course_lazy_maps  # noqa: E402
import course_purge  # noqa: E402
import course_slim  # noqa: E402

from shared_future import map_display  # noqa: E402


def test_a_map_waits_in_data_sf_srcdoc_with_the_script_once():
    shown = map_display.map_html(folium.Map(location=[0, 0], zoom_start=2))
    body = f"<p>Text</p>{shown}<p>More</p>{shown}"
    deferred = course_lazy_maps.defer_maps(body)
    assert "<iframe srcdoc=" not in deferred and deferred.count("<iframe data-sf-srcdoc=") == 2
    assert deferred.replace(" data-sf-srcdoc=", " srcdoc=").startswith(body)  # the documents are untouched
    assert deferred.count("<script>") == 1 and "IntersectionObserver" in deferred
    assert course_lazy_maps.defer_maps("<p>No map</p>") == "<p>No map</p>"


def test_the_notebook_keeps_the_plain_srcdoc():
    assert "<iframe srcdoc=" in map_display.map_html(folium.Map(location=[0, 0], zoom_start=2))


PAGE_HEAD = ('<script src="../_static/searchtools.js"></script>\n<script src="../_static/language_data.js"></script>\n'
             '<script src="../searchindex.js"></script>\n')
HEADER = ('<button class="pst-navbar-icon sidebar-toggle primary-toggle" aria-label="Site navigation">\n'
          '    <span class="fa-solid fa-bars"></span>\n  </button>\n'
          '<button class="sidebar-toggle primary-toggle btn btn-sm" title="Toggle primary sidebar">'
          '<span class="fa-solid fa-bars"></span></button>')


def test_slim_page_drops_the_search_index_except_on_the_search_page():
    assert "searchindex" not in course_slim.slim_page(PAGE_HEAD, search_page=False)
    assert course_slim.slim_page(PAGE_HEAD, search_page=True).count("<script") == 3


def test_slim_page_keeps_only_the_visible_sidebar_toggle():
    slim = course_slim.slim_page(HEADER, search_page=False)
    assert "pst-navbar-icon" not in slim and slim.count("primary-toggle") == 1


THEME_CSS = (".used{color:red}.unused-rule{color:blue}html[data-theme=dark] .used{color:#fff}"
             ".added-by-script{margin:0}")


def _site(tmp_path: Path) -> tuple[Path, SimpleNamespace]:
    out = tmp_path / "html"
    (out / "_static" / "styles").mkdir(parents=True)
    (out / "_static" / "styles" / "theme.css").write_text(THEME_CSS, encoding="utf-8")
    (out / "_static" / "theme.js").write_text('el.classList.add("added-by-script")', encoding="utf-8")
    (out / "page.html").write_text('<p class="used">x</p>', encoding="utf-8")
    app = SimpleNamespace(outdir=str(out), builder=SimpleNamespace(format="html"), course_pages_written=1)
    return out, app


def test_purge_keeps_used_dark_mode_and_script_selectors(tmp_path):
    out, app = _site(tmp_path)
    course_purge._purge_stylesheets(app, None)
    css = (out / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    assert ".used" in css and "data-theme=dark" in css and ".added-by-script" in css
    assert "unused-rule" not in css


def test_purge_skips_unchanged_inputs_and_restarts_from_the_theme_file(tmp_path, monkeypatch):
    out, app = _site(tmp_path)
    course_purge._purge_stylesheets(app, None)
    cut = (out / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    calls = []
    real_purge = course_purge.purge
    monkeypatch.setattr(course_purge, "purge", lambda *a: calls.append(a) or real_purge(*a))
    app.course_pages_written = 0  # a no-change rebuild
    course_purge._purge_stylesheets(app, None)
    (out / "_static" / "styles" / "theme.css").write_text(THEME_CSS, encoding="utf-8")  # copied again, no page
    course_purge._purge_stylesheets(app, None)
    assert (out / "_static" / "styles" / "theme.css").read_text(encoding="utf-8") == cut
    app.course_pages_written = 1  # pages written, same inputs, the theme's file copied again
    (out / "_static" / "styles" / "theme.css").write_text(THEME_CSS, encoding="utf-8")
    course_purge._purge_stylesheets(app, None)
    assert (out / "_static" / "styles" / "theme.css").read_text(encoding="utf-8") == cut
    assert calls == []
    (out / "page.html").write_text('<p class="used unused-rule">x</p>', encoding="utf-8")
    course_purge._purge_stylesheets(app, None)  # from the kept theme file, not from the cut one
    assert len(calls) == 1 and "unused-rule" in (out / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    (out / "_static" / "styles" / "theme.css").write_text(THEME_CSS, encoding="utf-8")  # Sphinx recopied the theme's
    (out / "page.html").write_text('<p class="used">x</p>', encoding="utf-8")
    course_purge._purge_stylesheets(app, None)
    assert (out / "_static" / "styles" / "theme.css").read_text(encoding="utf-8") == cut


def test_a_prose_edit_does_not_purge_again(tmp_path, monkeypatch):
    out, app = _site(tmp_path)
    course_purge._purge_stylesheets(app, None)
    monkeypatch.setattr(course_purge, "purge", lambda *a: (_ for _ in ()).throw(AssertionError("purged again")))
    (out / "page.html").write_text('<p class="used">other words <!-- a comment --></p>', encoding="utf-8")
    course_purge._purge_stylesheets(app, None)
