"""Icon names map to Font Awesome code points; a subset keeps exactly the glyphs asked for."""

import os

import course_fonts
from fontTools.ttLib import TTFont


def test_icon_rules_with_aliases():
    css = '.fa-a:before{content:"\\f002"}.fa-b:before,.fa-c:before{content:"\\e521"}.fa-d{color:red}'
    assert course_fonts.icon_code_points(css) == {"fa-a": 0xF002, "fa-b": 0xE521, "fa-c": 0xE521}


def test_subset_keeps_the_glyphs_asked_for(tmp_path):
    source = course_fonts.THEME_STATIC / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.ttf"
    data = course_fonts.subset_font(source, {0xF002, 0xF135}, "woff2")
    (tmp_path / "s.woff2").write_bytes(data)
    cmap = TTFont(tmp_path / "s.woff2").getBestCmap()
    assert {0xF002, 0xF135} <= set(cmap) and len(cmap) <= 4
    assert len(data) < source.stat().st_size / 50


def test_icons_of_the_sites_inside_the_book_are_not_counted(tmp_path):
    """zh/ (the Chinese edition) and lite/ cut their own fonts; the English ones keep its icons only."""
    (tmp_path / "_static").mkdir()
    (tmp_path / "page.html").write_text('<i class="fa-solid fa-github"></i>', encoding="utf-8")
    for edition in ("zh", "lite"):
        (tmp_path / edition).mkdir()
        (tmp_path / edition / "page.html").write_text('<i class="fa-solid fa-rocket"></i>', encoding="utf-8")
    assert course_fonts.used_icon_names(tmp_path) == {"fa-solid", "fa-github"}


def test_icon_names_are_read_again_only_from_changed_files(tmp_path):
    (tmp_path / "_static").mkdir()
    page, script = tmp_path / "page.html", tmp_path / "_static" / "extra.js"
    page.write_text('<i class="fa-solid fa-github"></i>', encoding="utf-8")
    script.write_text("icon('fa-rocket')", encoding="utf-8")
    known: dict = {}
    assert course_fonts.used_icon_names(tmp_path, known) == {"fa-solid", "fa-github", "fa-rocket"}
    stamp = page.stat()
    page.write_text('<i class="fa-solid fa-gitlab"></i>', encoding="utf-8")  # same size, time put back
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert course_fonts.used_icon_names(tmp_path, known) == {"fa-solid", "fa-github", "fa-rocket"}
    page.write_text('<i class="fa-solid fa-gitlab fa-xl"></i>', encoding="utf-8")
    script.unlink()
    assert course_fonts.used_icon_names(tmp_path, known) == {"fa-solid", "fa-gitlab", "fa-xl"}
    assert set(known) == {"page.html"}, "a removed file's names were kept"
