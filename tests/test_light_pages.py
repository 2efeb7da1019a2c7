"""The build steps that keep pages light: maps that wait for the viewport (course_lazy_maps), the
theme's CSS cut to what the pages use (course_purge), and what course_scripts drops from the theme's templates."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import course_lazy_maps
import course_purge
import course_scripts
import folium

from shared_future import map_display


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


def theme_template(name: str) -> str:
    """A template of the installed theme, found as Sphinx's loader finds it (the book theme's
    folder, then pydata-sphinx-theme's, then the folder holding both themes)."""
    import jinja2
    import pydata_sphinx_theme
    import sphinx_book_theme

    book = Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme"
    pydata = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    loader = jinja2.FileSystemLoader([book, pydata, pydata.parent])
    return loader.get_source(jinja2.Environment(), name)[0]


def test_the_theme_templates_lose_only_what_the_pages_do_not_use():
    edits = {e.template: e for e in course_scripts.THEME_EDITS}
    macros, layout, header = (theme_template(name) for name in edits)
    slim = course_scripts.edited(macros, edits["static/webpack-macros.html"])
    assert "fontawesome.js" in macros and "fontawesome.js" not in slim and "bootstrap.js" in slim
    slim = course_scripts.edited(layout, edits["pydata_sphinx_theme/layout.html"])
    assert layout.count("searchindex.js") == 1 and "searchindex.js" not in slim and "searchtools.js" not in slim
    assert "searchindex.js" in theme_template("search.html")  # the search page loads its own copy
    slim = course_scripts.edited(header, edits["sections/header.html"])
    assert "pst-navbar-icon sidebar-toggle primary-toggle" in header
    assert "sidebar-toggle" not in slim and "navbar-header-items__start" in slim


THEME_CSS = ".used{color:red}.unused-rule{color:blue}html[data-theme=dark] .used{color:#fff}.added-by-script{margin:0}"


def _site(tmp_path: Path) -> tuple[Path, SimpleNamespace]:
    out = tmp_path / "html"
    (out / "_static" / "styles").mkdir(parents=True)
    (out / "_static" / "styles" / "theme.css").write_text(THEME_CSS, encoding="utf-8")
    (out / "_static" / "theme.js").write_text('el.classList.add("added-by-script")', encoding="utf-8")
    (out / "page.html").write_text('<p class="used">x</p>', encoding="utf-8")
    app = SimpleNamespace(
        outdir=str(out),
        doctreedir=str(tmp_path / ".doctrees"),
        builder=SimpleNamespace(format="html"),
        course_pages_written=1,
    )
    return out, app


def test_purge_keeps_used_dark_mode_and_script_selectors(tmp_path):
    out, app = _site(tmp_path)
    course_purge._purge_stylesheets(app, None)
    css = (out / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    assert ".used" in css and "data-theme=dark" in css and ".added-by-script" in css
    assert "unused-rule" not in css


def test_purge_reads_the_english_pages_only_and_stashes_outside_the_site(tmp_path):
    """The Chinese edition (zh/) and JupyterLite (lite/) are sites of their own inside the English
    one, each with its own stylesheets: their pages do not keep rules in the English ones."""
    out, app = _site(tmp_path)
    for edition in ("zh", "lite"):
        (out / edition).mkdir()
        (out / edition / "page.html").write_text('<p class="unused-rule">x</p>', encoding="utf-8")
    course_purge._purge_stylesheets(app, None)
    assert "unused-rule" not in (out / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    assert (tmp_path / ".course-purge" / "stamp.json").is_file() and not (out / ".course-purge").exists()


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
