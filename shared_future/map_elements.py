"""The folium elements a course map is made of (used by `maps`).

Layers are folium's own classes (`GeoJson`, `Marker` with a `DivIcon`, `PolyLine`,
`plugins.MarkerCluster`, `FeatureGroup`, `LayerControl`, `TileLayer`), so they join folium's
layer control and a student can handle them like any folium layer. Where folium has no
accessible element (title, legend, time control, opening view) a small `MacroElement` calls
into the course script (`static/sf-maps.js`).

Safety: branca renders a MacroElement's macro and then parses the output again as a Jinja
template, so `{{ }}` in data text would be evaluated. Every element here renders its macros
once (`RenderedOnce`), puts the output into the document as it is (`RawHTML`), and gets its data
text as template *variables* (JSON from `escaping.json_for_script`, or folium's escaping JSON
filters), never as template source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium import plugins
from folium.template import Template
from folium.utilities import JsCode

from .escaping import html_text, json_for_script
from .i18n import _

__all__ = [
    "DASH",
    "SHAPES",
    "Bind",
    "Clusters",
    "CountryAreas",
    "CourseLine",
    "CourseMarker",
    "Finish",
    "Frame",
    "LayerControl",
    "Legend",
    "RenderedOnce",
    "Tiles",
    "TimeControl",
    "figure_of",
    "legend_rows",
    "shape_svg",
    "swatch",
]

SHAPES = {  # marker shapes on a 20 x 20 grid
    "circle": '<circle cx="10" cy="10" r="7"/>',
    "square": '<rect x="3.5" y="3.5" width="13" height="13"/>',
    "diamond": '<polygon points="10,2 18,10 10,18 2,10"/>',
    "triangle": '<polygon points="10,2 18.5,17 1.5,17"/>',
    "triangle_down": '<polygon points="1.5,3 18.5,3 10,18"/>',
    "pentagon": '<polygon points="10,2 18,8 15,17.5 5,17.5 2,8"/>',
    "hexagon": '<polygon points="10,1.5 17.5,6 17.5,14 10,18.5 2.5,14 2.5,6"/>',
    "star": '<polygon points="10,1.5 12.5,7.5 19,7.8 14,12 15.6,18.5 10,15 4.4,18.5 6,12 1,7.8 7.5,7.5"/>',
    "cross": '<polygon points="7,2 13,2 13,7 18,7 18,13 13,13 13,18 7,18 7,13 2,13 2,7 7,7"/>',
}
DASH = "5 4"
STROKES = {
    "plain": {"color": "#444", "weight": 0.8, "dashArray": None},
    "withdrawn": {"color": "#000", "weight": 2.2, "dashArray": DASH},
}
POPUP_OPTIONS = {"className": "sf-popup", "maxWidth": 300}


def shape_svg(shape: str, colour: str, size: int = 18) -> str:
    """An inline SVG marker shape (unknown shapes are circles); `colour` is a course constant."""
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 20 20" aria-hidden="true">'
        f'<g fill="{colour}" stroke="#222" stroke-width="1.3">{SHAPES.get(shape, SHAPES["circle"])}</g></svg>'
    )


def swatch(entry: dict) -> str:
    """The legend's picture for an entry: a marker shape, a line (dashed or not) or an area."""
    if entry.get("shape"):
        return shape_svg(entry["shape"], entry["c"], 16)
    dash = f' stroke-dasharray="{entry["dash"]}"' if entry.get("dash") else ""
    if entry.get("line"):
        return (
            f'<svg width="22" height="12" aria-hidden="true"><line x1="1" y1="6" x2="21" y2="6" '
            f'stroke="{entry["line"]}" stroke-width="3"{dash}/></svg>'
        )
    if entry.get("added"):
        return '<span class="sf-added" aria-hidden="true">+</span>'
    return (
        f'<svg width="18" height="14" aria-hidden="true"><rect x="1" y="1" width="16" height="12" '
        f'fill="{entry.get("fill") or "none"}" stroke="{entry.get("stroke") or "#555"}" '
        f'stroke-width="{2 if entry.get("dash") else 1}"{dash}/></svg>'
    )


def legend_rows(entries: list[dict]) -> str:
    """The legend's rows (labels are escaped HTML already)."""
    return "".join(f'<div class="sf-row">{swatch(e)}<span>{e["label"]}</span></div>' for e in entries)


def figure_of(element: Element) -> Figure:
    """The document a map element renders into (its root, a branca Figure)."""
    root = element.get_root()
    assert isinstance(root, Figure), f"{element!r} is not on a map in a document"
    return root


class RawHTML(Element):
    """HTML placed into the document as it is: a template *variable*, never template source."""

    _template = Template("{{ this.raw_html }}")

    def __init__(self, raw_html: str):
        super().__init__()
        self.raw_html = raw_html


class RenderedOnce(MacroElement):
    """Renders its macros once: the output goes into the document as `RawHTML`.

    Listed after a folium class (`class X(folium.Marker, RenderedOnce)`), it takes the place of
    `MacroElement.render` in that class's chain, so folium's own `render` steps still run."""

    def render(self, **kwargs) -> None:  # type: ignore[override]  # renders into the figure
        figure = figure_of(self)
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            if part in module:
                target.add_child(RawHTML(module[part](self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class Bind(RenderedOnce):
    """A popup or a tooltip of HTML (escaped by the caller) bound to its parent layer, no jQuery."""

    _template = Template(
        "{% macro script(this, kwargs) %}{{ this._parent.get_name() }}.{{ this.method }}"
        "({{ this.content }}, {{ this.options }});{% endmacro %}"
    )

    def __init__(self, method: str, html: str, **options: Any):
        super().__init__()
        assert method in ("bindPopup", "bindTooltip")
        self._name = "Bind"
        self.method, self.content, self.options = method, json_for_script(html), json_for_script(options)


def popup(html: str) -> Bind:
    return Bind("bindPopup", html, **POPUP_OPTIONS)


def label(html: str, **options: Any) -> Bind:
    return Bind("bindTooltip", html, permanent=True, className="sf-label", **options)


class _Icon(folium.DivIcon, RenderedOnce):
    pass


class CourseMarker(folium.Marker, RenderedOnce):  # type: ignore[misc]  # RenderedOnce.render by design
    """A marker drawn as the category's shape and colour; `title` (plain text) names it for
    screen readers and on hover; `popup_html` and `label_html` are escaped HTML."""

    def __init__(
        self, location, shape: str, colour: str, title: str, popup_html: str = "", label_html: str = "", size: int = 18
    ):
        super().__init__(location, title=title, alt=title, keyboard=True, rise_on_hover=True)
        self.set_icon(
            _Icon(
                html=shape_svg(shape, colour, size),
                icon_size=(size, size),
                icon_anchor=(size // 2, size // 2),
                popup_anchor=(0, -size // 2),
                class_name="sf-icon sf-marker",
            )
        )
        self.shape, self.colour, self.title = shape, colour, title
        if popup_html:
            self.add_child(popup(popup_html))
        if label_html:
            self.add_child(label(label_html, direction="right", offset=[8, 0]))


class CourseLine(folium.PolyLine, RenderedOnce):
    """A labelled line (a corridor or a route); `dash` marks the maritime route."""

    def __init__(self, locations, colour: str, dash: str | None, popup_html: str, label_html: str):
        super().__init__(locations, color=colour, weight=4, opacity=0.9, dash_array=dash, class_name="sf-line")
        self.dash = dash
        self.add_child(popup(popup_html))
        if label_html:
            self.add_child(label(label_html, direction="center"))


class Clusters(plugins.MarkerCluster, RenderedOnce):
    """Markers grouped where dense, the count in a dark circle (`SF.clusterIcon`, styled by
    sf-maps.css: the plugin's default icon stylesheet is not needed). Clusters split and merge
    without animation: less motion, no work for a slow phone, and a map that is ready is still
    (an animating group holds old and new markers at once)."""

    default_css = [entry for entry in plugins.MarkerCluster.default_css if entry[0] != "markerclusterdefaultcss"]

    def __init__(self, name: str):
        super().__init__(
            name=name,
            icon_create_function="SF.clusterIcon",
            show_coverage_on_hover=False,
            max_cluster_radius=36,
            spiderfy_on_max_zoom=True,
            animate=False,
        )


class _AreaTooltip(folium.GeoJsonTooltip, RenderedOnce):
    pass


class _AreaPopup(folium.GeoJsonPopup, RenderedOnce):
    pass


def area_style(css_class: str, feature: dict) -> dict:
    """The style of a course area: its fill, a dashed outline when `dashed` (or withdrawn by now)."""
    props = feature["properties"]
    stroke = STROKES["withdrawn" if props["dashed"] else "plain"]
    return {
        "className": f"sf-area sf-iso-{feature['id']} {css_class}",
        "fillColor": props["fill"],
        "fillOpacity": 0.8,
        **stroke,
    }


class CountryAreas(folium.GeoJson, RenderedOnce):
    """Countries shaded by the course: a folium GeoJson whose features carry an ISO code as `id`
    and their properties (`fill`, `dashed`, `tip`, `popup`: escaped HTML; `wp`: the time step
    from which a withdrawal shows), not their outlines: `SF.withOutline` (its `filter`) takes
    those from the shared `countries.js`."""

    draws_default_markers = False  # no points: Leaflet's marker images are not needed (map_display)

    def __init__(self, name: str, items: list[dict], css_class: str, control: bool = True):
        features = [
            {
                "type": "Feature",
                "id": item["iso3"],
                "geometry": {"type": "MultiPolygon", "coordinates": []},
                "properties": {
                    "fill": item["fill"],
                    "dashed": bool(item.get("dashed")),
                    "tip": item["tip"],
                    "popup": item["popup"],
                    **({"wp": item["wp"]} if "wp" in item else {}),
                },
            }
            for item in items
        ]
        super().__init__(
            {"type": "FeatureCollection", "features": features},
            name=name,
            control=control,
            style_function=lambda feature: area_style(css_class, feature),
            filter=JsCode("SF.withOutline"),
        )
        self.items = items
        if items:
            self.add_child(_AreaTooltip(fields=["tip"], labels=False, sticky=True, class_name="sf-tip"))
            self.add_child(
                _AreaPopup(fields=["popup"], labels=False, localize=False, class_name="sf-popup", max_width=300)
            )


class Tiles(folium.TileLayer, RenderedOnce):
    """OpenStreetMap tiles as an overlay, switched on by `SF.frame` except in automated browsers."""

    def __init__(self, tiles: dict):
        super().__init__(
            tiles=tiles["url"],
            attr=tiles["attribution"],
            name=tiles["name"],
            overlay=True,
            show=False,
            max_zoom=18,
            opacity=0.8,
        )


class LayerControl(folium.LayerControl, RenderedOnce):
    """folium's layer control, open, every layer's name escaped (Leaflet shows names as HTML)."""

    def __init__(self):
        super().__init__(collapsed=False)

    def render(self, **kwargs) -> None:  # type: ignore[override]  # folium renders into the figure, returns nothing
        self.reset()
        assert self._parent is not None, "the layer control is on a map"
        for item in self._parent._children.values():
            if isinstance(item, folium.map.Layer) and item.control:
                target = self.overlays if item.overlay else self.base_layers
                target[html_text(item.layer_name)] = item.get_name()
        RenderedOnce.render(self, **kwargs)


class CourseCall(RenderedOnce):
    """`SF.<function>(map, ...)`: a course control drawn by sf-maps.js; `arguments` (computed when
    the map is shown) is JavaScript made of layer names and `json_for_script` data only."""

    _template = Template(
        "{% macro script(this, kwargs) %}SF.{{ this.function }}({{ this._parent.get_name() }}, "
        "{{ this.arguments }});{% endmacro %}"
    )
    function = ""

    def __init__(self):
        super().__init__()
        self._name = "SF" + self.function[:1].upper() + self.function[1:]

    @property
    def arguments(self) -> str:
        raise NotImplementedError


class Frame(CourseCall):
    """The title (the map's `title`, escaped), zoom buttons, attribution, grey outlines and,
    outside automated browsers, the tiles."""

    function = "frame"

    def __init__(self, attribution: str, tiles: Tiles | None):
        super().__init__()
        self.attribution, self.tile_layer = attribution, tiles

    @property
    def arguments(self) -> str:
        title = html_text(getattr(self._parent, "title", ""))
        data = json_for_script({"title": title, "attribution": self.attribution})
        tiles = self.tile_layer.get_name() if self.tile_layer is not None else "null"
        return f"Object.assign({data}, {{tiles: {tiles}}})"


class Legend(CourseCall):
    """The legend: `entries` (labels escaped), then a row for each layer a student added
    (`added`, names escaped when shown), the notes and chart (escaped HTML)."""

    function = "legend"

    def __init__(
        self, title: str, entries: list[dict], notes: str = "", chart: str = "", position: str = "bottomright"
    ):
        super().__init__()
        self.title, self.entries, self.notes, self.chart, self.position = title, entries, notes, chart, position
        self.added: list[str] = []

    def rows(self) -> list[dict]:
        return self.entries + [{"added": True, "label": html_text(name)} for name in self.added]

    @property
    def arguments(self) -> str:
        return json_for_script(
            {
                "title": html_text(self.title),
                "rows": legend_rows(self.rows()),
                "notes": self.notes,
                "chart": self.chart,
                "position": self.position,
            }
        )


class TimeControl(CourseCall):
    """A slider over periods: `layers` are (layer, period) pairs shown from their period on."""

    function = "timeControl"

    def __init__(self, layers: Sequence[tuple[Element, int]], labels: list[str], prefix: str, aria: str):
        super().__init__()
        self.layers, self.labels, self.prefix, self.aria = layers, labels, prefix, aria
        self.buttons = {"play": _("Play"), "pause": _("Pause")}  # in the language of the map being made

    @property
    def arguments(self) -> str:
        pairs = ", ".join(f"[{layer.get_name()}, {int(period)}]" for layer, period in self.layers)
        data = {"labels": self.labels, "prefix": self.prefix, "aria": self.aria, "strokes": STROKES, **self.buttons}
        return f"[{pairs}], {json_for_script(data)}"


class Finish(CourseCall):
    """Last: folds the controls on a narrow map, opens the map on every feature of `layers` and
    the outlines of `countries` (ISO codes), marks it ready."""

    function = "finish"

    def __init__(self, layers: Sequence[Element], countries: list[str]):
        super().__init__()
        self.layers, self.countries = layers, countries
        self.labels = {"layers": _("Layers")}  # the layer list's button, in the map's language

    @property
    def arguments(self) -> str:
        layers = "[" + ", ".join(layer.get_name() for layer in self.layers) + "]"
        return f"{layers}, {json_for_script(self.countries)}, {json_for_script(self.labels)}"
