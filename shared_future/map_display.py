"""How any folium map is shown offline: a course map, or one a student builds with `folium.Map`.

`map_html(m)` points the map's and its elements' `default_js`/`default_css` entries at the
course's files (`map_assets`), renders the document, puts the files inline and wraps it in the
course's iframe. Importing `shared_future` in a kernel registers it as the notebook's display of
every `folium.Map` (`shared_future.register_displays`), so a folium tutorial's map works with no network too; the
book build then turns the inline files into `_vendor/` links.
"""

from __future__ import annotations

import html

import folium
from branca.element import Element

from . import map_assets
from .escaping import html_text
from .i18n import _, language
from .map_elements import figure_of

__all__ = ["DEFAULT_HEIGHT", "EXTRAS", "MARK_READY", "document", "map_html", "use_course_assets"]

DEFAULT_HEIGHT = 540  # px, when the map gives none in pixels


def _elements(root: Element):
    yield root
    for child in root._children.values():
        yield from _elements(child)


EXTRAS = {"leaflet_icons": "leaflet-icons.js", "jquery": "jquery.js"}  # loaded after Leaflet, where needed


def _course_entries(entries, extras: set[str]) -> list[tuple[str, str]]:
    out = []
    for name, url in entries:
        if name in map_assets.DROPPED or name in EXTRAS:
            continue
        course = map_assets.FOLIUM_NAMES.get(name)
        out.append((name, map_assets.ref(course) if course else url))
        if name == "leaflet":
            out += [(extra, map_assets.ref(EXTRAS[extra])) for extra in EXTRAS if extra in extras]
    return out


def _may_draw_default_markers(element: Element) -> bool:
    """A folium marker without a DivIcon, or a GeoJson that may hold points (the course's
    country areas say they hold none: `draws_default_markers = False`)."""
    if isinstance(element, folium.Marker):
        return not isinstance(element.icon, folium.DivIcon)
    return isinstance(element, folium.GeoJson) and getattr(element, "draws_default_markers", True)


def use_course_assets(m: folium.Map) -> None:
    """Point the asset lists of this map and of its elements at the course's files, as
    attributes of these objects (folium's classes are not changed). jQuery only where a
    `folium.Popup` (or objects kept in front) needs `$`; Leaflet's marker images where markers may use them."""
    figure = figure_of(m)
    elements = list(_elements(figure))
    extras = set()
    if any(isinstance(e, folium.Popup) for e in elements) or getattr(m, "objects_to_stay_in_front", None):
        extras.add("jquery")
    if any(_may_draw_default_markers(e) for e in elements):
        extras.add("leaflet_icons")
    for element in elements:
        if hasattr(element, "default_js"):
            element.default_js = _course_entries(element.default_js, extras)
            element.default_css = _course_entries(element.default_css, extras)
    for name in map_assets.DROPPED | set(EXTRAS) - extras:  # links left by an earlier render
        figure.header._children.pop(name, None)


# A course map is marked ready by the course script once drawn; any other folium map once loaded
# (what the handout script and the browser tests wait for).
MARK_READY = (
    'window.addEventListener("load", function () { document.querySelectorAll(".leaflet-container")'
    '.forEach(function (el) { el.setAttribute("data-sf-ready", "1"); }); });'
)


def document(m: folium.Map) -> str | None:
    """The map's standalone HTML document with every file inline (what goes into the iframe);
    None when the install step did not run."""
    use_course_assets(m)
    if not hasattr(m, "spec"):
        figure_of(m).script.add_child(Element(MARK_READY), name="sf_ready")
    return map_assets.inline(figure_of(m).render())


def _height_px(m: folium.Map) -> int:
    value, unit = getattr(m, "height", (None, None))
    return int(value) if unit == "px" and value is not None else DEFAULT_HEIGHT


def map_html(m: folium.Map) -> str:
    """The map as the notebook shows it: the course's iframe, every file inline; one line
    instead when the install step did not run. A course map names itself (`sf_name`, `title`)
    and carries its data table (`table`, see `map_tables`), shown after the map."""
    name, title = getattr(m, "sf_name", "folium"), getattr(m, "title", None)
    page = document(m)
    if page is None:
        return map_assets.missing_line()
    height = getattr(m, "height_px", None) or _height_px(m)
    with language(getattr(m, "lang", None)):  # a course map's own language; a student's map: the default
        label = _("Map: {title}").format(title=title) if title else _("Map")
    return (
        f'<div class="{map_assets.MARKER_CLASS}" data-sf-map="{html_text(name)}">'
        f'<iframe srcdoc="{html.escape(page, quote=True)}" title="{html_text(label)}" '
        f'style="width:100%;height:{height}px;border:1px solid #ccc;border-radius:4px" '
        "allowfullscreen></iframe></div>" + (table.html() if (table := getattr(m, "table", None)) else "")
    )
