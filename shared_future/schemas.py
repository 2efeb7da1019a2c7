"""What each course data file must look like: one pandera schema per CSV file.

The schemas check the raw text of each cell (files are read as strings), so a bad value is
reported as written in the file. `data.load` converts the validated text to typed columns.
The rules are plain Python here; a data set's pandera schema is made the first time a file is
checked, so a kernel that loads only files that passed before (`clean_files.py`) never imports
pandera.
Numbers are plain ASCII decimals (no exponent, no digit separators, no other scripts' digits,
never NaN or infinity); codes are matched exactly (a space or a lower-case letter is an error,
never normalised away); URLs are http(s) with a host. Rules that span rows or files (dates
not in the future, the course's one country list) are in `validate.py`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

import pycountry

from . import categories
from .escaping import safe_url

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = [
    "DATASETS",
    "ISO3_CODES",
    "VIEWPOINT_BODIES",
    "VIEWPOINT_STANCES",
    "CellRule",
    "Dataset",
    "parse_partial_date",
]

KOSOVO = "XKX"  # user-assigned code in common use; not in ISO 3166-1
ISO3_CODES = frozenset(c.alpha_3 for c in pycountry.countries) | {KOSOVO}
YEARS = (2000, 2030)
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_NUMBER_RE = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")

REGIONS_WORLD_BANK = (
    "East Asia & Pacific",
    "Europe & Central Asia",
    "Latin America & Caribbean",
    "Middle East & North Africa",
    "South Asia",
    "Sub-Saharan Africa",
)
REGIONAL_PARTNERS = (
    "Africa",
    "ASEAN",
    "Arab States",
    "Latin America and the Caribbean",
    "Central Asia",
    "Pacific Islands",
    "Shanghai Cooperation Organisation",
    "Lancang-Mekong",
    "Neighbourhood",
)
TIMELINE_CATEGORIES = tuple(categories.TIMELINE)  # labels, shapes and colours: categories.py
PROJECT_TYPES = tuple(categories.PROJECT_TYPES)
PROJECT_STATUSES = ("planned", "under_construction", "operational", "suspended", "cancelled")
COMMUNITY_DOCUMENTS = (
    "action plan",
    "joint statement",
    "declaration",
    "agreement",
    "speech",
    "forum declaration",
)
VIEWPOINT_STANCES = (
    "official",
    "supportive",
    "neutral",
    "sceptical",
    "critical",
    "rebuttal-scholarly",
    "rebuttal-official",
)
VIEWPOINT_STANCE_ERROR = (
    f"must be one of: {', '.join(VIEWPOINT_STANCES)} (the old 'rebuttal' is split: "
    "'rebuttal-scholarly' for an answer from research, 'rebuttal-official' for a denial "
    "by a government or an international body)"
)
VIEWPOINT_TOPICS = (
    "un_texts",
    "norms",
    "development",
    "debt",
    "transparency",
    "environment",
    "hambantota",
    "withdrawal",
    "aiib",
)
VIEWPOINT_SPEAKER_TYPES = ("government", "international", "scholar", "commentator", "business", "survey")
VIEWPOINT_BODIES = ("UN", "WBG", "AIIB")  # speaker_country markers for international bodies


def parse_partial_date(text: str) -> tuple[date, str] | None:
    """'2015-09-28' -> (date, 'day'); '2015-09' -> (1 Sep, 'month'); '2015' -> (1 Jan, 'year')."""
    match = _DATE_RE.fullmatch(text)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return value, ("day" if day else "month" if month else "year")


class CellRule(NamedTuple):
    """A check of each cell of a column: `test` on its text, `error` when it fails; blank cells
    pass when the column is optional."""

    test: Callable[[str], bool]
    error: str
    optional: bool = False

    def passes(self, text: str) -> bool:
        return (self.optional and text == "") or self.test(text)


def _is_date(text: str) -> bool:
    parsed = parse_partial_date(text)
    return parsed is not None and YEARS[0] <= parsed[0].year <= YEARS[1]


def _is_number(low: float, high: float):
    def test(text: str) -> bool:
        return bool(_NUMBER_RE.fullmatch(text)) and low <= float(text) <= high

    return test


def required() -> CellRule:
    return CellRule(lambda v: v.strip() != "", "must not be empty")


def one_of(values, optional: bool = False) -> CellRule:
    return CellRule(lambda v: v in values, f"must be one of: {', '.join(values)}", optional)


def iso_date(optional: bool = False) -> CellRule:
    return CellRule(_is_date, f"must be a date YYYY-MM-DD, YYYY-MM or YYYY between {YEARS[0]} and {YEARS[1]}", optional)


def number(low: float, high: float, optional: bool = False) -> CellRule:
    return CellRule(
        _is_number(low, high), f"must be a number from {low} to {high}, written with digits 0-9 and '.'", optional
    )


def boolean() -> CellRule:
    return one_of(("true", "false"))


def url() -> CellRule:
    return CellRule(
        lambda v: safe_url(v) == v, "must be an http(s) URL with a host (no spaces, quotes or user:password@)"
    )


def iso3(many: bool = False) -> CellRule:
    def test(text: str) -> bool:
        codes = text.split(";") if many else [text]
        return all(code in ISO3_CODES for code in codes)

    what = "ISO 3166-1 alpha-3 codes separated by ';' (no spaces)" if many else "an ISO 3166-1 alpha-3 code"
    return CellRule(test, f"must be {what}")


def iso3_or_region() -> CellRule:
    return CellRule(
        lambda v: v in ISO3_CODES or v in REGIONAL_PARTNERS,
        f"must be an ISO3 code or one of: {', '.join(REGIONAL_PARTNERS)}",
    )


def col(*rules: CellRule) -> tuple[CellRule, ...]:
    """A text column and the rules each of its cells must pass."""
    return rules


def free_text() -> tuple[CellRule, ...]:
    return ()


LAT = number(-90, 90)
LON = number(-180, 180)


@dataclass(frozen=True)
class Dataset:
    """A CSV file of the course: its columns and their rules, its unique key and how to type its columns."""

    name: str
    columns: dict[str, tuple[CellRule, ...]]
    key: tuple[str, ...]
    dates: tuple[str, ...] = ()
    booleans: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()

    @functools.cached_property
    def schema(self) -> pa.DataFrameSchema:
        """The pandera schema of the file: every column text, none missing, none unknown."""
        import pandera.pandas as pa

        def column(rules: tuple[CellRule, ...]) -> pa.Column:
            checks = [pa.Check(rule.passes, element_wise=True, error=rule.error) for rule in rules]
            return pa.Column(str, checks=checks, nullable=False)

        return pa.DataFrameSchema(
            {name: column(rules) for name, rules in self.columns.items()}, strict=True, ordered=False, name=self.name
        )


DATASETS = {
    d.name: d
    for d in [
        Dataset(
            "timeline",
            {
                "date": col(iso_date()),
                "title": col(required()),
                "description": col(required()),
                "place": col(required()),
                "lat": col(LAT),
                "lon": col(LON),
                "category": col(one_of(TIMELINE_CATEGORIES)),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("date", "title"),
            dates=("date",),
            numbers=("lat", "lon"),
        ),
        Dataset(
            "quotes",
            {
                "date": col(iso_date()),
                "speaker": col(required()),
                "occasion": col(required()),
                "quote": col(required()),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("date", "speaker", "quote"),
            dates=("date",),
        ),
        Dataset(
            "bri_countries",
            {
                "iso3": col(iso3()),
                "country": col(required()),
                "region": col(one_of(REGIONS_WORLD_BANK)),
                "first_signed": col(iso_date(optional=True)),
                "status": col(one_of(("active", "withdrawn", "unclear"))),
                "withdrawn": col(iso_date(optional=True)),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("iso3",),
            dates=("first_signed", "withdrawn"),
        ),
        Dataset(
            "bri_counts",
            {
                "as_of": col(iso_date()),
                "count": col(number(1, 250)),
                "counts_what": col(one_of(("countries", "countries and organisations"))),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("as_of", "counts_what"),
            dates=("as_of",),
            numbers=("count",),
        ),
        Dataset(
            "aiib_members",
            {
                "iso3": col(iso3()),
                "country": col(required()),
                "founding": col(boolean()),
                "regional": col(boolean()),
                "approved": col(iso_date(optional=True)),
                "status": col(one_of(("member", "prospective", "approved"))),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("iso3",),
            dates=("approved",),
            booleans=("founding", "regional"),
        ),
        Dataset(
            "aiib_membership_counts",
            {
                "as_of": col(iso_date()),
                "members": col(number(1, 250)),
                "counts_what": col(required()),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("as_of", "counts_what"),
            dates=("as_of",),
            numbers=("members",),
        ),
        Dataset(
            "projects",
            {
                "name": col(required()),
                "iso3": col(iso3(many=True)),
                "type": col(one_of(PROJECT_TYPES)),
                "lat": col(LAT),
                "lon": col(LON),
                "start": col(iso_date(optional=True)),
                "completed": col(iso_date(optional=True)),
                "status": col(one_of(PROJECT_STATUSES)),
                "cost_usd_bn": col(number(0, 1000, optional=True)),
                "cost_note": free_text(),
                "description": col(required()),
                "source_url": col(url()),
            },
            key=("name",),
            dates=("start", "completed"),
            numbers=("lat", "lon", "cost_usd_bn"),
        ),
        Dataset(
            "communities",
            {
                "partner": col(iso3_or_region()),
                "partner_name": col(required()),
                "scope": col(one_of(("bilateral", "regional"))),
                "date": col(iso_date()),
                "document": col(one_of(COMMUNITY_DOCUMENTS)),
                "title": col(required()),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("partner", "date", "title"),
            dates=("date",),
        ),
        Dataset(
            "funds",
            {
                "name": col(required()),
                "announced": col(iso_date()),
                "amount_usd_bn": col(number(0, 1000, optional=True)),
                "purpose": col(required()),
                "became": free_text(),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("name",),
            dates=("announced",),
            numbers=("amount_usd_bn",),
        ),
        Dataset(
            "glossary",
            {
                "term": col(required()),
                "chinese": free_text(),
                "pinyin": free_text(),
                "definition": col(required()),
                "source_url": col(url()),
            },
            key=("term",),
        ),
        Dataset(
            "governance_reform",
            {
                "institution": col(required()),
                "member": col(required()),
                "measure": col(required()),
                "before": col(number(0, 100)),
                "after": col(number(0, 100)),
                "unit": col(required()),
                "effective": col(iso_date()),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("institution", "member", "measure"),
            dates=("effective",),
            numbers=("before", "after"),
        ),
        Dataset(
            "pillars",
            {
                "formulation": col(one_of(("UNGA 2015", "Geneva 2017"))),
                "year": col(number(2000, 2030)),
                "order": col(number(1, 10)),
                "pillar": col(required()),
                "wording": col(required()),
                "source_url": col(url()),
            },
            key=("formulation", "order"),
            numbers=("year", "order"),
        ),
        Dataset(
            "course_outline",
            {
                "chapter": col(number(1, 20)),
                "title": col(required()),
                "notebook": col(required()),
                "part": col(required()),
                "minutes": col(number(15, 90)),
                "optional_minutes": col(number(0, 90)),
            },
            key=("chapter",),
            numbers=("chapter", "minutes", "optional_minutes"),
        ),
        Dataset(
            "small_states",
            {
                "iso3": col(iso3()),
                "name": col(required()),
                "kind": col(one_of(("state", "associated state", "territory"))),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("iso3",),
        ),
        Dataset(
            "viewpoints",
            {
                "id": col(required()),
                "author": col(required()),
                "affiliation": col(required()),
                "speaker_country": col(
                    CellRule(
                        lambda v: v in ISO3_CODES or v in VIEWPOINT_BODIES,
                        f"must be an ISO 3166-1 alpha-3 code or one of: {', '.join(VIEWPOINT_BODIES)}",
                    )
                ),
                "speaker_type": col(one_of(VIEWPOINT_SPEAKER_TYPES)),
                "year": col(number(2000, 2030)),
                "date": col(iso_date(optional=True)),
                "stance": col(CellRule(lambda v: v in VIEWPOINT_STANCES, VIEWPOINT_STANCE_ERROR)),
                "topic": col(one_of(VIEWPOINT_TOPICS)),
                "claim": col(required()),
                "evidence": col(required()),
                "source_url": col(url()),
                "note": free_text(),
            },
            key=("id",),
            dates=("date",),
            numbers=("year",),
        ),
    ]
}
