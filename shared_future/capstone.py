"""The capstone investigation: what the course data say about one country.

`country_profile("Kenya")` (or `"KEN"`) gathers the rows of the data files that concern a
country; `profile_map(profile)` draws its Belt and Road status and projects; `brief_template(profile)`
gives the Markdown skeleton of a one-page brief, with the sources listed; `rubric()` shows the
rubric the brief is marked with, in the reader's language.

What "concerns the country" means, file by file (the rules are simple on purpose; check each row):
- bri_countries, aiib_members: the row with the country's ISO3 code;
- projects: the rows whose `iso3` list (codes separated by ';') holds the code;
- communities: bilateral rows whose partner is the code, and every row of a regional grouping
  when some row of that grouping names the country in the member list of its `partner_name`
  (only Lancang-Mekong and Central Asia list their members; ASEAN, SCO, Africa and the others
  do not, so membership of those is not derived);
- timeline: the events whose place is in the country ("City, Country") or whose title or
  description names it, by any of its names as whole words. This can over-match (an event in
  New York at the UN "is in" the United States) and under-match (an event naming only a city).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pycountry

from . import maps
from .data import as_file_text, data_dir, format_date, load
from .escaping import markdown_text
from .i18n import localized_file
from .schemas import ISO3_CODES

__all__ = [
    "AIIB_STATUS",
    "FILES",
    "CountryProfile",
    "UnknownCountryError",
    "brief_template",
    "country_profile",
    "profile_map",
    "resolve",
    "rubric",
    "when",
]

# The rubric's one file, as a chapter finds it (notebooks/ and book/ are folders of the course);
# the teacher's guide includes the same file (book/teachers/rubrics.md).
RUBRIC = Path("..") / "book" / "teachers" / "capstone-rubric.md"

FILES = {
    "bri": "bri_countries",
    "aiib": "aiib_members",
    "projects": "projects",
    "communities": "communities",
    "timeline": "timeline",
}
AIIB_STATUS = {
    "member": "a source lists it as a full member",
    "prospective": "approved, joining not yet complete",
    "approved": "approved; the course's sources do not say whether joining was completed",
}


class UnknownCountryError(ValueError):
    """The input is neither an ISO3 code nor a country name the course knows."""


@dataclass
class CountryProfile:
    """The rows of each data file that concern one country (see the module docstring for the rules)."""

    iso3: str
    name: str
    bri: pd.DataFrame
    aiib: pd.DataFrame
    projects: pd.DataFrame
    communities: pd.DataFrame
    timeline: pd.DataFrame
    summary: str = field(default="", repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by the name of the file they come from."""
        return {file: getattr(self, attr) for attr, file in FILES.items()}

    def as_written(self, file: str) -> pd.DataFrame:
        """One table as its file writes it: a date of '2015' stays '2015', not 2015-01-01."""
        text = as_file_text(self.tables()[file])
        return text.drop(columns=[c for c in text.columns if str(c).endswith("_precision")])

    def sources(self) -> pd.DataFrame:
        """Every row's source: file, what the row is, source_url (one line per distinct URL and file)."""
        rows = []
        for file, frame in self.tables().items():
            for row in frame.to_dict("records"):
                rows.append({"file": f"{file}.csv", "row": _row_label(file, row), "source_url": row["source_url"]})
        return pd.DataFrame(rows, columns=["file", "row", "source_url"])


# ---------------------------------------------------------------------------- names


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(lower-case name or code -> ISO3, ISO3 -> its names, preferred first)."""
    by_code: dict[str, list[str]] = {}

    def add(code, name) -> None:
        name = str(name or "").strip()
        if name and name not in by_code.setdefault(code, []):
            by_code[code].append(name)

    for row in load("bri_countries").itertuples():
        add(row.iso3, row.country)
    shapes = json.loads((data_dir() / "countries.geojson").read_text(encoding="utf-8"))
    for feature in shapes["features"]:
        add(feature["properties"]["iso3"], feature["properties"]["name"])
    for row in load("aiib_members").itertuples():
        add(row.iso3, row.country)
    bilateral = load("communities").query("scope == 'bilateral'")
    for row in bilateral.itertuples():
        add(row.partner, row.partner_name)
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            add(country.alpha_3, getattr(country, attr, None))
    lookup = {code.lower(): code for code in ISO3_CODES}
    for code, names in by_code.items():
        for name in names:
            lookup.setdefault(name.lower(), code)
    return lookup, by_code


def resolve(country: str) -> tuple[str, str]:
    """(ISO3 code, display name) for an ISO3 code or an English name, case-insensitive."""
    if not isinstance(country, str) or not country.strip():
        raise UnknownCountryError(f"expected an ISO3 code or a country name as text, got {country!r}")
    lookup, by_code = _names()
    code = lookup.get(" ".join(country.split()).lower())
    if code is None:
        close = difflib.get_close_matches(country.strip().lower(), lookup, n=5, cutoff=0.6)
        hints = list(dict.fromkeys(f"{by_code.get(lookup[c], [lookup[c]])[0]} ({lookup[c]})" for c in close))
        suggestion = f" Did you mean: {', '.join(hints)}?" if hints else ""
        raise UnknownCountryError(
            f"no country called {country!r} in the course data or in ISO 3166.{suggestion} "
            "Give an ISO3 code (e.g. 'KEN') or an English name (e.g. 'Kenya')."
        )
    return code, by_code.get(code, [code])[0]


def _mentions(names: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


# ---------------------------------------------------------------------------- the profile


def country_profile(country: str) -> CountryProfile:
    """Everything the course data hold on one country (an ISO3 code or a name), with a summary."""
    iso3, name = resolve(country)
    names = _names()[1].get(iso3, [name])
    mentions = _mentions(names)
    projects = load("projects")
    communities = load("communities")
    timeline = load("timeline")

    bilateral = communities[(communities["scope"] == "bilateral") & (communities["partner"] == iso3)]
    regional = communities[communities["scope"] == "regional"]
    groupings = {
        row.partner
        for row in regional.itertuples()
        if (listed := re.search(r"\((.*)\)", str(row.partner_name))) and mentions.search(listed.group(1))
    }
    in_place = timeline["place"].str.rsplit(",", n=1).str[-1].str.strip().isin(names)
    in_text = (timeline["title"] + " " + timeline["description"]).str.contains(mentions)
    profile = CountryProfile(
        iso3=iso3,
        name=name,
        bri=_where(load("bri_countries"), "iso3", iso3),
        aiib=_where(load("aiib_members"), "iso3", iso3),
        projects=projects[projects["iso3"].str.split(";").apply(lambda codes: iso3 in codes)],
        communities=pd.concat([bilateral, regional[regional["partner"].isin(groupings)]]).sort_values("date"),
        timeline=timeline[in_place | in_text],
    )
    profile.summary = _summary(profile)
    return profile


def _where(frame: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    return frame[frame[column] == value]


def when(value, precision: str = "day") -> str:
    """A date as precisely as the data give it: '4 November 2018', 'September 2025' or '2013'."""
    return "date not given" if pd.isna(value) else format_date(value, precision)[1]


LABELS = {
    "bri": "Belt and Road",
    "aiib": "AIIB",
    "projects": "Projects in the course's sample",
    "communities": "Communities",
    "timeline": "Timeline",
}


def _facts(profile: CountryProfile) -> dict[str, str]:
    """One plain sentence per topic, without its label (see LABELS)."""
    facts = {}
    if profile.bri.empty:
        facts["bri"] = "not on the course's list of countries that signed a cooperation document."
    else:
        row = profile.bri.iloc[0]
        if row["status"] == "unclear":
            facts["bri"] = (
                "listed without a date; the list's compilers found no independent "
                "confirmation of a full cooperation document (status unclear)."
            )
        else:
            facts["bri"] = f"first cooperation document {when(row['first_signed'], row['first_signed_precision'])}"
            facts["bri"] += (
                f"; withdrew {when(row['withdrawn'], row['withdrawn_precision'])}."
                if row["status"] == "withdrawn"
                else "; still a participant (active)."
            )
    if profile.aiib.empty:
        facts["aiib"] = "not in the course's list of members and prospective members."
    else:
        row = profile.aiib.iloc[0]
        kind = "one of the 57 prospective founding members" if row["founding"] else "a later member"
        area = "regional" if row["regional"] else "non-regional"
        approved = when(row["approved"], row["approved_precision"])
        facts["aiib"] = f"{kind}, {area}; approved {approved}; status {row['status']} ({AIIB_STATUS[row['status']]})."
    n = len(profile.projects)
    if n:
        listed = "; ".join(
            f"{r['name']} ({r['status'].replace('_', ' ')})" for r in profile.projects.to_dict("records")
        )
        facts["projects"] = f"{n} – {listed}."
    else:
        facts["projects"] = "none (the file holds a few dozen flagships, not a census)."
    bilateral = profile.communities[profile.communities["scope"] == "bilateral"]
    regional = sorted(set(profile.communities.loc[profile.communities["scope"] == "regional", "partner"]))
    if bilateral.empty:
        text = "no bilateral document in the course file"
    else:
        first = bilateral.iloc[0]
        text = (
            f"{len(bilateral)} bilateral document(s), the earliest: {first['document']}, "
            f"{when(first['date'], first['date_precision'])}"
        )
    text += (
        f"; named as a member of: {', '.join(regional)}."
        if regional
        else "; no regional grouping in the file lists it as a member."
    )
    facts["communities"] = text
    facts["timeline"] = f"{len(profile.timeline)} event(s) took place in or name {profile.name}."
    return facts


def _summary(profile: CountryProfile) -> str:
    empty = all(frame.empty for frame in profile.tables().values())
    head = f"{profile.name} ({profile.iso3})"
    if empty:
        return f"{head}: the course data hold nothing on this country."
    return "\n".join([head] + [f"- {LABELS[key]}: {fact}" for key, fact in _facts(profile).items()])


def _row_label(file: str, row: dict) -> str:
    if file == "projects":
        return row["name"]
    if file == "communities":
        return f"{row['partner_name']}: {row['document']}, {when(row['date'], row['date_precision'])}"
    if file == "timeline":
        return f"{when(row['date'], row['date_precision'])}: {row['title']}"
    return row["country"]


# ---------------------------------------------------------------------------- map and brief


def profile_map(profile: CountryProfile, tiles: bool = True) -> maps.CourseMap:
    """The country shaded by its Belt and Road status (facts in its popup) and its projects."""
    status = "" if profile.bri.empty else profile.bri.iloc[0]["status"]
    facts = [f"{LABELS[key]}: {fact}" for key, fact in _facts(profile).items() if key != "timeline"]
    return maps.country_map(profile.iso3, profile.name, status, facts, profile.projects, tiles=tiles)


def brief_template(profile: CountryProfile) -> str:
    """A Markdown skeleton of a one-page brief on the country, its data and sources filled in."""
    sources = profile.sources()
    numbers = {url: i for i, url in enumerate(dict.fromkeys(sources["source_url"]), start=1)}

    def cite(file: str) -> str:
        urls = dict.fromkeys(sources.loc[sources["file"] == f"{file}.csv", "source_url"])
        return " ".join(f"[{numbers[u]}]" for u in urls)

    facts = {key: markdown_text(fact) for key, fact in _facts(profile).items()}
    name = markdown_text(profile.name)
    lines = [
        f'# {name} and the "community with a shared future": a one-page brief',
        "",
        "*Your name, date. About 500 words. A source for every fact; every view attributed.*",
        "",
        "## Summary",
        "",
        "_Two or three sentences: your main finding and how sure you are of it._",
        "",
    ]
    sections = [
        (
            "Belt and Road",
            "bri",
            "bri_countries",
            "Is the date exact or only a year? Does the row's note show sources disagreeing?",
        ),
        ("AIIB", "aiib", "aiib_members", "What does the status mean, and what can the data not tell you?"),
        ("Projects", "projects", "projects", "What was built, when, at what reported cost (and which figure is it)?"),
        (
            "Communities with a shared future",
            "communities",
            "communities",
            "Who signed what, and what did each side commit to?",
        ),
        (
            "Key moments",
            "timeline",
            "timeline",
            "Which events concern this country directly? Drop the ones that only happened there.",
        ),
    ]
    for title, key, file, prompt in sections:
        fact = facts[key][0].upper() + facts[key][1:]
        lines += [f"## {title}", "", f"Data: {fact} {cite(file)}".rstrip(), "", f"_{prompt}_", ""]
    lines += [
        "## Reception",
        "",
        "_How have the country's government, press and scholars responded? Quote briefly and attribute "
        "(chapter 7; data/viewpoints.csv; sources you find yourself)._",
        "",
        "## Assessment",
        "",
        "_What does the evidence support, what does it not, and what is missing from the course data?_",
        "",
        "## Sources",
        "",
    ]
    if numbers:
        for url, number in numbers.items():
            rows = sources[sources["source_url"] == url]
            what = "; ".join(f"{r.file}: {markdown_text(r.row)}" for r in rows.itertuples())
            lines.append(f"{number}. {what}. <{url}>")
    else:
        lines.append(f"_The course data hold nothing on {name}: list the sources you found._")
    return "\n".join(lines) + "\n"


def rubric(path: str | Path = RUBRIC, lang: str | None = None):
    """The capstone rubric as Markdown for a notebook: the `lang` version of the file
    (`capstone-rubric.zh_CN.md`, default $SHARED_FUTURE_LANG) where it exists, else the English."""
    from IPython.display import Markdown

    return Markdown(localized_file(Path(path), lang).read_text(encoding="utf-8"))
