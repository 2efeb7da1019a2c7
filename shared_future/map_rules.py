"""What a course map and its data table (`map_tables`) both follow: which countries the
outlines can draw, the Belt and Road time periods, the AIIB membership classes, the Belt and
Road statuses, and where a regional grouping's label sits."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .categories import OKABE_ITO
from .data import format_date, load_geojson
from .i18n import N_, country_name

__all__ = [
    "AIIB_CLASSES",
    "BRI_PERIODS",
    "BRI_STATUS_STYLE",
    "REGION_POINTS",
    "SOUTHEAST_ASIA",
    "bri_period",
    "country_list",
    "country_names",
    "date_text",
    "year_of",
]

BRI_PERIODS = [(2013, 2014), (2015, 2016), (2017, 2018), (2019, 2020), (2021, 2022), (2023, 2024), (2025, 2026)]
AIIB_CLASSES = {  # (founding, regional) -> (layer name, colour)
    (True, True): (N_("Founding members, regional"), OKABE_ITO["blue"]),
    (True, False): (N_("Founding members, non-regional"), OKABE_ITO["sky"]),
    (False, True): (N_("Later members, regional"), OKABE_ITO["vermillion"]),
    (False, False): (N_("Later members, non-regional"), OKABE_ITO["orange"]),
}
BRI_STATUS_STYLE = {  # bri_countries.csv status -> (label, colour); "" for a country not on the list
    "active": (N_("Belt and Road participant"), OKABE_ITO["green"]),
    "withdrawn": (N_("withdrew from the Belt and Road"), OKABE_ITO["grey"]),
    "unclear": (N_("on the Belt and Road list, no confirmed document"), OKABE_ITO["yellow"]),
    "": (N_("not on the Belt and Road list"), "#d9d9d9"),
}
# Where a regional grouping's label sits on the map (a presentation choice, not data).
REGION_POINTS = {
    "Africa": (5.0, 20.0),
    "ASEAN": (8.0, 110.0),
    "Arab States": (26.0, 40.0),
    "Latin America and the Caribbean": (-12.0, -62.0),
    "Central Asia": (44.0, 66.0),
    "Pacific Islands": (-14.0, 172.0),
    "Shanghai Cooperation Organisation": (50.0, 88.0),
    "Lancang-Mekong": (16.5, 102.5),
    "Neighbourhood": (32.0, 100.0),
}
SOUTHEAST_ASIA = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "THA", "TLS", "VNM"]  # Singapore: too small


def year_of(value) -> int | None:
    """The year of a typed date (None for a missing one)."""
    return None if value is None or pd.isna(value) else int(value.year)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 -> name of every country the 1:110m outlines draw."""
    return {f["properties"]["iso3"]: f["properties"]["name"] for f in load_geojson("countries")["features"]}


def bri_period(year: int | None) -> int | None:
    """The index in BRI_PERIODS of a signing year (years before 2013 count in the first)."""
    if year is None:
        return None
    for index, (start, end) in enumerate(BRI_PERIODS):
        if start <= year <= end or (index == 0 and year < start):
            return index
    return len(BRI_PERIODS) - 1


def country_list(codes: str) -> str:
    """'PAK; LAO' as 'Pakistan, Laos' in the current language (a code the outlines do not name
    stays a code)."""
    names = country_names()
    codes_ = [c.strip() for c in str(codes).split(";") if c.strip()]
    return ", ".join(country_name(c, names[c]) if c in names else c for c in codes_)


def date_text(row: dict, column: str) -> str:
    """A date of a typed row as a reader writes it ('28 September 2015', 'May 2017'); '' if none."""
    value = row.get(column)
    return "" if value is None or pd.isna(value) else format_date(value, row[f"{column}_precision"])[1]
