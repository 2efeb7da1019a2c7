"""The course maps: one call per map, e.g. `maps.projects_map()`, in a notebook cell.

Each function takes validated, typed frames (`data.load`; by default it loads the file; a
frame of text is validated and typed like the file) and returns a `CourseMap`: a
`folium.Map` that displays itself in JupyterLab and in the built book with no network needed
(map tiles aside), and to which a student can add folium's own markers, popups, lines,
GeoJson, feature groups and marker clusters.

Design
- Every course layer is a folium layer (`map_elements`): country areas a `folium.GeoJson` fed
  from the shared outlines (`countries.js`, by ISO code), markers `folium.Marker`s with a
  `DivIcon` (colour *and* shape per category, from `categories.py`; sequential shading uses
  viridis: both colour-blind safe), lines `folium.PolyLine`s, dense markers in a
  `plugins.MarkerCluster`, each in the map's one folium `LayerControl`. The title, legend, time
  control and opening view are small folium elements calling the course script
  (`static/sf-maps.js`); they read the map (its `title`, a student's layers) when it is shown.
- The base layer is the country outlines of `data/countries.geojson` (Natural Earth 1:110m),
  so a map reads without tiles. OpenStreetMap tiles are an overlay, on by default in a
  reader's browser; automated browsers (navigator.webdriver: the offline test suite) never
  request them, so tests stay off the network. `tiles=False` drops them altogether.
- Each map opens on every feature it draws; under 600 px wide its legend and layer list fold
  behind buttons.
- Assets: see `map_assets` (inline in a live kernel from the package's installed copy, linked
  from `_vendor/` in the book).
- Text from the data is HTML-escaped before it reaches a popup, tooltip or legend; links are
  kept only for http(s) URLs; no data text is ever template source (`map_elements`).
"""

from __future__ import annotations

import math
import re

import folium
import pandas as pd
from branca.element import Element

from . import map_assets, map_display, map_tables
from . import map_elements as elements
from .catalogs import translated_collection, translated_frame
from .categories import OKABE_ITO, PROJECT_TYPES, TIMELINE, Category, value_label
from .data import as_file_text, as_typed, load, load_geojson
from .escaping import html_link, html_text
from .i18n import N_, _, current, language, speaks
from .map_rules import (
    AIIB_CLASSES,
    BRI_PERIODS,
    BRI_STATUS_STYLE,
    REGION_POINTS,
    SOUTHEAST_ASIA,
    bri_period,
    country_list,
    country_names,
    date_text,
    year_of,
)

__all__ = [
    "ALL_MAPS",
    "ATTRIBUTION",
    "BRI_PERIODS",
    "BRI_STATUS_STYLE",
    "MAP_HEIGHT",
    "NATURAL_EARTH",
    "REGION_POINTS",
    "SOUTHEAST_ASIA",
    "TILES",
    "VIRIDIS",
    "CourseMap",
    "aiib_members_map",
    "as_file_text",
    "bri_participation_map",
    "communities_map",
    "corridors_map",
    "country_map",
    "key_moments_map",
    "membership_chart",
    "projects_map",
]

VIRIDIS = ["#440154", "#46327e", "#365c8d", "#277f8e", "#1fa187", "#4ac16d", "#a0da39", "#fde725"]
TILES = {
    "name": N_("OpenStreetMap tiles (online)"),
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" '
    'rel="noopener">OpenStreetMap</a> contributors',
}
NATURAL_EARTH = (
    'Country shapes: <a href="https://www.naturalearthdata.com/" target="_blank" '
    'rel="noopener">Natural Earth</a> (public domain)'
)
MAP_HEIGHT = 540
ATTRIBUTION = N_(  # a label: the map shows its translation, the markup kept
    'Country shapes: <a href="https://www.naturalearthdata.com/" target="_blank" '
    'rel="noopener">Natural Earth</a> (public domain); data: course data files (see each popup\'s source)'
)


# ---------------------------------------------------------------------------- data and text


def _frame(name: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    """The rows a map draws: `data.load(name)` by default, or the frame given (from `load`,
    filtered or not; a frame of text is validated and typed like the file), their text in the
    current language (`catalogs.translated_frame`)."""
    return translated_frame(name, load(name) if frame is None else as_typed(name, frame))


def _one_line(text: str, limit: int = 180) -> str:
    text = " ".join(str(text or "").split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def _billions(amount: float) -> dict[str, str]:
    """An amount in US$ billion for a label: `cost` in billions, `cost_100m` in units of 100
    million (亿), so that each language writes it its own way."""
    return {"cost": f"{amount:g}", "cost_100m": f"{amount * 10:g}"}


def _popup(title: str, *parts: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in parts if p)
    return f"<strong>{html_text(title)}</strong>{body}"


# ---------------------------------------------------------------------------- the map object


class CourseMap(folium.Map):
    """A course map: folium layers (one per course layer, each in the layer control) plus the
    course's title, legend and opening view (`map_elements`); `layers` maps each course layer's
    name to its feature count, `course_layers` holds the layers themselves.

    A student's folium markers, popups, lines, GeoJson, feature groups and `plugins.MarkerCluster`
    work on it offline; their layers join the map's one layer control (a `folium.LayerControl`
    added to it is folded into that control) and the legend."""

    default_js = [
        ("leaflet", map_assets.ref("leaflet.js")),
        ("sf_countries", map_assets.ref("countries.js")),
        ("sf_maps", map_assets.ref("sf-maps.js")),
    ]
    default_css = [("leaflet_css", map_assets.ref("leaflet.css")), ("sf_maps_css", map_assets.ref("sf-maps.css"))]

    def __init__(self, name: str, title: str, legend: elements.Legend, tiles: bool = True, height: int = MAP_HEIGHT):
        super().__init__(
            location=[20, 40], zoom_start=2, tiles=None, zoom_control=False, font_size="12px", minZoom=0, maxZoom=12
        )  # the map's own zoom range (min_zoom/max_zoom are the tiles')
        self.sf_name, self.title, self.height_px, self.legend = name, title, height, legend
        self.lang = current()  # the language of its labels, also when it is shown later
        self.layers: dict[str, int] = {}
        self.course_layers: list[folium.map.Layer] = []
        self._short_names: list[Element] = []
        tile_layer = elements.Tiles({**TILES, "name": _(TILES["name"])}) if tiles else None
        if tile_layer is not None:
            self.add_child(tile_layer)
        self.add_child(elements.Frame(_(ATTRIBUTION), tile_layer))
        self._layer_control = elements.LayerControl()
        self.frame_on: list[str] = []  # ISO codes of countries the opening view must show whole
        self.not_drawn: int | None = None  # rows too small for the outlines, on maps that count them
        self._finish = elements.Finish(self.course_layers, self.frame_on)

    def add_layer(self, layer: folium.map.Layer, count: int) -> folium.map.Layer:
        """Add a course layer drawing `count` features. Its elements get short names, unique in
        the map's document (folium's are 32 random hex digits each: 3 KB gzip on a map of markers)."""
        for element in _tree(layer):
            element._id = f"sf{len(self._short_names)}"
            self._short_names.append(element)
        self.add_child(layer)
        self.layers[layer.layer_name] = count
        self.course_layers.append(layer)
        return layer

    def features(self, name: str) -> list:
        """What a course layer draws: its areas (dicts: `iso3`, `fill`, `dashed`, `tip`, `popup`),
        or its markers or lines (folium elements)."""
        layer = next(layer for layer in self.course_layers if layer.layer_name == name)
        if isinstance(layer, elements.CountryAreas):
            return layer.items
        return [
            child
            for child in layer._children.values()
            if isinstance(child, folium.map.Layer | folium.Marker | folium.PolyLine)
        ]

    def render(self, **kwargs) -> None:  # type: ignore[override]  # folium renders in place
        with language(self.lang):
            self._render(**kwargs)

    def _render(self, **kwargs) -> None:
        for key, child in list(self._children.items()):
            if isinstance(child, (folium.LayerControl, elements.Legend, elements.Finish)):
                del self._children[key]
                elements.figure_of(self).script._children.pop(child.get_name(), None)
        course = set(map(id, self.course_layers))
        self.legend.added = [
            child.layer_name
            for child in self._children.values()
            if isinstance(child, folium.map.Layer)
            and child.control
            and child.overlay
            and id(child) not in course
            and not isinstance(child, elements.Tiles)
        ]
        elements.figure_of(self).title = html_text(self.title)  # folium writes it into <title> unescaped
        for last in (self.legend, self._layer_control, self._finish):  # after every layer they use
            self.add_child(last)
        super().render(**kwargs)

    def document(self) -> str | None:
        """The map as a standalone HTML document, every file inline (None: files not installed)."""
        return map_display.document(self)

    def _repr_html_(self, **kwargs) -> str:
        return map_display.map_html(self)


def _tree(element: Element):
    yield element
    for child in element._children.values():
        yield from _tree(child)


def _markers(frame: pd.DataFrame, style_of, popup_of, title_col: str) -> list[elements.CourseMarker]:
    markers = []
    for row in frame.to_dict("records"):
        style = style_of(row)
        markers.append(
            elements.CourseMarker(
                [float(row["lat"]), float(row["lon"])], style.shape, style.colour, str(row[title_col]), popup_of(row)
            )
        )
    return markers


def _marker_layer(name: str, markers: list, cluster: bool) -> folium.map.Layer:
    group = elements.Clusters(name) if cluster else folium.FeatureGroup(name=name)
    for marker in markers:
        group.add_child(marker)
    return group


def _not_drawn_note(names: list[str]) -> str:
    """A folded list of the countries too small for the 1:110m outlines (names already escaped)."""
    if not names:
        return ""
    summary = html_text(_("{n} too small to draw at this scale").format(n=len(names)))
    return f"<details><summary>{summary}</summary>{_(', ').join(sorted(names))}{_('.')}</details>"


def _styled_legend(styles: dict[str, Category], present) -> list[dict]:
    return [
        {"shape": style.shape, "c": style.colour, "label": html_text(_(style.label))}
        for key, style in styles.items()
        if key in present
    ]


# ---------------------------------------------------------------------------- 1. key moments


@speaks
def key_moments_map(timeline: pd.DataFrame | None = None, tiles: bool = True, *, lang: str | None = None) -> CourseMap:
    """Where the key moments of the timeline happened, one marker shape and colour per category
    (labels and, where translated, text in `lang`: 'en' or 'zh', default $SHARED_FUTURE_LANG)."""
    frame = _frame("timeline", timeline)

    def style(row):
        return TIMELINE[row["category"]]

    def popup(row):
        return _popup(
            row["title"],
            f"{html_text(date_text(row, 'date'))} · {html_text(_(style(row).label))} · {html_text(row['place'])}",
            html_text(_one_line(row["description"])),
            html_link(row["source_url"]),
        )

    markers = _markers(frame, style, popup, "title")
    title = _("Key moments of the 'community with a shared future', by place")
    legend = elements.Legend(
        _("Kind of event"),
        _styled_legend(TIMELINE, set(frame["category"])),
        position="bottomleft",
        notes=html_text(_("Numbered circles group nearby events: zoom in or click them.")),
    )
    result = CourseMap("key_moments", title, legend, tiles)
    result.add_layer(_marker_layer(_("Key moments"), markers, cluster=True), len(markers))
    return map_tables.attach(result, map_tables.key_moments(frame))


# ---------------------------------------------------------------------------- 2. BRI participation


@speaks
def bri_participation_map(
    countries: pd.DataFrame | None = None, tiles: bool = True, *, lang: str | None = None
) -> CourseMap:
    """Countries by the period they first signed a Belt and Road document, with a time control
    (in `lang`, as `key_moments_map`)."""
    frame = _frame("bri_countries", countries)
    shapes = country_names()
    by_period: dict[int, list[dict]] = {i: [] for i in range(len(BRI_PERIODS))}
    not_drawn, undated = [], []
    for row in frame.to_dict("records"):
        period = bri_period(year_of(row["first_signed"]))
        if period is None:
            undated.append(html_text(row["country"]))
            continue
        withdrawn = row["status"] == "withdrawn"
        gone = year_of(row["withdrawn"])
        signed, left = html_text(date_text(row, "first_signed")), html_text(date_text(row, "withdrawn"))
        text = _("{country}: first signed {date}").format(country=html_text(row["country"]), date=signed)
        if withdrawn:
            text += " · " + _("withdrew {date}").format(date=left).rstrip()
        item = {
            "iso3": row["iso3"],
            "fill": VIRIDIS[period],
            "tip": text,
            "popup": _popup(
                row["country"],
                _("First signed: {date}").format(date=signed),
                _("Withdrew: {date}").format(date=left) if withdrawn else "",
                html_text(_one_line(row["note"])),
                html_link(row["source_url"]),
            ),
        }
        if withdrawn:
            item["wp"] = bri_period(gone) if gone else period
            item["dashed"] = True  # at load the map shows the last period: every withdrawal so far
        if row["iso3"] in shapes:
            by_period[period].append(item)
        else:
            not_drawn.append(f"{html_text(row['country'])} ({html_text(year_of(row['first_signed']))})")
    labels = [f"{a}–{str(b)[2:]}" for a, b in BRI_PERIODS]
    legend = [
        {"fill": VIRIDIS[i], "label": html_text(_("first signed {period}").format(period=labels[i]))}
        for i in range(len(BRI_PERIODS))
    ]
    withdrew = html_text(_("withdrew (dashed outline)"))
    legend.append({"fill": "none", "stroke": "#000", "dash": elements.DASH, "label": withdrew})
    notes = _not_drawn_note(not_drawn)
    if undated:
        unshaded = _(
            "Not shaded: {countries}, listed without a signing date "
            "(no independent confirmation of a full cooperation document)."
        )
        notes += f"<p>{unshaded.format(countries=_(', ').join(sorted(undated)))}</p>"
    title = _("Belt and Road: countries by year of first signed cooperation document")
    result = CourseMap("bri_participation", title, elements.Legend(_("First signed"), legend, notes=notes), tiles)
    timed = [
        (
            result.add_layer(
                elements.CountryAreas(_("Signed {period}").format(period=labels[i]), items, "sf-bri", control=False),
                len(items),
            ),
            i,
        )
        for i, items in by_period.items()
    ]
    result.add_child(elements.TimeControl(timed, labels, _("up to "), _("Show countries that had signed by period")))
    result.not_drawn = len(not_drawn)
    return map_tables.attach(result, map_tables.bri_participation(frame))


# ---------------------------------------------------------------------------- 3. projects


def _project_markers(frame: pd.DataFrame) -> list[elements.CourseMarker]:
    def style(row):
        return PROJECT_TYPES[row["type"]]

    def popup(row):
        years = " – ".join(y for y in (date_text(row, "start"), date_text(row, "completed")) if y) or _(
            "dates not given"
        )
        status = f" ({html_text(value_label(row['status']))})"
        cost = row["cost_usd_bn"]
        cost = html_text(_("Cost: not given") if pd.isna(cost) else _("Cost: US${cost} bn").format(**_billions(cost)))
        if row["cost_note"]:
            cost += f" <small>({html_text(row['cost_note'])})</small>"
        return _popup(
            row["name"],
            f"{html_text(country_list(row['iso3']))} · {html_text(_(style(row).label))}",
            f"{html_text(years)}{status}",
            cost,
            html_text(row["description"]),
            html_link(row["source_url"]),
        )

    return _markers(frame, style, popup, "name")


@speaks
def projects_map(projects: pd.DataFrame | None = None, tiles: bool = True, *, lang: str | None = None) -> CourseMap:
    """Belt and Road projects by type (shape and colour), clustered where dense (in `lang`)."""
    frame = _frame("projects", projects)
    markers = _project_markers(frame)
    legend = elements.Legend(
        _("Project type"),
        _styled_legend(PROJECT_TYPES, set(frame["type"])),
        position="bottomleft",
        notes=html_text(_("Numbered circles group nearby projects: zoom in or click them.")),
    )
    result = CourseMap("projects", _("Belt and Road projects by type"), legend, tiles)
    result.add_layer(_marker_layer(_("Projects"), markers, cluster=True), len(markers))
    return map_tables.attach(result, map_tables.projects(frame))


# ---------------------------------------------------------------------------- 4. corridors


@speaks
def corridors_map(
    corridors: dict | None = None, projects: pd.DataFrame | None = None, tiles: bool = True, *, lang: str | None = None
) -> CourseMap:
    """The land corridors and the maritime route as labelled lines, projects switchable on top (in `lang`)."""
    original = load_geojson("corridors") if corridors is None else corridors
    kinds = [str((f.get("properties") or {}).get("kind", "")) for f in original["features"]]
    collection = translated_collection("corridors", original)
    land_colours = [OKABE_ITO[c] for c in ("vermillion", "green", "orange", "purple", "blue", "black")]
    lines, n_land = [], 0
    for feature, kind in zip(collection["features"], kinds):
        props, geometry = feature.get("properties", {}), feature.get("geometry") or {}
        parts = (
            [geometry["coordinates"]]
            if geometry.get("type") == "LineString"
            else geometry.get("coordinates", [])
            if geometry.get("type") == "MultiLineString"
            else []
        )
        maritime = "maritime" in kind.lower()  # the English kind: the same lines in every language
        colour = OKABE_ITO["blue"] if maritime else land_colours[n_land % len(land_colours)]
        n_land += 0 if maritime else 1
        for part in parts:
            lines.append(
                elements.CourseLine(
                    [[lat, lon] for lon, lat, *_ in part],
                    colour,
                    "8 6" if maritime else None,
                    _popup(
                        props.get("name", ""),
                        html_text(props.get("kind", "")),
                        html_text(_("Via: {places}").format(places=props["via"])) if props.get("via") else "",
                        html_link(props.get("source_url")),
                    ),
                    html_text(props.get("name", "")),
                )
            )
    frame = _frame("projects", projects)
    markers = _project_markers(frame)
    legend = [
        {"line": OKABE_ITO["vermillion"], "label": html_text(_("land corridor (one colour each)"))},
        {"line": OKABE_ITO["blue"], "dash": "8 6", "label": html_text(_("maritime route"))},
    ]
    legend += _styled_legend(PROJECT_TYPES, set(frame["type"]))
    result = CourseMap(
        "corridors",
        _("Belt and Road corridors and the maritime Silk Road"),
        elements.Legend(_("Corridors and projects"), legend, position="bottomleft"),
        tiles,
    )
    result.frame_on += ["CHN", *SOUTHEAST_ASIA]  # where the corridors lead, whole
    result.add_layer(_marker_layer(_("Corridors and maritime route"), lines, cluster=False), len(lines))
    result.add_layer(_marker_layer(_("Projects"), markers, cluster=True), len(markers))
    return map_tables.attach(result, map_tables.corridors(collection, frame))


# ---------------------------------------------------------------------------- 5. AIIB


def membership_chart(counts: pd.DataFrame, width: int = 210, height: int = 120) -> str:
    """An inline SVG step chart of AIIB membership counts over time (text escaped)."""
    rows = sorted((pd.Timestamp(r["as_of"]), int(r["members"])) for r in counts.to_dict("records"))
    if not rows:
        return ""
    left, right, top, bottom = 30, 8, 18, 18
    t0, t1 = rows[0][0].value, max(rows[-1][0].value, rows[0][0].value + 1)
    top_count = max(n for _, n in rows)
    scale = 10 ** max(0, len(str(top_count)) - 1)
    y_max = math.ceil(top_count / scale) * scale

    def x(t):
        return left + (t.value - t0) / (t1 - t0) * (width - left - right)

    def y(n):
        return top + (1 - n / y_max) * (height - top - bottom)

    points = []
    for i, (t, n) in enumerate(rows):
        if i:
            points.append(f"{x(t):.1f},{y(rows[i - 1][1]):.1f}")
        points.append(f"{x(t):.1f},{y(n):.1f}")
    aria = _("AIIB membership from {first} ({first_year}) to {last} ({last_year})").format(
        first=rows[0][1], first_year=rows[0][0].year, last=rows[-1][1], last_year=rows[-1][0].year
    )
    dots = "".join(
        f'<circle cx="{x(t):.1f}" cy="{y(n):.1f}" r="2"><title>{html_text(t.date())}: {n}</title></circle>'
        for t, n in rows
    )
    return (
        f"<h4>{html_text(_('Approved members over time'))}</h4>"
        f'<svg class="sf-chart" width="{width}" height="{height}" role="img" aria-label="{html_text(aria)}">'
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="#888"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{y(0):.1f}" stroke="#888"/>'
        f'<text x="{left - 3}" y="{top + 4}" text-anchor="end">{y_max}</text>'
        f'<text x="{left - 3}" y="{y(0):.1f}" text-anchor="end">0</text>'
        f'<text x="{left}" y="{height - 4}">{rows[0][0].year}</text>'
        f'<text x="{width - right}" y="{height - 4}" text-anchor="end">{rows[-1][0].year}</text>'
        f'<polyline fill="none" stroke="{OKABE_ITO["blue"]}" stroke-width="2" points="{" ".join(points)}"/>'
        f'<g fill="{OKABE_ITO["blue"]}">{dots}</g></svg>'
    )


@speaks
def aiib_members_map(
    members: pd.DataFrame | None = None,
    counts: pd.DataFrame | None = None,
    tiles: bool = True,
    *,
    lang: str | None = None,
) -> CourseMap:
    """AIIB members: founding or later, regional or not; prospective ones outlined; growth chart (in `lang`)."""
    frame = _frame("aiib_members", members)
    counts = _frame("aiib_membership_counts", counts)
    shapes = country_names()
    groups: dict[tuple[bool, bool], list[dict]] = {key: [] for key in AIIB_CLASSES}
    not_drawn: list[str] = []
    for row in frame.to_dict("records"):
        key = (bool(row["founding"]), bool(row["regional"]))
        name, colour = _(AIIB_CLASSES[key][0]), AIIB_CLASSES[key][1]
        prospective = row["status"] == "prospective"
        status = value_label(row["status"])
        item = {
            "iso3": row["iso3"],
            "fill": colour,
            "dashed": prospective,
            "tip": f"{html_text(row['country'])}: {html_text(name)}, {html_text(status)}",
            "popup": _popup(
                row["country"],
                html_text(name),
                html_text(_("Approved: {date}").format(date=date_text(row, "approved"))) + f" · {html_text(status)}",
                html_text(_one_line(row["note"])),
                html_link(row["source_url"]),
            ),
        }
        if row["iso3"] in shapes:
            groups[key].append(item)
        else:
            not_drawn.append(html_text(row["country"]))
    legend = [{"fill": colour, "label": html_text(_(name))} for name, colour in AIIB_CLASSES.values()]
    prospective_label = html_text(_("prospective member (dashed outline)"))
    legend.append({"fill": "none", "stroke": "#000", "dash": elements.DASH, "label": prospective_label})
    notes = _not_drawn_note(not_drawn)
    title = _("Asian Infrastructure Investment Bank: members")
    legend_box = elements.Legend(_("Membership"), legend, notes=notes, chart=membership_chart(counts))
    result = CourseMap("aiib_members", title, legend_box, tiles)
    for key, items in groups.items():
        result.add_layer(elements.CountryAreas(_(AIIB_CLASSES[key][0]), items, "sf-aiib"), len(items))
    result.not_drawn = len(not_drawn)
    return map_tables.attach(result, map_tables.aiib_members(frame))


# ---------------------------------------------------------------------------- 6. communities


@speaks
def communities_map(
    communities: pd.DataFrame | None = None, tiles: bool = True, *, lang: str | None = None
) -> CourseMap:
    """Bilateral 'communities with a shared future' by year and document; regional groupings (in `lang`)."""
    frame = _frame("communities", communities).sort_values("date", kind="stable")
    shapes = country_names()

    def doc_line(row):
        return (
            f"{html_text(date_text(row, 'date'))}: {html_text(value_label(row['document']))} – "
            f"{html_text(row['title'])} {html_link(row['source_url'])}"
        ).strip()

    bilateral: list[dict] = []
    regional: list[elements.CourseMarker] = []
    not_drawn: list[str] = []
    years = sorted({y for y in (year_of(d) for d in frame[frame["scope"] == "bilateral"]["date"]) if y})
    colour_of = {y: VIRIDIS[round(i * (len(VIRIDIS) - 1) / max(1, len(years) - 1))] for i, y in enumerate(years)}
    for partner, group in frame.groupby("partner", sort=False):
        records = group.to_dict("records")
        first = records[0]
        name = str(first.get("partner_name") or partner)
        docs = "<br>".join(doc_line(r) for r in records)
        if first["scope"] == "regional":
            point = REGION_POINTS.get(str(partner))
            if point is None:
                not_drawn.append(html_text(name))
                continue
            regional.append(
                elements.CourseMarker(
                    list(point),
                    "hexagon",
                    OKABE_ITO["orange"],
                    str(name),
                    _popup(name, html_text(_("First: {date}").format(date=date_text(first, "date"))), docs),
                    html_text(partner),
                    size=20,
                )
            )
        else:
            year = year_of(first["date"])
            item = {
                "iso3": partner,
                "fill": colour_of.get(year, OKABE_ITO["grey"]) if year else OKABE_ITO["grey"],
                "tip": f"{html_text(name)}: {html_text(date_text(first, 'date'))}, "
                f"{html_text(value_label(first['document']))}",
                "popup": _popup(name, docs),
            }
            if partner in shapes:
                bilateral.append(item)
            else:
                not_drawn.append(html_text(name))
    legend = [
        {"fill": colour_of[y], "label": html_text(_("bilateral, first document {year}").format(year=y))} for y in years
    ]
    legend.append({"shape": "hexagon", "c": OKABE_ITO["orange"], "label": html_text(_("regional grouping (label)"))})
    notes = _not_drawn_note(not_drawn)
    title = _("Communities with a shared future: bilateral partners and regional groupings")
    result = CourseMap("communities", title, elements.Legend(_("Community"), legend, notes=notes), tiles)
    result.add_layer(elements.CountryAreas(_("Bilateral communities"), bilateral, "sf-community"), len(bilateral))
    result.add_layer(_marker_layer(_("Regional groupings"), regional, cluster=False), len(regional))
    return map_tables.attach(result, map_tables.communities(frame))


# ---------------------------------------------------------------------------- 7. one country


@speaks
def country_map(
    iso3: str,
    name: str,
    status: str = "",
    facts=(),
    projects: pd.DataFrame | None = None,
    tiles: bool = True,
    *,
    lang: str | None = None,
) -> CourseMap:
    """One country shaded by its Belt and Road `status`, `facts` (plain text) in its popup, and its
    projects (labels in `lang`; `name` and `facts` as given).

    `projects` (rows of projects.csv, as text or from `data.load`) defaults to those naming `iso3`."""
    if projects is None:
        projects = load("projects")
        projects = projects[projects["iso3"].str.split(";").apply(lambda codes: iso3 in codes)]
    frame = _frame("projects", projects)
    label, colour = BRI_STATUS_STYLE.get(status, BRI_STATUS_STYLE[""])
    label = _(label)
    withdrawn = status == "withdrawn"
    drawn = iso3 in country_names()
    area = {
        "iso3": iso3,
        "fill": colour,
        "dashed": withdrawn,
        "tip": f"{html_text(name)}: {html_text(label)}",
        "popup": _popup(name, *(html_text(fact) for fact in facts)),
    }
    areas = [area] if drawn else []
    markers = _project_markers(frame)
    swatch = {"fill": colour, "label": html_text(f"{name}: {label}")}
    if withdrawn:
        swatch.update(stroke="#000", dash=elements.DASH)
    legend = [swatch] + _styled_legend(PROJECT_TYPES, set(frame["type"]))
    title = _("{name}: Belt and Road status and projects").format(name=name)
    result = CourseMap(
        "country",
        title,
        elements.Legend(
            _("Country and projects"),
            legend,
            position="bottomleft",
            notes=_not_drawn_note([] if drawn else [html_text(name)]),
        ),
        tiles,
    )
    result.add_layer(elements.CountryAreas(str(name), areas, "sf-profile"), len(areas))
    result.add_layer(_marker_layer(_("Projects"), markers, cluster=True), len(markers))
    return map_tables.attach(result, map_tables.country(iso3, name, status, facts, frame))


ALL_MAPS = (key_moments_map, bri_participation_map, projects_map, corridors_map, aiib_members_map, communities_map)
