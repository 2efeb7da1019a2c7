"""Each course map's data as an accessible table: the text alternative to the map.

A map function of `maps` attaches its table (`attach`); `map_display.map_html` shows it after
the map, folded in a `<details>` element ("Data for this map (N rows)"), in the notebook and in
the built book (the handout script opens it for print). The rows are computed from the same
validated frames and with the same tests as the map (`map_rules`: what the outlines can
draw, the time periods, the regional labels):
every row the map represents, drawn or not, with the reason when it is not, and its source.
All text goes through `escaping.html_text`, links through `escaping.html_link`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from .categories import PROJECT_TYPES, TIMELINE
from .escaping import html_link, html_text
from .map_rules import (
    AIIB_CLASSES,
    BRI_PERIODS,
    BRI_STATUS_STYLE,
    REGION_POINTS,
    bri_period,
    country_list,
    country_names,
    date_text,
    year_of,
)

__all__ = [
    "COLUMNS",
    "DRAWN",
    "NO_DATE",
    "NO_PLACE",
    "TOO_SMALL",
    "MapTable",
    "Row",
    "aiib_members",
    "attach",
    "bri_participation",
    "communities",
    "corridors",
    "country",
    "key_moments",
    "projects",
]

DRAWN = "on the map"
TOO_SMALL = "too small to draw at this scale"
NO_DATE = "not shaded: no signing date"
NO_PLACE = "not drawn: no place for its label"
COLUMNS = ("Name", "Layer", "Date", "Details", "On the map", "Source")


@dataclass(frozen=True)
class Row:
    """One thing the map represents; `layer` is the map's layer name ('' when not drawn)."""

    name: str
    layer: str
    date: str
    details: str
    shown: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MapTable:
    caption: str
    rows: tuple[Row, ...]

    def drawn_per_layer(self) -> dict[str, int]:
        """How many rows each layer draws (what `CourseMap.layers` counts)."""
        return dict(Counter(row.layer for row in self.rows if row.shown == DRAWN))

    def html(self) -> str:
        """The table in a closed `<details>` element, every text escaped."""
        head = "".join(f'<th scope="col">{name}</th>' for name in COLUMNS)
        body = "".join(_row_html(row) for row in self.rows)
        count = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
        return (
            f'<details class="sf-data-table"><summary>Data for this map ({count})</summary>'
            '<div style="overflow-x:auto"><table style="font-size:0.85em">'
            # the caption stays on screen, wrapped, while a wide table scrolls sideways under it
            '<caption style="text-align:left;position:sticky;left:0;max-width:calc(100vw - 2rem)">'
            f"{html_text(self.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div></details>"
        )


def _row_html(row: Row) -> str:
    labels = ["Source"] if len(row.sources) == 1 else [f"Source {i}" for i in range(1, len(row.sources) + 1)]
    links = " ".join(link for link in map(html_link, row.sources, labels) if link) or "not given"
    cells = "".join(f"<td>{html_text(text)}</td>" for text in (row.layer, row.date, row.details, row.shown))
    return f'<tr><th scope="row">{html_text(row.name)}</th>{cells}<td>{links}</td></tr>'


M = TypeVar("M")  # a map (maps.CourseMap)


def attach(course_map: M, table: MapTable) -> M:
    """The map with its table (`course_map.table`), for one-line use in a map function."""
    course_map.table = table  # type: ignore[attr-defined]  # an attribute of this map
    return course_map


def _caption(title: str, what: str) -> str:
    return f"Data for the map \u201c{title}\u201d: {what}, with where each appears and its source."


# ---------------------------------------------------------------------------- one table per map


def key_moments(frame: pd.DataFrame) -> MapTable:
    rows = tuple(
        Row(
            r["title"],
            "Key moments",
            date_text(r, "date"),
            f"{TIMELINE[r['category']].label} · {r['place']}",
            DRAWN,
            (r["source_url"],),
        )
        for r in frame.to_dict("records")
    )
    return MapTable(_caption("Key moments", "one row per event of the timeline"), rows)


def _project_rows(frame: pd.DataFrame) -> tuple[Row, ...]:
    rows = []
    for r in frame.to_dict("records"):
        years = " – ".join(y for y in (date_text(r, "start"), date_text(r, "completed")) if y) or "not given"
        cost = "cost not given" if pd.isna(r["cost_usd_bn"]) else f"cost US${r['cost_usd_bn']:g} bn"
        details = (
            f"{country_list(r['iso3'])} · {PROJECT_TYPES[r['type']].label} · {r['status'].replace('_', ' ')} · {cost}"
        )
        rows.append(Row(r["name"], "Projects", years, details, DRAWN, (r["source_url"],)))
    return tuple(rows)


def projects(frame: pd.DataFrame) -> MapTable:
    return MapTable(_caption("Belt and Road projects", "one row per project"), _project_rows(frame))


def bri_participation(frame: pd.DataFrame) -> MapTable:
    shapes = country_names()
    rows = []
    for r in frame.to_dict("records"):
        period = bri_period(year_of(r["first_signed"]))
        if period is None:
            layer, shown = "", NO_DATE
        elif r["iso3"] in shapes:
            start, end = BRI_PERIODS[period]
            layer, shown = f"Signed {start}–{str(end)[2:]}", DRAWN
        else:
            layer, shown = "", TOO_SMALL
        details = f"{r['region']} · {r['status']}"
        if r["status"] == "withdrawn":
            details += f" · withdrew {date_text(r, 'withdrawn')}".rstrip()
        rows.append(Row(r["country"], layer, date_text(r, "first_signed"), details, shown, (r["source_url"],)))
    return MapTable(
        _caption("Belt and Road participation", "one row per country, with its first signed cooperation document"),
        tuple(rows),
    )


def aiib_members(frame: pd.DataFrame) -> MapTable:
    shapes = country_names()
    rows = []
    for r in frame.to_dict("records"):
        layer = AIIB_CLASSES[(bool(r["founding"]), bool(r["regional"]))][0]
        drawn = r["iso3"] in shapes
        status = "prospective member" if r["status"] == "prospective" else r["status"]
        rows.append(
            Row(
                r["country"],
                layer if drawn else "",
                date_text(r, "approved"),
                f"{layer} · {status}",
                DRAWN if drawn else TOO_SMALL,
                (r["source_url"],),
            )
        )
    return MapTable(_caption("AIIB members", "one row per member or prospective member"), tuple(rows))


def communities(frame: pd.DataFrame) -> MapTable:
    shapes = country_names()
    rows = []
    for partner, group in frame.sort_values("date", kind="stable").groupby("partner", sort=False):
        records = group.to_dict("records")
        first = records[0]
        regional = first["scope"] == "regional"
        drawn = partner in REGION_POINTS if regional else partner in shapes
        layer = "Regional groupings" if regional else "Bilateral communities"
        documents = "; ".join(f"{date_text(r, 'date')}: {r['document']} – {r['title']}" for r in records)
        shown = DRAWN if drawn else (NO_PLACE if regional else TOO_SMALL)
        rows.append(
            Row(
                str(first.get("partner_name") or partner),
                layer if drawn else "",
                date_text(first, "date"),
                documents,
                shown,
                tuple(r["source_url"] for r in records),
            )
        )
    return MapTable(
        _caption(
            "Communities with a shared future",
            "one row per partner (a country or a regional grouping) and its documents, first date first",
        ),
        tuple(rows),
    )


def corridors(collection: dict, projects_frame: pd.DataFrame) -> MapTable:
    rows = []
    for feature in collection["features"]:
        props, geometry = feature.get("properties", {}), feature.get("geometry") or {}
        drawn = geometry.get("type") in ("LineString", "MultiLineString") and bool(geometry.get("coordinates"))
        details = " · ".join(str(p) for p in (props.get("kind"), props.get("via") and f"via {props['via']}") if p)
        rows.append(
            Row(
                props.get("name", ""),
                "Corridors and maritime route" if drawn else "",
                "",
                details,
                DRAWN if drawn else "not drawn: no line",
                (props.get("source_url"),),
            )
        )
    return MapTable(
        _caption("Belt and Road corridors", "one row per corridor or route, then one per project"),
        tuple(rows) + _project_rows(projects_frame),
    )


def country(iso3: str, name: str, status: str, facts, projects_frame: pd.DataFrame) -> MapTable:
    label = BRI_STATUS_STYLE.get(status, BRI_STATUS_STYLE[""])[0]
    drawn = iso3 in country_names()
    area = Row(
        name, name if drawn else "", "", " · ".join([label, *map(str, facts)]), DRAWN if drawn else TOO_SMALL, ()
    )
    return MapTable(
        _caption(f"{name}: Belt and Road status and projects", "the country, then one row per project"),
        (area,) + _project_rows(projects_frame),
    )
