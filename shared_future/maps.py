"""The course maps: one call per map, e.g. `maps.projects_map()`, in a notebook cell.

Each function reads the course data, and returns a `CourseMap` (a `folium.Map`) that displays
itself in JupyterLab and in the built book, with no network needed (map tiles aside).

Design
- folium gives the document (`folium.Map`, its Figure and unique element names) and the
  Jupyter display; the drawing is done by a small script of the course (`SF.render`, in
  `map_assets.py`) from a JSON description that Python builds here. folium's own markers,
  popups and plugins are not used: they pull jQuery, Bootstrap, Font Awesome and
  awesome-markers from CDNs. A map needs only Leaflet (+ leaflet.markercluster where points
  are dense), from npm.
- Markers are inline-SVG shapes (colour *and* shape per category, Okabe-Ito colours);
  sequential shading uses viridis. Both are colour-blind safe.
- The base layer is the country outlines of `data/countries.geojson` (Natural Earth 1:110m),
  so a map reads without tiles. OpenStreetMap tiles are an overlay, on by default in a
  reader's browser; automated browsers (navigator.webdriver: the offline test suite) never
  request them, so tests stay off the network. `tiles=False` drops them altogether.
- Assets: in a live kernel (JupyterLab) Leaflet and the country outlines are inlined from
  `node_modules/` into the map's srcdoc, so the map works offline with no server route; if
  `node_modules/` is missing the Leaflet files come from the jsDelivr CDN and a warning says
  so (run `npm ci`). In the built book the course extension swaps those inline blocks for
  links to `_vendor/...` files, loaded once per page (see `map_assets`).
- Text from the data is HTML-escaped before it reaches a popup, tooltip or legend; links are
  kept only for http(s) URLs.

Every function accepts the data frames as keyword arguments (for tests and exercises);
by default they come from `data/` through `_read`.
"""
from __future__ import annotations

import html
import json
import math
import re
from functools import lru_cache

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from . import map_assets, map_display
from .data import data_dir, format_date
from .escaping import html_link, html_text, json_for_script

OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
             "grey": "#999999"}
VIRIDIS = ["#440154", "#46327e", "#365c8d", "#277f8e", "#1fa187", "#4ac16d", "#a0da39", "#fde725"]
TILES = {"name": "OpenStreetMap tiles (online)",
         "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
         "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" '
                        'rel="noopener">OpenStreetMap</a> contributors'}
NATURAL_EARTH = ('Country shapes: <a href="https://www.naturalearthdata.com/" target="_blank" '
                 'rel="noopener">Natural Earth</a> (public domain)')

CATEGORY_STYLE = {  # timeline.csv category -> (label, shape, colour)
    "speech": ("Speech", "circle", OKABE_ITO["orange"]),
    "congress": ("Party congress", "star", OKABE_ITO["vermillion"]),
    "initiative": ("Initiative", "triangle", OKABE_ITO["green"]),
    "institution": ("Institution", "hexagon", OKABE_ITO["blue"]),
    "agreement": ("Agreement", "diamond", OKABE_ITO["sky"]),
    "un": ("United Nations", "square", OKABE_ITO["blue"]),
    "forum": ("Forum", "pentagon", OKABE_ITO["purple"]),
    "white_paper": ("White paper", "square", OKABE_ITO["yellow"]),
    "constitution": ("Constitution", "cross", OKABE_ITO["black"]),
    "project": ("Project", "triangle_down", OKABE_ITO["green"]),
    "withdrawal": ("Withdrawal", "cross", OKABE_ITO["grey"]),
}
TYPE_STYLE = {  # projects.csv type -> (label, shape, colour)
    "railway": ("Railway", "square", OKABE_ITO["blue"]),
    "road": ("Road", "diamond", OKABE_ITO["orange"]),
    "port": ("Port", "circle", OKABE_ITO["sky"]),
    "bridge": ("Bridge", "pentagon", OKABE_ITO["purple"]),
    "energy": ("Energy", "star", OKABE_ITO["yellow"]),
    "industrial_park": ("Industrial park", "hexagon", OKABE_ITO["green"]),
    "pipeline": ("Pipeline", "triangle_down", OKABE_ITO["vermillion"]),
    "logistics": ("Logistics", "triangle", OKABE_ITO["black"]),
    "other": ("Other", "cross", OKABE_ITO["grey"]),
}
BRI_PERIODS = [(2013, 2014), (2015, 2016), (2017, 2018), (2019, 2020), (2021, 2022), (2023, 2024), (2025, 2026)]
AIIB_CLASSES = {  # (founding, regional) -> (layer name, colour)
    (True, True): ("Founding members, regional", OKABE_ITO["blue"]),
    (True, False): ("Founding members, non-regional", OKABE_ITO["sky"]),
    (False, True): ("Later members, regional", OKABE_ITO["vermillion"]),
    (False, False): ("Later members, non-regional", OKABE_ITO["orange"]),
}
# Where a regional grouping's label sits on the map (a presentation choice, not data).
REGION_POINTS = {
    "Africa": (5.0, 20.0), "ASEAN": (8.0, 110.0), "Arab States": (26.0, 40.0),
    "Latin America and the Caribbean": (-12.0, -62.0), "Central Asia": (44.0, 66.0),
    "Pacific Islands": (-14.0, 172.0), "Shanghai Cooperation Organisation": (50.0, 88.0),
    "Lancang-Mekong": (16.5, 102.5), "Neighbourhood": (32.0, 100.0),
}
MAP_HEIGHT = 540
WORLD = [[-48, -105], [68, 165]]  # the initial view of the world maps (lat, lon)


# ---------------------------------------------------------------------------- data and text

def _read(name: str) -> pd.DataFrame:
    """One data file as text columns ('' for empty); the one place this module loads data."""
    return pd.read_csv(data_dir() / name, dtype=str, keep_default_na=False, encoding="utf-8")


def as_file_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of a data file written as the file writes them, whether read as text or by `data.load`."""
    text = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            precision = frame.get(f"{column}_precision", pd.Series("day", index=frame.index))
            text[column] = [format_date(d, p)[0] if pd.notna(d) else "" for d, p in zip(values, precision)]
        elif pd.api.types.is_bool_dtype(values):
            text[column] = ["true" if v else "false" for v in values]
        else:
            text[column] = ["" if pd.isna(v) else str(v) for v in values]
    return text


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    collection = json.loads((data_dir() / "countries.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["iso3"]: f["properties"]["name"] for f in collection["features"]}




def _one_line(text: str, limit: int = 180) -> str:
    text = " ".join(str(text or "").split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def _year(value) -> int | None:
    match = re.match(r"\s*(\d{4})", str(value or ""))
    return int(match.group(1)) if match else None


def _float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _popup(title: str, *parts: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in parts if p)
    return f"<strong>{html_text(title)}</strong>{body}"


def _country_list(codes: str) -> str:
    names = _country_names()
    return ", ".join(names.get(c.strip(), c.strip()) for c in str(codes).split(";") if c.strip())


# ---------------------------------------------------------------------------- the map object

class _RawHTML(Element):
    """HTML placed into the document as it is: a template *variable*, never template source
    (branca renders an Element's template with Jinja, so data text in it would be evaluated)."""
    _template = Template("{{ this.raw_html }}")

    def __init__(self, raw_html: str):
        super().__init__()
        self.raw_html = raw_html


class _CourseCall(MacroElement):
    """A call into the course script (`SF.<function>(map, ...)`) as the map's script.

    A MacroElement's script would be rendered by Jinja twice (branca turns the macro's output
    into the source of a new template), so `{{ }}` in the data would be evaluated: the call is
    added to the document as raw HTML instead, its data as JSON (`json_for_script`)."""

    def call(self) -> str:
        raise NotImplementedError

    def render(self, **kwargs) -> None:
        self.get_root().script.add_child(_RawHTML(self.call()), name=self.get_name())


class _Render(_CourseCall):
    """SF.render: the course's layers, title, legend, notes and time control, from `map.spec`
    as it is when the map is shown."""

    def __init__(self):
        super().__init__()
        self._name = "SFRender"

    def call(self) -> str:
        return f"SF.render({self._parent.get_name()}, {json_for_script(self._parent.spec)});"


class _LayerControl(_CourseCall):
    """SF.layerControl, added last: one control for the course's layers and the folium layers a
    student added to the map (their names escaped)."""

    def __init__(self):
        super().__init__()
        self._name = "SFLayerControl"
        self.layers: list[folium.map.Layer] = []

    def call(self) -> str:
        def pairs(overlay: bool) -> str:
            return ", ".join(f"[{json_for_script(html_text(layer.layer_name))}, {layer.get_name()}]"
                             for layer in self.layers if layer.overlay == overlay)
        return f"SF.layerControl({self._parent.get_name()}, [{pairs(True)}], [{pairs(False)}]);"


class CourseMap(folium.Map):
    """A folium map drawn by the course script; `layers` maps each layer name to its feature count.

    It is a folium map: folium's markers, popups, lines, GeoJson, feature groups and
    `plugins.MarkerCluster` can be added to it and work offline; their layers join the map's one
    layer control (a `folium.LayerControl` added to it is folded into that control)."""

    default_js = [("leaflet", map_assets.ref("leaflet.js")), ("sf_countries", map_assets.ref("countries.js")),
                  ("sf_maps", map_assets.ref("sf-maps.js"))]
    default_css = [("leaflet_css", map_assets.ref("leaflet.css")), ("sf_maps_css", map_assets.ref("sf-maps.css"))]
    CLUSTER_JS = [("markerclusterjs", map_assets.ref("markercluster.js"))]
    CLUSTER_CSS = [("markerclustercss", map_assets.ref("markercluster.css"))]

    def __init__(self, name: str, title: str, spec: dict, cluster: bool = False,
                 location=(25, 40), zoom_start: int = 2, height: int = MAP_HEIGHT):
        super().__init__(location=list(location), zoom_start=zoom_start, tiles=None, min_zoom=1,
                         max_zoom=12, zoom_control=False, font_size="12px")
        self.sf_name, self.title, self.spec, self.height_px = name, title, spec, height
        self.layers = {layer["name"]: len(layer["items"]) for layer in spec["layers"]}
        if cluster:
            self.default_js = self.default_js[:1] + self.CLUSTER_JS + self.default_js[1:]
            self.default_css = self.default_css + self.CLUSTER_CSS
        self.get_root().title = html_text(title)  # folium writes it into <title> unescaped
        self.add_child(_Render())
        self._layer_control = _LayerControl()

    def render(self, **kwargs) -> None:
        for key, child in list(self._children.items()):
            if isinstance(child, (folium.LayerControl, _LayerControl)):
                del self._children[key]
                self.get_root().script._children.pop(child.get_name(), None)
        self._layer_control.layers = [c for c in self._children.values()
                                      if isinstance(c, folium.map.Layer) and c.control]
        self.add_child(self._layer_control)  # last: after every layer it lists
        super().render(**kwargs)

    def document(self) -> str | None:
        """The map as a standalone HTML document, every file inline (None: files not installed)."""
        return map_display.document(self)

    def _repr_html_(self, **kwargs) -> str:
        return map_display.map_html(self)


def _spec(title: str, layers: list[dict], legend: list[dict], legend_title: str,
          tiles: bool, notes: str = "", **extra) -> dict:
    return {"title": html_text(title), "layers": layers, "legend": legend, "legend_title": html_text(legend_title),
            "notes": notes, "tiles": TILES if tiles else None,
            "attribution": NATURAL_EARTH + "; data: course data files (see each popup's source)", **extra}


def _marker_items(frame: pd.DataFrame, style_of, popup_of, title_col: str) -> tuple[list[dict], int]:
    items, skipped = [], 0
    for row in frame.to_dict("records"):
        lat, lon = _float(row.get("lat")), _float(row.get("lon"))
        if lat is None or lon is None:
            skipped += 1
            continue
        _, shape, colour = style_of(row)
        items.append({"lat": lat, "lon": lon, "s": shape, "c": colour,
                      "t": str(row.get(title_col, "")), "p": popup_of(row)})
    return items, skipped


def _not_drawn_note(names: list[str]) -> str:
    """A folded list of the countries too small for the 1:110m outlines (names already escaped)."""
    if not names:
        return ""
    return (f"<details><summary>{len(names)} too small to draw at this scale</summary>"
            f"{', '.join(sorted(names))}.</details>")


def _styled_legend(styles: dict, present) -> list[dict]:
    return [{"shape": shape, "c": colour, "label": html_text(label)}
            for key, (label, shape, colour) in styles.items() if key in present]


# ---------------------------------------------------------------------------- 1. key moments

def key_moments_map(timeline: pd.DataFrame | None = None, tiles: bool = True) -> CourseMap:
    """Where the key moments of the timeline happened, one marker shape and colour per category."""
    frame = _read("timeline.csv") if timeline is None else as_file_text(timeline)
    def style(row):
        return CATEGORY_STYLE.get(row["category"], (row["category"], "circle", OKABE_ITO["grey"]))

    def popup(row):
        label = style(row)[0]
        return _popup(row["title"], f'{html_text(row["date"])} · {html_text(label)} · {html_text(row.get("place", ""))}',
                      html_text(_one_line(row.get("description", ""))), html_link(row.get("source_url")))

    items, _ = _marker_items(frame, style, popup, "title")
    layers = [{"name": "Key moments", "kind": "markers", "cluster": True, "items": items}]
    title = "Key moments of the 'community with a shared future', by place"
    legend = _styled_legend(CATEGORY_STYLE, set(frame["category"]))
    spec = _spec(title, layers, legend, "Kind of event", tiles, legend_position="bottomleft",
                 notes="Numbered circles group nearby events: zoom in or click them.")
    return CourseMap("key_moments", title, spec, cluster=True)


# ---------------------------------------------------------------------------- 2. BRI participation

def _period(year: int | None) -> int | None:
    if year is None:
        return None
    for index, (start, end) in enumerate(BRI_PERIODS):
        if start <= year <= end or (index == 0 and year < start):
            return index
    return len(BRI_PERIODS) - 1


def bri_participation_map(countries: pd.DataFrame | None = None, tiles: bool = True) -> CourseMap:
    """Countries by the period they first signed a Belt and Road document, with a time control."""
    frame = _read("bri_countries.csv") if countries is None else as_file_text(countries)
    shapes = _country_names()
    by_period: dict[int, list[dict]] = {i: [] for i in range(len(BRI_PERIODS))}
    not_drawn, undated = [], []
    for row in frame.to_dict("records"):
        period = _period(_year(row["first_signed"]))
        if period is None:
            undated.append(html_text(row["country"]))
            continue
        withdrawn = str(row.get("status", "")).strip() == "withdrawn"
        gone = _year(row.get("withdrawn"))
        text = f'{html_text(row["country"])}: first signed {html_text(row["first_signed"])}'
        if withdrawn:
            text += f' · withdrew {html_text(row.get("withdrawn") or "")}'.rstrip()
        item = {"iso3": row["iso3"], "f": VIRIDIS[period], "tip": text,
                "p": _popup(row["country"], f'First signed: {html_text(row["first_signed"])}',
                            f'Withdrew: {html_text(row.get("withdrawn", ""))}' if withdrawn else "",
                            html_text(_one_line(row.get("note", ""))), html_link(row.get("source_url")))}
        if withdrawn:
            item["wp"] = _period(gone) if gone else period
        if row["iso3"] in shapes:
            by_period[period].append(item)
        else:
            not_drawn.append(f'{html_text(row["country"])} ({html_text(_year(row["first_signed"]))})')
    labels = [f"{a}–{str(b)[2:]}" for a, b in BRI_PERIODS]
    layers = [{"name": f"Signed {labels[i]}", "kind": "areas", "period": i, "cls": "sf-bri", "items": items}
              for i, items in by_period.items()]
    legend = [{"fill": VIRIDIS[i], "label": f"first signed {labels[i]}"} for i in range(len(BRI_PERIODS))]
    legend.append({"fill": "none", "stroke": "#000", "dash": "5 4", "label": "withdrew (dashed outline)"})
    notes = _not_drawn_note(not_drawn)
    if undated:
        notes += (f"<p>Not shaded: {', '.join(sorted(undated))}, listed without a signing date "
                  "(no independent confirmation of a full cooperation document).</p>")
    title = "Belt and Road: countries by year of first signed cooperation document"
    spec = _spec(title, layers, legend, "First signed", tiles, notes=notes, bounds=WORLD,
                 time={"labels": labels, "prefix": "up to ", "aria": "Show countries that had signed by period"})
    result = CourseMap("bri_participation", title, spec)
    result.not_drawn = len(not_drawn)
    return result


# ---------------------------------------------------------------------------- 3. projects

def _project_items(frame: pd.DataFrame) -> list[dict]:
    def style(row):
        return TYPE_STYLE.get(row["type"], TYPE_STYLE["other"])

    def popup(row):
        years = " – ".join(y for y in (row.get("start", ""), row.get("completed", "")) if y) or "dates not given"
        status = f' ({html_text(row["status"])})' if row.get("status") else ""
        cost = (f'Cost: US${html_text(row["cost_usd_bn"])} bn' if row.get("cost_usd_bn") else "Cost: not given")
        if row.get("cost_note"):
            cost += f' <small>({html_text(row["cost_note"])})</small>'
        return _popup(row["name"], f'{html_text(_country_list(row["iso3"]))} · {html_text(style(row)[0])}',
                      f"{html_text(years)}{status}", cost, html_text(row.get("description", "")),
                      html_link(row.get("source_url")))

    return _marker_items(frame, style, popup, "name")[0]


def projects_map(projects: pd.DataFrame | None = None, tiles: bool = True) -> CourseMap:
    """Belt and Road projects by type (shape and colour), clustered where dense."""
    frame = _read("projects.csv") if projects is None else as_file_text(projects)
    layers = [{"name": "Projects", "kind": "markers", "cluster": True, "items": _project_items(frame)}]
    title = "Belt and Road projects by type"
    spec = _spec(title, layers, _styled_legend(TYPE_STYLE, set(frame["type"])), "Project type", tiles, legend_position="bottomleft",
                 notes="Numbered circles group nearby projects: zoom in or click them.")
    return CourseMap("projects", title, spec, cluster=True)


# ---------------------------------------------------------------------------- 4. corridors

def _read_corridors() -> dict:
    return json.loads((data_dir() / "corridors.geojson").read_text(encoding="utf-8"))


def corridors_map(corridors: dict | None = None, projects: pd.DataFrame | None = None,
                  tiles: bool = True) -> CourseMap:
    """The land corridors and the maritime route as labelled lines, projects switchable on top."""
    collection = _read_corridors() if corridors is None else corridors
    land_colours = [OKABE_ITO[c] for c in ("vermillion", "green", "orange", "purple", "blue", "black")]
    items, n_land = [], 0
    for feature in collection["features"]:
        props, geometry = feature.get("properties", {}), feature.get("geometry") or {}
        parts = ([geometry["coordinates"]] if geometry.get("type") == "LineString"
                 else geometry.get("coordinates", []) if geometry.get("type") == "MultiLineString" else [])
        maritime = "maritime" in str(props.get("kind", "")).lower()
        colour = OKABE_ITO["blue"] if maritime else land_colours[n_land % len(land_colours)]
        n_land += 0 if maritime else 1
        for part in parts:
            items.append({"coords": [[lat, lon] for lon, lat, *_ in part], "c": colour,
                          "dash": "8 6" if maritime else None, "label": html_text(props.get("name", "")),
                          "p": _popup(props.get("name", ""), html_text(props.get("kind", "")),
                                      f'Via: {html_text(props.get("via", ""))}' if props.get("via") else "",
                                      html_link(props.get("source_url")))})
    frame = _read("projects.csv") if projects is None else as_file_text(projects)
    layers = [{"name": "Corridors and maritime route", "kind": "lines", "items": items},
              {"name": "Projects", "kind": "markers", "cluster": True, "items": _project_items(frame)}]
    legend = [{"line": OKABE_ITO["vermillion"], "label": "land corridor (one colour each)"},
              {"line": OKABE_ITO["blue"], "dash": "8 6", "label": "maritime route"}]
    legend += _styled_legend(TYPE_STYLE, set(frame["type"]))
    title = "Belt and Road corridors and the maritime Silk Road"
    spec = _spec(title, layers, legend, "Corridors and projects", tiles, legend_position="bottomleft")
    return CourseMap("corridors", title, spec, cluster=True, location=(30, 60), zoom_start=2)


# ---------------------------------------------------------------------------- 5. AIIB

def _bool(value) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes")


def membership_chart(counts: pd.DataFrame, width: int = 210, height: int = 120) -> str:
    """An inline SVG step chart of AIIB membership counts over time (text escaped)."""
    rows = [(pd.Timestamp(str(r["as_of"])), int(float(r["members"]))) for r in counts.to_dict("records")
            if str(r.get("members", "")).strip()]
    rows.sort()
    if not rows:
        return ""
    left, right, top, bottom = 30, 8, 18, 18
    t0, t1 = rows[0][0].value, max(rows[-1][0].value, rows[0][0].value + 1)
    top_count = max(n for _, n in rows)
    scale = 10 ** max(0, len(str(top_count)) - 1)
    y_max = math.ceil(top_count / scale) * scale
    x = lambda t: left + (t.value - t0) / (t1 - t0) * (width - left - right)
    y = lambda n: top + (1 - n / y_max) * (height - top - bottom)
    points = []
    for i, (t, n) in enumerate(rows):
        if i:
            points.append(f"{x(t):.1f},{y(rows[i - 1][1]):.1f}")
        points.append(f"{x(t):.1f},{y(n):.1f}")
    dots = "".join(f'<circle cx="{x(t):.1f}" cy="{y(n):.1f}" r="2"><title>{html_text(t.date())}: {n}</title></circle>'
                   for t, n in rows)
    return (f'<h4>Approved members over time</h4><svg class="sf-chart" width="{width}" height="{height}" role="img" '
            f'aria-label="AIIB membership from {rows[0][1]} ({rows[0][0].year}) to {rows[-1][1]} ({rows[-1][0].year})">'
            f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="#888"/>'
            f'<line x1="{left}" y1="{top}" x2="{left}" y2="{y(0):.1f}" stroke="#888"/>'
            f'<text x="{left - 3}" y="{top + 4}" text-anchor="end">{y_max}</text>'
            f'<text x="{left - 3}" y="{y(0):.1f}" text-anchor="end">0</text>'
            f'<text x="{left}" y="{height - 4}">{rows[0][0].year}</text>'
            f'<text x="{width - right}" y="{height - 4}" text-anchor="end">{rows[-1][0].year}</text>'
            f'<polyline fill="none" stroke="{OKABE_ITO["blue"]}" stroke-width="2" points="{" ".join(points)}"/>'
            f'<g fill="{OKABE_ITO["blue"]}">{dots}</g></svg>')


def aiib_members_map(members: pd.DataFrame | None = None, counts: pd.DataFrame | None = None,
                     tiles: bool = True) -> CourseMap:
    """AIIB members: founding or later, regional or not; prospective ones outlined; growth chart."""
    frame = _read("aiib_members.csv") if members is None else as_file_text(members)
    counts = _read("aiib_membership_counts.csv") if counts is None else as_file_text(counts)
    shapes = _country_names()
    groups = {key: [] for key in AIIB_CLASSES}
    not_drawn = []
    for row in frame.to_dict("records"):
        key = (_bool(row["founding"]), _bool(row["regional"]))
        name, colour = AIIB_CLASSES[key]
        prospective = str(row.get("status", "")).strip() == "prospective"
        status = "prospective member" if prospective else (row.get("status") or "approved")
        item = {"iso3": row["iso3"], "f": colour, "dash": prospective,
                "tip": f'{html_text(row["country"])}: {html_text(name.lower())}, {html_text(status)}',
                "p": _popup(row["country"], html_text(name), f'Approved: {html_text(row.get("approved", ""))} · {html_text(status)}',
                            html_text(_one_line(row.get("note", ""))), html_link(row.get("source_url")))}
        if row["iso3"] in shapes:
            groups[key].append(item)
        else:
            not_drawn.append(html_text(row["country"]))
    layers = [{"name": html_text(AIIB_CLASSES[key][0]), "kind": "areas", "cls": "sf-aiib", "items": items}
              for key, items in groups.items()]
    legend = [{"fill": colour, "label": html_text(name)} for name, colour in AIIB_CLASSES.values()]
    legend.append({"fill": "none", "stroke": "#000", "dash": "5 4", "label": "prospective member (dashed outline)"})
    notes = _not_drawn_note(not_drawn)
    title = "Asian Infrastructure Investment Bank: members"
    spec = _spec(title, layers, legend, "Membership", tiles, notes=notes, bounds=WORLD, chart=membership_chart(counts))
    result = CourseMap("aiib_members", title, spec)
    result.not_drawn = len(not_drawn)
    return result


# ---------------------------------------------------------------------------- 6. communities

def communities_map(communities: pd.DataFrame | None = None, tiles: bool = True) -> CourseMap:
    """Bilateral 'communities with a shared future' by year and document; regional groupings."""
    frame = _read("communities.csv") if communities is None else as_file_text(communities)
    frame = frame.sort_values("date", kind="stable")
    shapes = _country_names()

    def doc_line(row):
        return (f'{html_text(row["date"])}: {html_text(row.get("document", ""))} – {html_text(row.get("title", ""))} '
                f'{html_link(row.get("source_url"))}').strip()

    bilateral, regional, not_drawn = [], [], []
    years = sorted({y for y in (_year(d) for d in frame[frame["scope"] == "bilateral"]["date"]) if y})
    colour_of = {y: VIRIDIS[round(i * (len(VIRIDIS) - 1) / max(1, len(years) - 1))] for i, y in enumerate(years)}
    for partner, rows in frame.groupby("partner", sort=False):
        rows = rows.to_dict("records")
        first = rows[0]
        name = first.get("partner_name") or partner
        docs = "<br>".join(doc_line(r) for r in rows)
        if first["scope"] == "regional":
            lat, lon = REGION_POINTS.get(partner, (None, None))
            if lat is None:
                not_drawn.append(html_text(name))
                continue
            regional.append({"lat": lat, "lon": lon, "s": "hexagon", "c": OKABE_ITO["orange"], "size": 20,
                             "t": str(name), "label": html_text(partner),
                             "p": _popup(name, f"First: {html_text(first['date'])}", docs)})
        else:
            year = _year(first["date"])
            item = {"iso3": partner, "f": colour_of.get(year, OKABE_ITO["grey"]),
                    "tip": f'{html_text(name)}: {html_text(first["date"])}, {html_text(first.get("document", ""))}',
                    "p": _popup(name, docs)}
            (bilateral if partner in shapes else not_drawn).append(item if partner in shapes else html_text(name))
    layers = [{"name": "Bilateral communities", "kind": "areas", "cls": "sf-community", "items": bilateral},
              {"name": "Regional groupings", "kind": "markers", "cluster": False, "items": regional}]
    legend = [{"fill": colour_of[y], "label": f"bilateral, first document {y}"} for y in years]
    legend.append({"shape": "hexagon", "c": OKABE_ITO["orange"], "label": "regional grouping (label)"})
    notes = _not_drawn_note(not_drawn)
    title = "Communities with a shared future: bilateral partners and regional groupings"
    spec = _spec(title, layers, legend, "Community", tiles, notes=notes, bounds=WORLD)
    return CourseMap("communities", title, spec)


# ---------------------------------------------------------------------------- 7. one country

BRI_STATUS_STYLE = {  # bri_countries.csv status -> (label, colour); "" for a country not on the list
    "active": ("Belt and Road participant", OKABE_ITO["green"]),
    "withdrawn": ("withdrew from the Belt and Road", OKABE_ITO["grey"]),
    "unclear": ("on the Belt and Road list, no confirmed document", OKABE_ITO["yellow"]),
    "": ("not on the Belt and Road list", "#d9d9d9"),
}
def country_map(iso3: str, name: str, status: str = "", facts=(), projects: pd.DataFrame | None = None,
                tiles: bool = True) -> CourseMap:
    """One country shaded by its Belt and Road `status`, `facts` (plain text) in its popup, and its projects.

    `projects` (rows of projects.csv, as text or from `data.load`) defaults to those naming `iso3`."""
    if projects is None:
        projects = _read("projects.csv")
        projects = projects[projects["iso3"].str.split(";").apply(lambda codes: iso3 in codes)]
    frame = as_file_text(projects)
    label, colour = BRI_STATUS_STYLE.get(status, BRI_STATUS_STYLE[""])
    withdrawn = status == "withdrawn"
    drawn = iso3 in _country_names()
    area = {"iso3": iso3, "f": colour, "dash": withdrawn, "tip": f"{html_text(name)}: {html_text(label)}",
            "p": _popup(name, *(html_text(fact) for fact in facts))}
    layers = [{"name": html_text(name), "kind": "areas", "cls": "sf-profile", "items": [area] if drawn else []},
              {"name": "Projects", "kind": "markers", "cluster": True, "items": _project_items(frame)}]
    swatch = {"fill": colour, "label": html_text(f"{name}: {label}")}
    if withdrawn:
        swatch.update(stroke="#000", dash="5 4")
    legend = [swatch] + _styled_legend(TYPE_STYLE, set(frame["type"]))
    title = f"{name}: Belt and Road status and projects"
    spec = _spec(title, layers, legend, "Country and projects", tiles, legend_position="bottomleft",
                 notes=_not_drawn_note([] if drawn else [html_text(name)]))
    return CourseMap("country", title, spec, cluster=True)


ALL_MAPS = (key_moments_map, bri_participation_map, projects_map, corridors_map,
            aiib_members_map, communities_map)
