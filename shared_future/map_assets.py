"""The browser files the maps need, and how each reaches a map.

A map is a folium document shown in an `<iframe srcdoc>`. folium puts a link in its `<head>`
for each entry of the `default_js`/`default_css` lists of the map and of its elements (e.g.
`plugins.MarkerCluster`). `use_course_assets(map)` points those entries, on this map's own
objects (no class is changed), at the course's files: `_vendor/<path>`. Then:

- In JupyterLab (and any live kernel) `inline(document)` replaces each such link by the
  file's text between two comment sentinels, so a map works with no network and no server
  route::

      <!--sf-asset:leaflet.js--><script>/* Leaflet, inline */</script><!--/sf-asset-->

  Third-party files come from the package's own copy (`shared_future/static/vendor/`),
  written from the npm packages by `python -m shared_future.assets install`; a live kernel
  never reads `node_modules/` or asks a CDN. When that copy is missing, the map is replaced
  by one line saying which command to run (`missing_line`).
- In the built book, the course Sphinx extension (`book/_ext/course_map_files.py`) replaces each
  block by a `<script src>`/`<link>` to `_vendor/<path>` with the right relative prefix for
  the page (`link_assets`), and copies the files there (`vendor_files`). A relative URL inside
  a srcdoc resolves against the page, so each file loads once for the whole site. `_vendor/`
  is outside `_static/`, which Jupyter Book would inject into every page.

Assets: Leaflet 1.9.4, leaflet.markercluster 1.5.3 and jQuery 3.7.1 (npm, package.json; jQuery
only on maps with a `folium.Popup`, which calls `$`), the course's own map code
(`static/sf-maps.js`, `static/sf-maps.css`), Leaflet's default marker images as data URIs
(`leaflet-icons.js`) and the country outlines (`countries.js`, from `data/countries.geojson`).
folium's Bootstrap, awesome-markers and Font Awesome (used only by `folium.Icon`) are left out.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from . import escaping
from .paths import static_text

__all__ = [
    "DROPPED",
    "EXTRA_FILES",
    "FOLIUM_NAMES",
    "INSTALLED",
    "INSTALL_COMMAND",
    "MARKER_CLASS",
    "STATIC",
    "VENDOR_DIR",
    "Asset",
    "asset_text",
    "asset_url",
    "inline",
    "link_assets",
    "missing",
    "missing_line",
    "npm_files",
    "ref",
    "vendor_files",
]

STATIC = Path(__file__).resolve().parent / "static"
INSTALLED = STATIC / "vendor"  # the package's copy of the npm files (`python -m shared_future.assets install`)
INSTALL_COMMAND = "python -m shared_future.assets install"
VENDOR_DIR = "_vendor"
SOURCE_MAP = re.compile(r"\n?/[/*][#@] sourceMappingURL=\S+?(?: \*/)?\s*$")
# An asset block as it appears inside an HTML-escaped srcdoc attribute.
ESCAPED_BLOCK = re.compile(r"&lt;!--sf-asset:([\w.\-]+)--&gt;.*?&lt;!--/sf-asset--&gt;", re.S)
MARKER_CLASS = "sf-map"  # the wrapper <div> of every map: how the build and the tests find maps


def _countries_js() -> str:
    """data/countries.geojson as a script setting window.SF_COUNTRIES (a GeoJSON FeatureCollection).

    Coordinates travel as delta-encoded integers (hundredths of a degree, exact for the
    2-decimal file): 19 KB gzipped instead of 29 KB; `static/countries.template.js` decodes them."""
    from .data import data_dir

    collection = json.loads((data_dir() / "countries.geojson").read_text(encoding="utf-8"))

    def ring(points):
        out, px, py = [], 0, 0
        for x, y, *_ in points:
            qx, qy = round(x * 100), round(y * 100)
            out += [qx - px, qy - py]
            px, py = qx, qy
        return out

    rows = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rows.append(
            [
                feature["properties"]["iso3"],
                feature["properties"]["name"],
                [[ring(r) for r in polygon] for polygon in polygons],
            ]
        )
    return Template(static_text("countries.template.js")).substitute(rows=escaping.json_for_script(rows))


def _leaflet_icons_js() -> str | None:
    """Leaflet's default marker images as data URIs (a srcdoc has no folder to find them in)."""
    images = {}
    for option, name in (
        ("iconUrl", "marker-icon.png"),
        ("iconRetinaUrl", "marker-icon-2x.png"),
        ("shadowUrl", "marker-shadow.png"),
    ):
        path = INSTALLED / "leaflet" / "images" / name
        if not path.is_file():
            return None
        images[option] = "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
    return Template(static_text("leaflet-icons.template.js")).substitute(images=escaping.json_for_script(images))


@dataclass(frozen=True)
class Asset:
    kind: str  # "js" or "css"
    vendor_path: str  # where the book serves it (under _vendor/) and the package keeps it
    npm: str | None = None  # path under node_modules/ (copied by the install step)
    course: str | None = None  # a file of shared_future/static/ (the course's own code)
    text: Callable[[], str | None] | None = None  # generated assets


ASSETS: dict[str, Asset] = {
    "leaflet.css": Asset("css", "leaflet/leaflet.css", npm="leaflet/dist/leaflet.css"),
    "leaflet.js": Asset("js", "leaflet/leaflet.js", npm="leaflet/dist/leaflet.js"),
    "leaflet-icons.js": Asset("js", "shared_future/leaflet-icons.js", text=_leaflet_icons_js),
    "jquery.js": Asset("js", "jquery/jquery.min.js", npm="jquery/dist/jquery.min.js"),
    "markercluster.css": Asset(
        "css", "leaflet.markercluster/MarkerCluster.css", npm="leaflet.markercluster/dist/MarkerCluster.css"
    ),
    "markercluster-default.css": Asset(
        "css",
        "leaflet.markercluster/MarkerCluster.Default.css",
        npm="leaflet.markercluster/dist/MarkerCluster.Default.css",
    ),
    "markercluster.js": Asset(
        "js",
        "leaflet.markercluster/leaflet.markercluster.js",
        npm="leaflet.markercluster/dist/leaflet.markercluster.js",
    ),
    "sf-maps.css": Asset("css", "shared_future/sf-maps.css", course="sf-maps.css"),
    "sf-maps.js": Asset("js", "shared_future/sf-maps.js", course="sf-maps.js"),
    "countries.js": Asset("js", "shared_future/countries.js", text=_countries_js),
}
# Files the stylesheets refer to (the layer-control icon) and the marker images: installed with
# the npm files, served by the book beside leaflet.css.
EXTRA_FILES = {
    f"leaflet/images/{name}": f"leaflet/dist/images/{name}"
    for name in ("layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")
}
# folium's names for its assets -> the course's; folium's own names not listed here and not
# DROPPED keep folium's link.
FOLIUM_NAMES = {
    "leaflet": "leaflet.js",
    "leaflet_css": "leaflet.css",
    "jquery": "jquery.js",
    "markerclusterjs": "markercluster.js",
    "markerclustercss": "markercluster.css",
    "markerclusterdefaultcss": "markercluster-default.css",
}
DROPPED = {
    "bootstrap",
    "bootstrap_css",
    "glyphicons_css",
    "awesome_markers",
    "awesome_markers_css",
    "awesome_markers_font_css",
    "awesome_rotate_css",
}  # only folium.Icon uses them


def npm_files() -> dict[str, str]:
    """What the install step copies: package path (under static/vendor/) -> path under node_modules/."""
    files = {a.vendor_path: a.npm for a in ASSETS.values() if a.npm}
    return {**files, **EXTRA_FILES}


def missing() -> list[str]:
    """The npm files the package's copy lacks (empty once the install step has run)."""
    return [path for path in npm_files() if not (INSTALLED / path).is_file()]


def missing_line() -> str:
    """The one line a map shows instead of itself when the install step did not run."""
    return (
        f'<p class="sf-map-missing" role="alert"><strong>Map not shown:</strong> its browser files are not '
        f"installed. Run <code>{INSTALL_COMMAND}</code> in a terminal (or <code>!{INSTALL_COMMAND}</code> "
        "in a cell), then run this cell again.</p>"
    )


def asset_text(name: str) -> str | None:
    """The asset's text, or None when it belongs to the npm files and those are not installed."""
    asset = ASSETS[name]
    if asset.text is not None:
        return asset.text()
    if asset.course:  # the course's own code, package data
        return static_text(asset.course) + "\n"
    path = INSTALLED / asset.vendor_path
    if not path.is_file():
        return None
    return SOURCE_MAP.sub("", path.read_text(encoding="utf-8")) + "\n"


def ref(name: str) -> str:
    """The URL a map's `default_js`/`default_css` entry holds for a course asset."""
    return f"{VENDOR_DIR}/{ASSETS[name].vendor_path}"


_BY_REF = {ref(name): name for name in ASSETS}
LINK = re.compile(r'<script src="(_vendor/[^"]+)"></script>|<link rel="stylesheet" href="(_vendor/[^"]+)"/?>')


def inline(document: str) -> str | None:
    """The document with each link to a course asset replaced by its sentinel block with the
    file's text; None when a file is not installed."""
    texts = {}
    for url in {a or b for a, b in LINK.findall(document)}:
        name = _BY_REF.get(url)
        text = asset_text(name) if name else None
        if text is None:
            return None
        texts[url] = text

    def block(match: re.Match) -> str:
        url = match.group(1) or match.group(2)
        name, text = _BY_REF[url], texts[url]
        tag = (
            f"<style>{text}</style>"
            if ASSETS[name].kind == "css"
            else "<script>" + text.replace("</script", "<\\/script") + "</script>"
        )
        return f"<!--sf-asset:{name}-->{tag}<!--/sf-asset-->"

    return LINK.sub(block, document)


def vendor_files() -> dict[str, bytes]:
    """Every file the built book serves under _vendor/, by path; raises if the npm files are not installed."""
    if missing():
        raise FileNotFoundError(f"{INSTALLED / missing()[0]} is missing: run `{INSTALL_COMMAND}` first")
    files = {asset.vendor_path: (asset_text(name) or "").encode("utf-8") for name, asset in ASSETS.items()}
    for target in EXTRA_FILES:
        files[target] = (INSTALLED / target).read_bytes()
    return files


def asset_url(name: str, prefix: str, files: dict[str, bytes]) -> str:
    """The URL of an asset from a page whose path to the site root is `prefix` ('' or '../')."""
    path = ASSETS[name].vendor_path
    version = hashlib.sha256(files[path]).hexdigest()[:10]
    return f"{prefix}{VENDOR_DIR}/{path}?v={version}"


def link_assets(page_html: str, prefix: str, files: dict[str, bytes]) -> str:
    """Replace the inline asset blocks of every map's srcdoc in a page by links to _vendor/."""

    def tag(match: re.Match) -> str:
        name = match.group(1)
        if name not in ASSETS:
            return match.group(0)
        url = asset_url(name, prefix, files)
        raw = (
            f'<link rel="stylesheet" href="{url}">' if ASSETS[name].kind == "css" else f'<script src="{url}"></script>'
        )
        return html.escape(raw, quote=True)

    return ESCAPED_BLOCK.sub(tag, page_html)
