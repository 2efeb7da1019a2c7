"""Every course map carries its data as a table (shared_future.map_tables): one row per thing
the map represents, drawn or listed as not drawn, with its source; accessible markup; escaped text."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from shared_future import map_display, map_tables, maps
from shared_future.capstone import country_profile, profile_map
from shared_future.data import load, load_geojson


def every_map():
    return [f() for f in maps.ALL_MAPS] + [
        profile_map(country_profile("Pakistan")),
        profile_map(country_profile("Italy")),
    ]


def expected_rows(m) -> int:
    """Rows the map represents, counted from the data files."""
    return {
        "key_moments": lambda: len(load("timeline")),
        "bri_participation": lambda: len(load("bri_countries")),
        "projects": lambda: len(load("projects")),
        "corridors": lambda: len(load_geojson("corridors")["features"]) + len(load("projects")),
        "aiib_members": lambda: len(load("aiib_members")),
        "communities": lambda: load("communities")["partner"].nunique(),
        "country": lambda: 1 + m.layers["Projects"],
    }[m.sf_name]()


@pytest.mark.parametrize("m", every_map(), ids=lambda m: m.title)
def test_the_table_has_a_row_for_everything_the_map_represents(m):
    table = m.table
    assert len(table.rows) == expected_rows(m)
    # what is drawn: exactly the map's layers and feature counts
    assert table.drawn_per_layer() == {name: n for name, n in m.layers.items() if n}
    not_drawn = [r for r in table.rows if r.shown != map_tables.DRAWN]
    assert all(r.layer == "" for r in not_drawn)
    too_small = sum(r.shown == map_tables.TOO_SMALL for r in not_drawn)
    assert m.not_drawn in (None, too_small)  # the count the map itself lists, where it counts them


def test_not_drawn_rows_name_the_reason():
    countries = load("bri_countries")
    shapes = {f["properties"]["iso3"] for f in load_geojson("countries")["features"]}
    rows = {r.name: r.shown for r in maps.bri_participation_map().table.rows}
    assert set(rows.values()) <= {map_tables.DRAWN, map_tables.TOO_SMALL, map_tables.NO_DATE}
    dated = countries["first_signed"].notna()
    too_small = set(countries.loc[dated & ~countries["iso3"].isin(shapes), "country"])
    assert too_small and {n for n, shown in rows.items() if shown == map_tables.TOO_SMALL} == too_small
    assert {n for n, shown in rows.items() if shown == map_tables.NO_DATE} == set(countries.loc[~dated, "country"])


def test_a_filtered_frame_gives_the_filtered_table():
    projects = load("projects")
    ports = projects[projects["type"] == "port"]
    m = maps.corridors_map(projects=ports)
    assert m.table.drawn_per_layer()["Projects"] == len(ports) == m.layers["Projects"]
    assert {r.name for r in m.table.rows if r.layer == "Projects"} == set(ports["name"])


@pytest.mark.parametrize("m", [maps.communities_map(), maps.bri_participation_map()], ids=lambda m: m.sf_name)
def test_the_table_is_accessible_markup_after_the_map(m):
    shown = BeautifulSoup(map_display.map_html(m), "html.parser")
    holder, details = list(shown.children)
    assert holder.iframe and details.name == "details" and "sf-data-table" in details["class"]
    assert details.summary.get_text() == f"Data for this map ({len(m.table.rows)} rows)"
    table = details.table
    assert m.title.split(":")[0] in table.caption.get_text()
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col"] * len(map_tables.COLUMNS)
    body = table.tbody.find_all("tr")
    assert len(body) == len(m.table.rows)
    assert all(tr.th["scope"] == "row" for tr in body)
    links = [a["href"] for a in table.tbody.find_all("a")]
    assert links and all(href.startswith(("https://", "http://")) for href in links)


def test_a_students_own_folium_map_has_no_table():
    import folium

    assert "<details" not in map_display.map_html(folium.Map(tiles=None))
