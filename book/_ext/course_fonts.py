"""Sphinx extension: the theme's icon fonts cut to the icons the book uses.

pydata-sphinx-theme ships Font Awesome as three web fonts (solid 156 KB, brands 118 KB,
regular 25 KB, woff2) for the two dozen icons the book shows. When the build finishes, this
extension collects the icon names the built pages use (`fa-NAME` in the HTML) and those the
theme's scripts add at run time (found in its JavaScript), maps them to code points through the
theme's own stylesheet, and writes each font subset to those glyphs (fontTools) over the copy
in `_static/`, from the theme's original files. A stamp beside the fonts records what was
written; a build that wrote no page and finds the fonts as it left them does nothing, and the
subsets are kept beside the doctrees, so fontTools runs only when the icons or the theme change.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import version
from io import BytesIO
from pathlib import Path

import pydata_sphinx_theme
from course_pages import pages_written, site_pages

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
STAMP = ".course-subset.json"
ICON_NAME = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
ICON_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:\"\\([0-9a-f]+)\"\}")


def icon_code_points(css: str) -> dict[str, int]:
    """Icon name -> code point, from Font Awesome's `.fa-x:before{content:"\\f09b"}` rules."""
    points = {}
    for selectors, code in ICON_RULE.findall(css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):", selectors):
            points[name] = int(code, 16)
    return points


def used_icon_names(outdir: Path, known: dict[str, list] | None = None) -> set[str]:
    """Icon class names in the built pages and in the scripts that add icons at run time.
    `known` (file -> [size, mtime, names], updated here) spares reading the files a build left
    as they were: a one-page build otherwise read all 12 MB of the site."""
    previous = dict(known or {})
    current = {}
    files = [*site_pages(outdir), *(s for s in (outdir / "_static").rglob("*.js") if "vendor" not in s.parts)]
    for path in files:
        info = path.stat()
        key, when = path.relative_to(outdir).as_posix(), [info.st_size, info.st_mtime_ns]
        entry = previous.get(key)
        if not (isinstance(entry, list) and entry[:2] == when):
            entry = [*when, sorted(set(ICON_NAME.findall(path.read_text(encoding="utf-8", errors="replace"))))]
        current[key] = entry
    if known is not None:
        known.clear()
        known.update(current)
    return {name for entry in current.values() for name in entry[2]}


def subset_font(source: Path, code_points: set[int], flavor: str | None) -> bytes:
    """The font at `source` reduced to `code_points` (woff2 when `flavor` is 'woff2')."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    out = BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def cached_subset(cache: Path, source: Path, code_points: list[int], flavor: str | None) -> bytes:
    """`subset_font`, kept in `cache` by its inputs: Sphinx copies the theme's full fonts over the
    subsets whenever it copies the static files (any build that writes a page), and cutting them
    again took about 0.35 s of CPU a build."""
    info = source.stat()
    key = hashlib.sha256(
        repr((source.name, info.st_size, info.st_mtime_ns, code_points, flavor, version("fonttools"))).encode()
    ).hexdigest()[:16]
    path = cache / f"{source.stem}-{key}.{flavor or 'ttf'}"
    if path.is_file():
        return path.read_bytes()
    data = subset_font(source, set(code_points), flavor)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def _hashes(folder: Path) -> dict[str, str]:
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.glob("fa-*"))
        if f.suffix in (".woff2", ".ttf")
    }


def _subset_icon_fonts(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    target = outdir / WEBFONTS
    stamp = target / STAMP
    if not target.is_dir() or (
        not pages_written(app)
        and stamp.exists()
        and json.loads(stamp.read_text(encoding="utf-8"))["files"] == _hashes(target)
    ):
        return
    css = (THEME_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    points = icon_code_points(css)
    seen = Path(app.doctreedir) / "course-icon-names.json"
    try:
        known = json.loads(seen.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or unreadable: every file is read
        known = {}
    wanted = sorted({points[name] for name in used_icon_names(outdir, known) if name in points})
    seen.write_text(json.dumps(known), encoding="utf-8")
    record = {"code_points": wanted, "files": _hashes(target)}
    if stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == record:
        return
    cache = Path(app.doctreedir) / "course-fonts"
    for name in FONTS:
        source = THEME_STATIC / "vendor" / "fontawesome" / "webfonts" / f"{name}.ttf"
        (target / f"{name}.woff2").write_bytes(cached_subset(cache, source, wanted, "woff2"))
        (target / f"{name}.ttf").write_bytes(cached_subset(cache, source, wanted, None))
    record["files"] = _hashes(target)
    stamp.write_text(json.dumps(record), encoding="utf-8")


def setup(app):
    app.connect("build-finished", _subset_icon_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
