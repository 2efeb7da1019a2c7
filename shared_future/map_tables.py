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

from .categories import PROJECT_TYPES, TIMELINE, value_label
from .escaping import html_link, html_text
from .i18n import N_, _, current, language
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
    "NO_LINE",
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

DRAWN = N_("on the map")
TOO_SMALL = N_("too small to draw at this scale")
NO_DATE = N_("not shaded: no signing date")
NO_PLACE = N_("not drawn: no place for its label")
NO_LINE = N_("not drawn: no line")
COLUMNS = (N_("Name"), N_("Layer"), N_("Date"), N_("Details"), N_("On the map"), N_("Source"))


@dataclass(frozen=True)
class Row:
    """One thing the map represents; `layer` is the map's layer name ('' when not drawn); texts
    are in the table's language, `shown` one of the labels DRAWN, TOO_SMALL, ... translated."""

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
    lang: str = "en"  # the language of its texts and headers

    def drawn_per_layer(self) -> dict[str, int]:
        """How many rows each layer draws (what `CourseMap.layers` counts)."""
        with language(self.lang):
            drawn = _(DRAWN)
        return dict(Counter(row.layer for row in self.rows if row.shown == drawn))

    def html(self) -> str:
        """The table in a closed `<details>` element, every text escaped."""
        with language(self.lang):
            return self._html()

    def _html(self) -> str:
        head = "".join(f'<th scope="col">{html_text(_(name))}</th>' for name in COLUMNS)
        body = "".join(_row_html(row) for row in self.rows)
        count = (_("{n} row") if len(self.rows) == 1 else _("{n} rows")).format(n=len(self.rows))
        summary = html_text(_("Data for this map ({count})").format(count=count))
        return (
            f'<details class="sf-data-table"><summary>{summary}</summary>'
            '<div style="overflow-x:auto"><table style="font-size:0.85em">'
            # the caption stays on screen, wrapped, while a wide table scrolls sideways under it
            '<caption style="text-align:left;position:sticky;left:0;max-width:calc(100vw - 2rem)">'
            f"{html_text(self.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div></details>"
        )


def _row_html(row: Row) -> str:
    many = [_("Source {n}").format(n=i) for i in range(1, len(row.sources) + 1)]
    labels = [_("Source")] if len(row.sources) == 1 else many
    links = " ".join(link for link in map(html_link, row.sources, labels) if link) or html_text(_("not given"))
    cells = "".join(f"<td>{html_text(text)}</td>" for text in (row.layer, row.date, row.details, row.shown))
    return f'<tr><th scope="row">{html_text(row.name)}</th>{cells}<td>{links}</td></tr>'


M = TypeVar("M")  # a map (maps.CourseMap)


def attach(course_map: M, table: MapTable) -> M:
    """The map with its table (`course_map.table`), for one-line use in a map function."""
    course_map.table = table  # type: ignore[attr-defined]  # an attribute of this map
    return course_map


def _caption(title: str, what: str) -> str:
    return _("Data for the map \u201c{title}\u201d: {what}, with where each appears and its source.").format(
        title=title, what=what
    )


def _table(caption: str, rows) -> MapTable:
    return MapTable(caption, tuple(rows), current())


# ---------------------------------------------------------------------------- one table per map


def key_moments(frame: pd.DataFrame) -> MapTable:
    rows = tuple(
        Row(
            r["title"],
            _("Key moments"),
            date_text(r, "date"),
            f"{_(TIMELINE[r['category']].label)} · {r['place']}",
            _(DRAWN),
            (r["source_url"],),
        )
        for r in frame.to_dict("records")
    )
    return _table(_caption(_("Key moments"), _("one row per event of the timeline")), rows)


def _project_rows(frame: pd.DataFrame) -> tuple[Row, ...]:
    rows = []
    for r in frame.to_dict("records"):
        years = " – ".join(y for y in (date_text(r, "start"), date_text(r, "completed")) if y) or _("not given")
        cost = (
            _("cost not given")
            if pd.isna(r["cost_usd_bn"])
            else _("cost US${cost} bn").format(cost=f"{r['cost_usd_bn']:g}", cost_100m=f"{r['cost_usd_bn'] * 10:g}")
        )
        kind, status = _(PROJECT_TYPES[r["type"]].label), value_label(r["status"])
        details = f"{country_list(r['iso3'])} · {kind} · {status} · {cost}"
        rows.append(Row(r["name"], _("Projects"), years, details, _(DRAWN), (r["source_url"],)))
    return tuple(rows)


def projects(frame: pd.DataFrame) -> MapTable:
    return _table(_caption(_("Belt and Road projects"), _("one row per project")), _project_rows(frame))


def bri_participation(frame: pd.DataFrame) -> MapTable:
    shapes = country_names()
    rows = []
    for r in frame.to_dict("records"):
        period = bri_period(year_of(r["first_signed"]))
        if period is None:
            layer, shown = "", _(NO_DATE)
        elif r["iso3"] in shapes:
            start, end = BRI_PERIODS[period]
            layer, shown = _("Signed {period}").format(period=f"{start}–{str(end)[2:]}"), _(DRAWN)
        else:
            layer, shown = "", _(TOO_SMALL)
        details = f"{value_label(r['region'])} · {value_label(r['status'])}"
        if r["status"] == "withdrawn":
            details += " · " + _("withdrew {date}").format(date=date_text(r, "withdrawn")).rstrip()
        rows.append(Row(r["country"], layer, date_text(r, "first_signed"), details, shown, (r["source_url"],)))
    return _table(
        _caption(
            _("Belt and Road participation"), _("one row per country, with its first signed cooperation document")
        ),
        rows,
    )


def aiib_members(frame: pd.DataFrame) -> MapTable:
    shapes = country_names()
    rows = []
    for r in frame.to_dict("records"):
        layer = _(AIIB_CLASSES[(bool(r["founding"]), bool(r["regional"]))][0])
        drawn = r["iso3"] in shapes
        status = value_label(r["status"])
        rows.append(
            Row(
                r["country"],
                layer if drawn else "",
                date_text(r, "approved"),
                f"{layer} · {status}",
                _(DRAWN) if drawn else _(TOO_SMALL),
                (r["source_url"],),
            )
        )
    return _table(_caption(_("AIIB members"), _("one row per member or prospective member")), rows)


def communities(frame: pd.DataFrame) -> MapTable:
    shapes = country_names()
    rows = []
    for partner, group in frame.sort_values("date", kind="stable").groupby("partner", sort=False):
        records = group.to_dict("records")
        first = records[0]
        regional = first["scope"] == "regional"
        drawn = partner in REGION_POINTS if regional else partner in shapes
        layer = _("Regional groupings") if regional else _("Bilateral communities")
        documents = "; ".join(f"{date_text(r, 'date')}: {value_label(r['document'])} – {r['title']}" for r in records)
        shown = _(DRAWN) if drawn else _(NO_PLACE) if regional else _(TOO_SMALL)
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
    return _table(
        _caption(
            _("Communities with a shared future"),
            _("one row per partner (a country or a regional grouping) and its documents, first date first"),
        ),
        rows,
    )


def corridors(collection: dict, projects_frame: pd.DataFrame) -> MapTable:
    rows = []
    for feature in collection["features"]:
        props, geometry = feature.get("properties", {}), feature.get("geometry") or {}
        drawn = geometry.get("type") in ("LineString", "MultiLineString") and bool(geometry.get("coordinates"))
        via = props.get("via") and _("via {places}").format(places=props["via"])
        details = " · ".join(str(p) for p in (props.get("kind"), via) if p)
        rows.append(
            Row(
                props.get("name", ""),
                _("Corridors and maritime route") if drawn else "",
                "",
                details,
                _(DRAWN) if drawn else _(NO_LINE),
                (props.get("source_url"),),
            )
        )
    return _table(
        _caption(_("Belt and Road corridors"), _("one row per corridor or route, then one per project")),
        tuple(rows) + _project_rows(projects_frame),
    )


def country(iso3: str, name: str, status: str, facts, projects_frame: pd.DataFrame) -> MapTable:
    label = _(BRI_STATUS_STYLE.get(status, BRI_STATUS_STYLE[""])[0])
    drawn = iso3 in country_names()
    area = Row(
        name, name if drawn else "", "", " · ".join([label, *map(str, facts)]), _(DRAWN) if drawn else _(TOO_SMALL), ()
    )
    return _table(
        _caption(
            _("{name}: Belt and Road status and projects").format(name=name),
            _("the country, then one row per project"),
        ),
        (area,) + _project_rows(projects_frame),
    )
