"""The course maps: one call per map, e.g. `maps.projects_map()`, in a notebook cell.

Each function takes validated, typed frames (`data.load`; by default it loads the file; a
frame of text is validated and typed like the file) and returns a `CourseMap`: a
`folium.Map` that displays itself in JupyterLab and in the built book with no network needed
(map tiles aside), and to which a student can add folium's own markers, popups, lines,
GeoJson, feature groups and marker clusters.

Design
- folium gives the document (`folium.Map`, its Figure, unique element names, the asset lists
  `default_js`/`default_css`) and the Jupyter display (`map_display`). The course's layers,
  title, legend and time control are drawn by the course script (`static/sf-maps.js`,
  `SF.render`) from a JSON description (`CourseMap.spec`, read when the map is shown) that
  Python builds here; `SF.layerControl`, called last, lists the course's layers and a
  student's folium layers in one control.
- Markers are inline-SVG shapes (colour *and* shape per category, from `categories.py`);
  sequential shading uses viridis. Both are colour-blind safe.
- The base layer is the country outlines of `data/countries.geojson` (Natural Earth 1:110m),
  so a map reads without tiles. OpenStreetMap tiles are an overlay, on by default in a
  reader's browser; automated browsers (navigator.webdriver: the offline test suite) never
  request them, so tests stay off the network. `tiles=False` drops them altogether.
- Assets: see `map_assets` (inline in a live kernel from the package's installed copy, linked
  from `_vendor/` in the built book).
- Text from the data is HTML-escaped before it reaches a popup, tooltip or legend; links are
  kept only for http(s) URLs.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from . import map_assets, map_display, map_tables
from .categories import OKABE_ITO, PROJECT_TYPES, TIMELINE, Category
from .data import as_file_text, as_typed, format_date, load, load_geojson  # noqa: F401 (as_file_text re-exported)
from .escaping import html_link, html_text, json_for_script

VIRIDIS = ["#440154", "#46327e", "#365c8d", "#277f8e", "#1fa187", "#4ac16d", "#a0da39", "#fde725"]
TILES = {"name": "OpenStreetMap tiles (online)",
         "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
         "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" '
                        'rel="noopener">OpenStreetMap</a> contributors'}
NATURAL_EARTH = ('Country shapes: <a href="https://www.naturalearthdata.com/" target="_blank" '
                 'rel="noopener">Natural Earth</a> (public domain)')
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

def _frame(name: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    """The rows a map draws: `data.load(name)` by default, or the frame given (from `load`,
    filtered or not; a frame of text is validated and typed like the file)."""
    return load(name) if frame is None else as_typed(name, frame)


def _date(row: dict, column: str) -> str:
    """A date of a typed row as a reader writes it ('28 September 2015', 'May 2017'); '' if none."""
    value = row.get(column)
    return "" if value is None or pd.isna(value) else format_date(value, row[f"{column}_precision"])[1]


def _year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value.year)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {f["properties"]["iso3"]: f["properties"]["name"] for f in load_geojson("countries")["features"]}


def _one_line(text: str, limit: int = 180) -> str:
    text = " ".join(str(text or "").split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


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


def _marker_items(frame: pd.DataFrame, style_of, popup_of, title_col: str) -> list[dict]:
    items = []
    for row in frame.to_dict("records"):
        style = style_of(row)
        items.append({"lat": float(row["lat"]), "lon": float(row["lon"]), "s": style.shape, "c": style.colour,
                      "t": str(row[title_col]), "p": popup_of(row)})
    return items


def _not_drawn_note(names: list[str]) -> str:
    """A folded list of the countries too small for the 1:110m outlines (names already escaped)."""
    if not names:
        return ""
    return (f"<details><summary>{len(names)} too small to draw at this scale</summary>"
            f"{', '.join(sorted(names))}.</details>")


def _styled_legend(styles: dict[str, Category], present) -> list[dict]:
    return [{"shape": style.shape, "c": style.colour, "label": html_text(style.label)}
            for key, style in styles.items() if key in present]


# ---------------------------------------------------------------------------- 1. key moments

def key_moments_map(timeline: pd.DataFrame | None = None, tiles: bool = True) -> CourseMap:
    """Where the key moments of the timeline happened, one marker shape and colour per category."""
    frame = _frame("timeline", timeline)

    def style(row):
        return TIMELINE[row["category"]]

    def popup(row):
        return _popup(row["title"], f'{html_text(_date(row, "date"))} · {html_text(style(row).label)} · '
                      f'{html_text(row["place"])}', html_text(_one_line(row["description"])),
                      html_link(row["source_url"]))

    items = _marker_items(frame, style, popup, "title")
    layers = [{"name": "Key moments", "kind": "markers", "cluster": True, "items": items}]
    title = "Key moments of the 'community with a shared future', by place"
    legend = _styled_legend(TIMELINE, set(frame["category"]))
    spec = _spec(title, layers, legend, "Kind of event", tiles, legend_position="bottomleft",
                 notes="Numbered circles group nearby events: zoom in or click them.")
    return map_tables.attach(CourseMap("key_moments", title, spec, cluster=True), map_tables.key_moments(frame))


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
    frame = _frame("bri_countries", countries)
    shapes = _country_names()
    by_period: dict[int, list[dict]] = {i: [] for i in range(len(BRI_PERIODS))}
    not_drawn, undated = [], []
    for row in frame.to_dict("records"):
        period = _period(_year(row["first_signed"]))
        if period is None:
            undated.append(html_text(row["country"]))
            continue
        withdrawn = row["status"] == "withdrawn"
        gone = _year(row["withdrawn"])
        signed, left = html_text(_date(row, "first_signed")), html_text(_date(row, "withdrawn"))
        text = f'{html_text(row["country"])}: first signed {signed}'
        if withdrawn:
            text += f' · withdrew {left}'.rstrip()
        item = {"iso3": row["iso3"], "f": VIRIDIS[period], "tip": text,
                "p": _popup(row["country"], f'First signed: {signed}', f'Withdrew: {left}' if withdrawn else "",
                            html_text(_one_line(row["note"])), html_link(row["source_url"]))}
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
    result = map_tables.attach(CourseMap("bri_participation", title, spec), map_tables.bri_participation(frame))
    result.not_drawn = len(not_drawn)
    return result


# ---------------------------------------------------------------------------- 3. projects

def _project_items(frame: pd.DataFrame) -> list[dict]:
    def style(row):
        return PROJECT_TYPES[row["type"]]

    def popup(row):
        years = " – ".join(y for y in (_date(row, "start"), _date(row, "completed")) if y) or "dates not given"
        status = f' ({html_text(row["status"].replace("_", " "))})'
        cost = row["cost_usd_bn"]
        cost = "Cost: not given" if pd.isna(cost) else f"Cost: US${cost:g} bn"
        if row["cost_note"]:
            cost += f' <small>({html_text(row["cost_note"])})</small>'
        return _popup(row["name"], f'{html_text(_country_list(row["iso3"]))} · {html_text(style(row).label)}',
                      f"{html_text(years)}{status}", cost, html_text(row["description"]),
                      html_link(row["source_url"]))

    return _marker_items(frame, style, popup, "name")


def projects_map(projects: pd.DataFrame | None = None, tiles: bool = True) -> CourseMap:
    """Belt and Road projects by type (shape and colour), clustered where dense."""
    frame = _frame("projects", projects)
    layers = [{"name": "Projects", "kind": "markers", "cluster": True, "items": _project_items(frame)}]
    title = "Belt and Road projects by type"
    spec = _spec(title, layers, _styled_legend(PROJECT_TYPES, set(frame["type"])), "Project type", tiles, legend_position="bottomleft",
                 notes="Numbered circles group nearby projects: zoom in or click them.")
    return map_tables.attach(CourseMap("projects", title, spec, cluster=True), map_tables.projects(frame))


# ---------------------------------------------------------------------------- 4. corridors

def corridors_map(corridors: dict | None = None, projects: pd.DataFrame | None = None,
                  tiles: bool = True) -> CourseMap:
    """The land corridors and the maritime route as labelled lines, projects switchable on top."""
    collection = load_geojson("corridors") if corridors is None else corridors
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
    frame = _frame("projects", projects)
    layers = [{"name": "Corridors and maritime route", "kind": "lines", "items": items},
              {"name": "Projects", "kind": "markers", "cluster": True, "items": _project_items(frame)}]
    legend = [{"line": OKABE_ITO["vermillion"], "label": "land corridor (one colour each)"},
              {"line": OKABE_ITO["blue"], "dash": "8 6", "label": "maritime route"}]
    legend += _styled_legend(PROJECT_TYPES, set(frame["type"]))
    title = "Belt and Road corridors and the maritime Silk Road"
    spec = _spec(title, layers, legend, "Corridors and projects", tiles, legend_position="bottomleft")
    return map_tables.attach(CourseMap("corridors", title, spec, cluster=True, location=(30, 60), zoom_start=2),
                             map_tables.corridors(collection, frame))


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
    frame = _frame("aiib_members", members)
    counts = _frame("aiib_membership_counts", counts)
    shapes = _country_names()
    groups = {key: [] for key in AIIB_CLASSES}
    not_drawn = []
    for row in frame.to_dict("records"):
        key = (bool(row["founding"]), bool(row["regional"]))
        name, colour = AIIB_CLASSES[key]
        prospective = row["status"] == "prospective"
        status = "prospective member" if prospective else row["status"]
        item = {"iso3": row["iso3"], "f": colour, "dash": prospective,
                "tip": f'{html_text(row["country"])}: {html_text(name.lower())}, {html_text(status)}',
                "p": _popup(row["country"], html_text(name),
                            f'Approved: {html_text(_date(row, "approved"))} · {html_text(status)}',
                            html_text(_one_line(row["note"])), html_link(row["source_url"]))}
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
    result = map_tables.attach(CourseMap("aiib_members", title, spec), map_tables.aiib_members(frame))
    result.not_drawn = len(not_drawn)
    return result


# ---------------------------------------------------------------------------- 6. communities

def communities_map(communities: pd.DataFrame | None = None, tiles: bool = True) -> CourseMap:
    """Bilateral 'communities with a shared future' by year and document; regional groupings."""
    frame = _frame("communities", communities).sort_values("date", kind="stable")
    shapes = _country_names()

    def doc_line(row):
        return (f'{html_text(_date(row, "date"))}: {html_text(row["document"])} – {html_text(row["title"])} '
                f'{html_link(row["source_url"])}').strip()

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
                             "p": _popup(name, f"First: {html_text(_date(first, 'date'))}", docs)})
        else:
            year = _year(first["date"])
            item = {"iso3": partner, "f": colour_of.get(year, OKABE_ITO["grey"]),
                    "tip": f'{html_text(name)}: {html_text(_date(first, "date"))}, {html_text(first["document"])}',
                    "p": _popup(name, docs)}
            (bilateral if partner in shapes else not_drawn).append(item if partner in shapes else html_text(name))
    layers = [{"name": "Bilateral communities", "kind": "areas", "cls": "sf-community", "items": bilateral},
              {"name": "Regional groupings", "kind": "markers", "cluster": False, "items": regional}]
    legend = [{"fill": colour_of[y], "label": f"bilateral, first document {y}"} for y in years]
    legend.append({"shape": "hexagon", "c": OKABE_ITO["orange"], "label": "regional grouping (label)"})
    notes = _not_drawn_note(not_drawn)
    title = "Communities with a shared future: bilateral partners and regional groupings"
    spec = _spec(title, layers, legend, "Community", tiles, notes=notes, bounds=WORLD)
    return map_tables.attach(CourseMap("communities", title, spec), map_tables.communities(frame))


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
        projects = load("projects")
        projects = projects[projects["iso3"].str.split(";").apply(lambda codes: iso3 in codes)]
    frame = _frame("projects", projects)
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
    legend = [swatch] + _styled_legend(PROJECT_TYPES, set(frame["type"]))
    title = f"{name}: Belt and Road status and projects"
    spec = _spec(title, layers, legend, "Country and projects", tiles, legend_position="bottomleft",
                 notes=_not_drawn_note([] if drawn else [html_text(name)]))
    return map_tables.attach(CourseMap("country", title, spec, cluster=True),
                             map_tables.country(iso3, name, status, facts, frame))


ALL_MAPS = (key_moments_map, bri_participation_map, projects_map, corridors_map,
            aiib_members_map, communities_map)
