"""Sphinx extension that serves the maps' files once per site.

A notebook's map (shared_future.maps, shared_future.map_display; course maps and a student's
own folium maps) carries Leaflet, the course map code and the country outlines inline in its
iframe srcdoc, so it works in JupyterLab. On every page with a map, those inline blocks become
links to `_vendor/...` with the page's relative prefix, and the files are copied from the
package's installed copy (`python -m shared_future.assets install`) into `_build/html/_vendor/`
(not `_static/`: Jupyter Book adds every js/css there to every page). Files not installed are a
build warning (an error under -W).
"""

from __future__ import annotations

from pathlib import Path

from course_pages import write_if_changed
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _map_vendor_files(app) -> dict[str, bytes] | None:
    """The files under _vendor/ (once per build); None, with a warning, when they are not installed."""
    if not hasattr(app, "_course_map_files"):
        from shared_future import map_assets

        try:
            app._course_map_files = map_assets.vendor_files()
        except FileNotFoundError as err:
            logger.warning(f"maps: {err}")
            app._course_map_files = None
    return app._course_map_files


def _link_map_assets(app, pagename, templatename, context, doctree):
    from shared_future import map_assets

    body = context.get("body") or ""
    if map_assets.MARKER_CLASS not in body:
        return
    files = _map_vendor_files(app)
    if files is None:
        return
    prefix = "../" * pagename.count("/")
    context["body"] = map_assets.link_assets(body, prefix, files)


def _copy_map_vendor_files(app, exception):
    """Copy the map files into _vendor/ whenever they are available (pages from earlier builds use
    them). A build that wrote no page with a map and finds _vendor/ in place leaves it (and skips
    importing pandas and encoding the country outlines, about 0.6 s): the files change only with
    the package or the data, and then course_cache makes every notebook, so every map page, run again."""
    if exception or app.builder.format != "html":
        return
    if not hasattr(app, "_course_map_files") and (Path(app.outdir) / "_vendor").is_dir():
        return
    from shared_future import map_assets

    if hasattr(app, "_course_map_files"):
        files = app._course_map_files
    else:
        try:
            files = map_assets.vendor_files()
        except FileNotFoundError:
            return  # no page of this build has a map: nothing to warn about
    for relative, content in (files or {}).items():
        write_if_changed(Path(app.outdir) / map_assets.VENDOR_DIR / relative, content)


def setup(app):
    app.connect("html-page-context", _link_map_assets)
    app.connect("build-finished", _copy_map_vendor_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
