"""The capstone country profile (shared_future.capstone): the rows it gathers follow the data
files read directly, names and codes resolve, unknown names fail clearly, and the map and the
brief carry the profile's facts and sources."""

from __future__ import annotations

import pandas as pd
import pytest

from shared_future import capstone, maps
from shared_future.capstone import UnknownCountryError, brief_template, country_profile, profile_map
from shared_future.data import as_file_text, data_dir, load


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(data_dir() / name, dtype=str, keep_default_na=False)


def projects_of(iso3: str) -> set[str]:
    projects = csv("projects.csv")
    return set(projects.loc[projects["iso3"].str.split(";").apply(lambda codes: iso3 in codes), "name"])


@pytest.mark.parametrize("text", ["PAK", "pak", "Pakistan", "  pakistan ", "PAKISTAN", "Islamic Republic of Pakistan"])
def test_codes_and_names_resolve_case_insensitively(text):
    assert capstone.resolve(text) == ("PAK", "Pakistan")


def test_names_from_different_files_resolve_to_one_code():
    assert capstone.resolve("Lao PDR")[0] == capstone.resolve("Laos")[0] == "LAO"
    assert capstone.resolve("Viet Nam")[0] == capstone.resolve("vietnam")[0] == "VNM"
    assert capstone.resolve("Türkiye")[0] == "TUR"


def test_pakistan_gathers_its_rows_from_every_file():
    profile = country_profile("Pakistan")
    assert profile.bri[["iso3", "status"]].values.tolist() == [["PAK", "active"]]
    assert profile.aiib[["iso3", "status"]].values.tolist() == [["PAK", "member"]]
    assert set(profile.projects["name"]) == projects_of("PAK") and len(projects_of("PAK")) == 4
    communities = csv("communities.csv")
    assert len(profile.communities) == (communities["partner"] == "PAK").sum() == 2
    assert (profile.communities["scope"] == "bilateral").all()
    assert list(profile.timeline["title"]) == [
        "China-Pakistan Economic Corridor launched",
        "AIIB approves its first four loans",
        "Multan-Sukkur motorway (M-5) inaugurated",
    ]
    assert profile.summary.splitlines()[0] == "Pakistan (PAK)"
    assert (
        "Belt and Road: first cooperation document 2013;" in profile.summary
    )  # the year only: the file gives no month
    assert "4 November 2018" in profile.summary


def test_profile_tables_are_typed_rows_of_the_files():
    profile = country_profile("KEN")
    assert list(profile.tables()) == ["bri_countries", "aiib_members", "projects", "communities", "timeline"]
    full = load("projects")
    pd.testing.assert_frame_equal(profile.projects, full.loc[profile.projects.index])
    assert pd.api.types.is_datetime64_any_dtype(profile.projects["completed"])


def test_kenya_prospective_aiib_member_with_one_railway():
    profile = country_profile("kenya")
    assert profile.aiib.iloc[0]["status"] == "prospective" and not profile.aiib.iloc[0]["founding"]
    assert set(profile.projects["name"]) == projects_of("KEN") == {"Mombasa-Nairobi Standard Gauge Railway"}
    assert profile.communities.empty
    assert "no bilateral document" in profile.summary
    assert "approved 2 May 2018; status prospective" in profile.summary


def test_italy_withdrawn_from_the_belt_and_road():
    profile = country_profile("Italy")
    row = profile.bri.iloc[0]
    assert row["status"] == "withdrawn" and row["withdrawn_precision"] == "month"
    assert "first cooperation document 23 March 2019; withdrew December 2023." in profile.summary
    titles = set(profile.timeline["title"])
    assert {"Italy signs Belt and Road memorandum", "Italy withdraws from the Belt and Road"} <= titles
    assert profile.projects.empty
    m = profile_map(profile)
    area = m.features("Italy")
    assert len(area) == 1 and area[0]["iso3"] == "ITA" and area[0]["dashed"] is True
    assert m.legend.entries[0]["dash"] == "5 4"


def test_aiib_member_with_no_projects_and_no_belt_and_road():
    profile = country_profile("United Kingdom")
    assert profile.iso3 == "GBR" and profile.bri.empty and profile.projects.empty
    assert profile.aiib.iloc[0]["founding"]
    assert "not on the course's list of countries that signed" in profile.summary
    assert "Projects in the course's sample: none" in profile.summary


def test_country_with_no_data_at_all():
    profile = country_profile("JPN")
    assert profile.name == "Japan"
    assert all(frame.empty for frame in profile.tables().values())
    assert profile.summary == "Japan (JPN): the course data hold nothing on this country."
    assert profile.sources().empty
    assert "The course data hold nothing on Japan" in brief_template(profile)
    m = profile_map(profile)
    assert m.layers == {"Japan": 1, "Projects": 0}


def test_projects_across_borders_belong_to_each_country():
    name = "Addis Ababa-Djibouti Railway"
    assert name in set(country_profile("ETH").projects["name"])
    assert name in set(country_profile("Djibouti").projects["name"])


def test_regional_grouping_found_from_its_member_list():
    laos = country_profile("Laos").communities
    regional = laos[laos["scope"] == "regional"]
    every_lmc_row = (csv("communities.csv")["partner"] == "Lancang-Mekong").sum()
    assert set(regional["partner"]) == {"Lancang-Mekong"} and len(regional) == every_lmc_row == 2
    assert set(country_profile("UZB").communities["partner"]) == {"UZB", "Central Asia"}
    assert not (country_profile("PAK").communities["scope"] == "regional").any()  # SCO lists no members


def test_unknown_name_names_the_input_and_suggests_close_names():
    with pytest.raises(UnknownCountryError) as err:
        country_profile("Pakistn")
    message = str(err.value)
    assert "'Pakistn'" in message and "Pakistan (PAK)" in message
    with pytest.raises(UnknownCountryError, match="'Narnia'"):
        country_profile("Narnia")
    with pytest.raises(UnknownCountryError, match="got 42"):
        country_profile(42)


def test_profile_map_draws_the_country_and_its_projects():
    profile = country_profile("PAK")
    m = profile_map(profile, tiles=False)
    assert isinstance(m, maps.CourseMap) and m.sf_name == "country"
    assert m.layers == {"Pakistan": 1, "Projects": len(projects_of("PAK"))}
    area = m.features("Pakistan")[0]
    assert area["fill"] == maps.BRI_STATUS_STYLE["active"][1]
    assert "2013" in area["popup"] and "AIIB" in area["popup"]
    assert {marker.title for marker in m.features("Projects")} == projects_of("PAK")
    assert "Gwadar Port" in m._repr_html_()


def test_country_too_small_to_draw_is_noted_on_the_map():
    m = profile_map(country_profile("Maldives"))
    assert m.layers["Maldives"] == 0 and m.layers["Projects"] == 1
    assert "too small to draw" in m.legend.notes


def test_brief_lists_every_source_once_and_cites_it():
    profile = country_profile("Pakistan")
    brief = brief_template(profile)
    urls = list(dict.fromkeys(profile.sources()["source_url"]))
    assert len(urls) == 10
    for number, url in enumerate(urls, start=1):
        assert f"\n{number}. " in brief and f"<{url}>" in brief
        assert brief.count(f"<{url}>") == 1
    assert brief.startswith("# Pakistan and the")
    for heading in (
        "## Belt and Road",
        "## AIIB",
        "## Projects",
        "## Communities with a shared future",
        "## Key moments",
        "## Reception",
        "## Assessment",
        "## Sources",
    ):
        assert heading in brief
    assert "Gwadar Port" in brief and "[1]" in brief


def test_file_text_of_typed_rows_matches_the_file():
    for name in ("projects", "bri_countries", "aiib_members", "communities"):
        raw = csv(f"{name}.csv")
        text = as_file_text(load(name))[raw.columns]
        for column in raw.columns:
            if column in ("lat", "lon"):
                assert (pd.to_numeric(text[column]) == pd.to_numeric(raw[column])).all()
            else:
                assert text[column].tolist() == raw[column].tolist(), f"{name}.{column}"


def test_tables_as_written_keep_the_precision_of_their_dates():
    profile = country_profile("PAK")
    projects = profile.as_written("projects")
    assert projects.loc[projects["name"] == "Karot Hydropower Project", "start"].item() == "2015"
    assert projects.loc[projects["name"] == "Gwadar Port", "start"].item() == "2002-03"
    assert not [c for c in projects if c.endswith("_precision")]
    assert profile.as_written("communities")["date"].tolist() == ["2018-11-04", "2025-09"]
