"""The corrections of 1 December 2026 (book/corrections.md) stay corrected.

Each corrected fact is pinned where it lives in the data, and the chapters, book pages, quiz
files and data files are scanned for the wordings that were wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from shared_future.data import load

ROOT = Path(__file__).resolve().parents[1]

# Wordings that were wrong; none may come back (book/corrections.md quotes them, so it is not scanned).
WRONG = [
    "opened to traffic in December 2020",
    "opened in December 2020",
    "since October 2023",
    "from October 2023 to May 2025",
    "earliest in the list",
    "verbal note",
    "financed 70%",
    "first set out in 2013",
    "whom to\ncredit, not on the dates",
    "whom to credit, not on the dates",
    "two outer-space texts",
    "is the only\n  partner in the file",
    "receiving US$300m as a first payment",
    "no later figure for China's voting share",
    "It now stands behind",
    "111th member by November 2025",
    "only 27 countries ever signed",
    "official translations of 2013-2014",
]


def notebook_text(path: Path) -> str:
    return "\n".join("".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"])


def course_texts() -> dict[str, str]:
    """Every chapter, book page, quiz file and data file a reader sees, by path."""
    texts = {str(p.relative_to(ROOT)): notebook_text(p) for p in sorted(ROOT.glob("notebooks/*.ipynb"))}
    pages = [
        *ROOT.glob("book/*.md"),
        *ROOT.glob("book/teachers/*.md"),
        *ROOT.glob("data/quizzes/*.yaml"),
        *ROOT.glob("data/*.csv"),
        ROOT / "data" / "README.md",
    ]
    for page in sorted(pages):
        if page.name != "corrections.md":
            texts[str(page.relative_to(ROOT))] = page.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("phrase", WRONG)
def test_a_corrected_wording_does_not_come_back(phrase):
    found = [path for path, text in course_texts().items() if phrase in text]
    assert not found, f"{phrase!r} is back in {found}"


def test_corrections_page_lists_the_corrections_with_sources():
    page = (ROOT / "book" / "corrections.md").read_text(encoding="utf-8")
    bullets = [line for line in page.splitlines() if line.startswith("- **")]
    assert len(bullets) >= 21
    assert all("Source:" in line for line in bullets)


def one(frame: pd.DataFrame) -> pd.Series:
    assert len(frame) == 1, frame
    return frame.iloc[0]


def test_m5_motorway_opened_in_2019():
    m5 = one(load("projects").query("name.str.contains('M-5')", engine="python"))
    assert m5["completed"] == pd.Timestamp("2019-11-05")
    assert "13 Sep 2019" in m5["cost_note"] and "hand-over" in m5["cost_note"]
    row = one(load("timeline").query("title.str.contains('M-5')", engine="python"))
    assert row["date"] == pd.Timestamp("2019-11-05") and "13 September 2019" in row["description"]


def test_karakoram_highway_phase_two_began_with_the_ground_breaking():
    kkh = one(load("projects").query("name.str.startswith('Karakoram Highway Phase II')", engine="python"))
    assert kkh["start"] == pd.Timestamp("2016-04-28") and kkh["start_precision"] == "day"
    assert "Sept 2016" in kkh["cost_note"]  # the contractor's date, given beside it


def test_laos_railway_financing_is_debt_and_equity():
    laos = one(load("projects").query("name.str.startswith('China-Laos Railway')", engine="python"))
    assert "60:40" in laos["cost_note"] and "projects/85304" in laos["cost_note"]
    assert "70% Chinese / 30% Lao equity" not in laos["cost_note"]


def test_russia_follows_the_unclear_rule():
    countries = load("bri_countries")
    unclear = countries[countries["status"] == "unclear"]
    assert set(unclear["iso3"]) == {"AUT", "NER", "COG", "RUS"}
    assert unclear["first_signed"].isna().all()
    listed_without_date = countries["note"].str.startswith("GFDC lists this country without a date")
    assert (countries.loc[listed_without_date, "status"] == "unclear").all()
    russia = one(countries[countries["iso3"] == "RUS"])
    assert "2015-05-08" in russia["note"] and "not a cooperation memorandum" in russia["note"]
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "**The `unclear` rule.**" in readme and "Russia" in readme


def test_maldives_row_and_two_south_asian_partners():
    communities = load("communities")
    maldives = one(communities[communities["partner"] == "MDV"])
    assert maldives["scope"] == "bilateral" and maldives["document"] == "joint statement"
    assert maldives["date"] == pd.Timestamp("2024-01-11") and maldives["source_url"].startswith(
        "https://foreign.gov.mv/"
    )
    regions = load("bri_countries").set_index("iso3")["region"]
    bilateral = communities[communities["scope"] == "bilateral"]
    south_asia = {p for p in bilateral["partner"] if regions.get(p) == "South Asia"}
    assert south_asia == {"PAK", "MDV"}
    chapter = notebook_text(ROOT / "notebooks" / "06_communities.ipynb")
    assert "14 partners" in chapter and "Three short" in chapter


def test_more_than_150_dates_from_august_2023():
    counts = load("bri_counts")
    first = counts[counts["count"] == 150].sort_values("as_of").iloc[0]
    assert first["as_of"] == pd.Timestamp("2023-08-31") and "Foreign Ministry" in first["note"]


def test_hambantota_first_payment_is_the_central_bank_figure():
    row = one(load("timeline").query("title.str.contains('Hambantota port to Chinese firm')", engine="python"))
    assert "US$292.1m" in row["description"] and "US$300m" in row["note"]
    chapter = notebook_text(ROOT / "notebooks" / "07_reception.ipynb")
    assert "US$292.1 million" in chapter and "Financial Times" in chapter


def test_first_committee_approved_four_outer_space_texts():
    row = one(load("timeline").query("title.str.contains('First Committee')", engine="python"))
    assert "four outer-space texts" in row["description"]
    assert "four outer-space texts" in notebook_text(ROOT / "notebooks" / "07_reception.ipynb")


def test_aiib_count_is_dated_to_zou_jiayis_first_day():
    counts = load("aiib_membership_counts")
    latest = counts[counts["counts_what"] == "approved members (incl. prospective)"].sort_values("as_of").iloc[-1]
    assert latest["as_of"] == pd.Timestamp("2026-01-16") and latest["members"] == 111
    assert "ecns.cn" in latest["source_url"]
    assert "26.54 percent" in notebook_text(ROOT / "notebooks" / "05_aiib_and_finance.ipynb")


def test_every_aiib_milestone_is_a_timeline_row():
    dates = set(load("timeline")["date"].dt.strftime("%Y-%m-%d"))
    milestones = [
        "2013-10-03",
        "2014-10-24",
        "2014-11-25",
        "2015-03-31",
        "2015-04-15",
        "2015-06-29",
        "2015-12-25",
        "2015-12-31",
        "2016-01-16",
        "2016-06-24",
        "2026-01-16",
    ]
    assert not [d for d in milestones if d not in dates]


def test_dated_events_the_chapters_rely_on_are_timeline_rows():
    timeline = load("timeline")
    dates = set(timeline["date"].dt.strftime("%Y-%m-%d"))
    relied_on = ["2017-07-29", "2017-12-09", "2018-11-13", "2019-09-17", "2019-11-05", "2023-12-27"]
    assert not [d for d in relied_on if d not in dates]


def test_glossary_dates_the_concept_as_the_chapters_do():
    glossary = load("glossary").set_index("term")["definition"]
    concept = glossary["community with a shared future for mankind"]
    assert "2011" in concept and "November 2012" in concept and "March 2013" in concept
    assert "2011 to early 2015" in glossary["community of common destiny"]


def test_cmp_view_is_kept_but_contradicted():
    chapter = notebook_text(ROOT / "notebooks" / "01_what_is_it.ipynb")
    assert "around 2017" in chapter and "contradicts that date" in chapter
    bib = (ROOT / "book" / "bib" / "what_is_it.bib").read_text(encoding="utf-8")
    assert "chinamediaproject.org/the_ccp_dictionary/" in bib and "?s=" not in bib


def test_attributions_name_whose_reading_it_is():
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert "Beijing's framing" in intro
    pillars = notebook_text(ROOT / "notebooks" / "03_pillars.ipynb")
    assert "this course's interpretation" in pillars and "strategic guidance" in pillars
    reception = notebook_text(ROOT / "notebooks" / "07_reception.ipynb")
    assert "The documents cited here support" in reception
    assert "Three cases, three reasons, as the sources above" in reception
