"""Sphinx extension: the theme's stylesheets cut to the rules the built pages use.

pydata-sphinx-theme, sphinx-book-theme, sphinx-design, MyST-NB and Sphinx's basic theme put
about 550 KB of CSS (92 KB gzip) on every page, most of it rules no page of the course uses.
When the build finishes, this extension runs PurgeCSS (npm, pinned in package.json; driven by
`course_purge.js`) over every stylesheet under `_static/` (Font Awesome's own files aside), with
the built pages and the scripts that add classes at run time as content: the theme's and
Bootstrap's scripts (the search dialog, dark mode, the sidebar toggle, dropdowns), the copy,
toggle and launch buttons, and the course's quiz and map code. It always starts from the
stylesheet as the theme shipped it: Sphinx's fresh copy, kept beside the build
(`_build/.course-purge/`) for the builds where `_static/` still holds the cut one. A stamp
records inputs and outputs, and the cut files are kept too: a build that wrote no page, or whose
inputs are unchanged, puts the kept cut back where Sphinx copied the theme's file again (MyST-NB
rewrites its stylesheet on every build) instead of running PurgeCSS. A page counts by its markup only (its
tags with their attributes, without text or comments), so an edit to a page's prose does not
run PurgeCSS again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from course_pages import pages_written, site_pages
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("course_purge.js")
COURSE_SCRIPTS = ROOT / "shared_future" / "static"
STAMP = "stamp.json"
# Scripts that name every icon or every word of the site: as content they would keep every rule.
NOT_CONTENT = ("fontawesome.js", "searchindex.js")
COMMENT = re.compile(r"<!--.*?-->", re.S)
TAG = re.compile(r"<[^>]*>")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def markup_digest(path: Path) -> str:
    """What in a content file can change which selectors match: a page's tags, a script's text."""
    if path.suffix != ".html":
        return _digest(path)
    tags = TAG.findall(COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace")))
    return hashlib.sha256("".join(tags).encode("utf-8")).hexdigest()


def stylesheets(outdir: Path) -> list[Path]:
    """The theme's and extensions' stylesheets the pages link (not Font Awesome's own files)."""
    static = outdir / "_static"
    return sorted(p for p in static.rglob("*.css") if "vendor" not in p.relative_to(static).parts)


def content_files(outdir: Path) -> list[Path]:
    """What PurgeCSS reads for used selectors: every page, and the scripts that add classes."""
    pages = site_pages(outdir)
    scripts = sorted(
        p for p in (outdir / "_static").rglob("*.js") if p.name not in NOT_CONTENT and "vendor" not in p.parts
    )
    return pages + scripts + sorted(COURSE_SCRIPTS.glob("*.js"))


def purge(sheets: dict[str, str], content: list[Path]) -> dict[str, str]:
    """{name: css} cut to the selectors `content` uses (runs node with course_purge.js)."""
    request = json.dumps(
        {"css": [{"name": n, "raw": css} for n, css in sheets.items()], "content": [str(p) for p in content]}
    )
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=request.encode("utf-8"),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "NODE_PATH": str(ROOT / "node_modules")},
    )
    if done.returncode:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1])
    return json.loads(done.stdout)


def _originals(outdir: Path, stash: Path, written: dict[str, str]) -> dict[str, Path]:
    """Each stylesheet as the theme shipped it: `_static/`'s copy when Sphinx (re)copied it, else the stash."""
    originals = {}
    for sheet in stylesheets(outdir):
        name = sheet.relative_to(outdir / "_static").as_posix()
        kept = stash / name
        if written.get(name) != _digest(sheet):  # not the cut file this extension wrote: the theme's
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sheet, kept)
        originals[name] = kept
    return originals


def _put_back_cut(outdir: Path, stash: Path, names: list[str]) -> bool:
    """Copy the kept cut stylesheets over those Sphinx (or MyST-NB, on every build) copied again;
    False, copying nothing, when one is not kept."""
    if not all((stash / "cut" / name).is_file() for name in names):
        return False
    for name in names:
        shutil.copyfile(stash / "cut" / name, outdir / "_static" / name)
    return True


def _only_recopied(current: dict[str, str], previous: dict) -> list[str] | None:
    """The stylesheets that are the theme's unchanged file again where the cut one was; None when
    one is new or changed (then the inputs must be compared)."""
    written, originals = previous.get("outputs", {}), previous.get("inputs", {}).get("css", {})
    if set(current) != set(written):
        return None
    recopied = [name for name, digest in current.items() if digest != written[name]]
    return recopied if all(current[name] == originals.get(name) for name in recopied) else None


def _purge_stylesheets(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    stash = Path(app.doctreedir).parent / ".course-purge"  # beside the build, outside the published site
    stamp = stash / STAMP
    previous = json.loads(stamp.read_text(encoding="utf-8")) if stamp.exists() else {}
    written = previous.get("outputs", {})
    current = {s.relative_to(outdir / "_static").as_posix(): _digest(s) for s in stylesheets(outdir)}
    recopied = _only_recopied(current, previous) if previous else None
    if not pages_written(app) and recopied is not None and _put_back_cut(outdir, stash, recopied):
        return
    if not (ROOT / "node_modules" / "purgecss").is_dir() or not shutil.which("node"):
        logger.warning("purge: node_modules/purgecss is missing (run `make npm`): the theme's CSS is not cut")
        return
    originals = _originals(outdir, stash, written)
    content = content_files(outdir)
    inputs = {
        "css": {n: _digest(p) for n, p in originals.items()},
        "content": {
            p.relative_to(outdir).as_posix() if p.is_relative_to(outdir) else p.name: markup_digest(p) for p in content
        },
        "script": _digest(SCRIPT),
    }
    if previous.get("inputs") == inputs and _put_back_cut(  # the same cut: back where Sphinx replaced it
        outdir, stash, [n for n in current if current[n] != written.get(n)]
    ):
        return
    try:
        cut = purge({n: p.read_text(encoding="utf-8") for n, p in originals.items()}, content)
    except (RuntimeError, OSError, ValueError) as err:
        logger.warning(f"purge: PurgeCSS failed: {err}")
        return
    for name, css in cut.items():
        for folder in (outdir / "_static", stash / "cut"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(css, encoding="utf-8")
    outputs = {n: _digest(outdir / "_static" / n) for n in cut}
    stamp.write_text(json.dumps({"inputs": inputs, "outputs": outputs}), encoding="utf-8")


def setup(app):
    app.connect("build-finished", _purge_stylesheets, priority=800)  # after the other steps rewrite pages
    return {"parallel_read_safe": True, "parallel_write_safe": True}
