"""The table of viewpoints hears every side: many voices from many regions, every stance, no topic one-sided.

A row from a country not yet in REGIONS fails the region test until the country is given a region
here, so the coverage count cannot silently drift.
"""

import shutil
from pathlib import Path

import pytest

from shared_future import data, validate
from shared_future.schemas import VIEWPOINT_BODIES, VIEWPOINT_STANCES

REAL_DATA = Path(__file__).resolve().parents[1] / "data"
MIN_ROWS = 36
MIN_REGIONS = 5
BUSY_TOPIC = 2  # a topic with more rows than this must have more than one stance
REGIONS = {
    "USA": "North America",
    "CAN": "North America",
    "MEX": "Latin America",
    "PAN": "Latin America",
    "GBR": "Europe",
    "ITA": "Europe",
    "GRC": "Europe",
    "CHE": "Europe",
    "GHA": "Africa",
    "KEN": "Africa",
    "CHN": "East Asia",
    "IND": "South Asia",
    "LKA": "South Asia",
    "PAK": "South Asia",
    "KHM": "Southeast Asia",
    "MYS": "Southeast Asia",
    "SGP": "Southeast Asia",
}
OFFICIAL_STANCES = {"official", "rebuttal-official"}


@pytest.fixture(scope="module")
def views():
    return data.load("viewpoints")


def _countries(views):
    return views[~views["speaker_country"].isin(VIEWPOINT_BODIES)]


def test_enough_views(views):
    assert len(views) >= MIN_ROWS and views["id"].is_unique


def test_every_stance_is_used(views):
    assert set(views["stance"]) == set(VIEWPOINT_STANCES)


def test_speakers_come_from_at_least_five_regions(views):
    countries = set(_countries(views)["speaker_country"])
    unplaced = countries - set(REGIONS)
    assert not unplaced, f"give these speaker countries a region in tests/test_viewpoints.py: {sorted(unplaced)}"
    regions = {REGIONS[c] for c in countries}
    assert len(regions) >= MIN_REGIONS and "Africa" in regions, sorted(regions)


def test_no_single_country_dominates(views):
    assert _countries(views)["speaker_country"].value_counts().max() <= len(views) * 0.4


def _scholars(views):
    """Scholars' rows, leaving out any official statement or denial."""
    return views[(views["speaker_type"] == "scholar") & ~views["stance"].isin(OFFICIAL_STANCES)]


def test_an_african_scholar_is_heard(views):
    assert _scholars(views)["speaker_country"].map(REGIONS.get).eq("Africa").any()


def test_a_chinese_scholar_is_heard(views):
    assert _scholars(views)["speaker_country"].eq("CHN").any()


def test_a_survey_of_opinion_is_included(views):
    assert (views["speaker_type"] == "survey").any()


def test_busy_topics_have_more_than_one_stance(views):
    counts = views.groupby("topic")["stance"].agg(["size", "nunique"])
    one_sided = counts[(counts["size"] > BUSY_TOPIC) & (counts["nunique"] < 2)]
    assert one_sided.empty, f"topics heard from one stance only: {one_sided.index.tolist()}"
    assert set(views.loc[views["topic"] == "norms", "stance"]) - {"critical"}, "norms has only critical views"


def test_international_bodies_and_only_they_use_a_body_marker(views):
    is_body = views["speaker_country"].isin(VIEWPOINT_BODIES)
    assert (is_body == (views["speaker_type"] == "international")).all()


def test_official_stances_come_from_governments_or_bodies(views):
    official = views[views["stance"].isin(OFFICIAL_STANCES)]
    assert official["speaker_type"].isin(["government", "international"]).all()


def test_the_old_rebuttal_stance_is_rejected_with_the_new_labels_named(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(REAL_DATA, copy)
    path = copy / "viewpoints.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("hua-2018,"))
    lines[row] = lines[row].replace(",rebuttal-official,", ",rebuttal,")
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv(data.DATA_ENV_VAR, str(copy))
    _, problems = validate.validate_all()
    found = [str(p) for p in problems if f"viewpoints.csv:{row + 1}:stance" in str(p)]
    assert found and "the old 'rebuttal' is split" in found[0], [str(p) for p in problems]
    assert "rebuttal-scholarly" in found[0] and "rebuttal-official" in found[0]
