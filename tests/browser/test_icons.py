"""The icon fonts of the built book hold every icon its pages use, and little else."""

from __future__ import annotations

import course_fonts
from conftest import BUILD_HTML
from fontTools.ttLib import TTFont

WEBFONTS = BUILD_HTML / course_fonts.WEBFONTS


def test_every_icon_used_is_in_the_subset_fonts():
    css = (course_fonts.THEME_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    points = course_fonts.icon_code_points(css)
    used = {points[n] for n in course_fonts.used_icon_names(BUILD_HTML) if n in points}
    assert {
        points["fa-magnifying-glass"],
        points["fa-github"],
        points["fa-rocket"],
        points["fa-sun"],
        points["fa-moon"],
        points["fa-circle-half-stroke"],
    } <= used
    cmap = set()
    for name in course_fonts.FONTS:
        cmap |= set(TTFont(WEBFONTS / f"{name}.woff2").getBestCmap())
    assert used <= cmap, f"icons missing from the fonts: {sorted(hex(p) for p in used - cmap)}"


def test_the_fonts_are_cut_to_a_few_kilobytes():
    sizes = {f.name: f.stat().st_size for f in WEBFONTS.glob("*.woff2")}
    assert len(sizes) == 3 and all(size < 10_000 for size in sizes.values()), sizes
    originals = sum(
        (course_fonts.THEME_STATIC / "vendor" / "fontawesome" / "webfonts" / name).stat().st_size for name in sizes
    )
    assert sum(sizes.values()) < originals / 20
