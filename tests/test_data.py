"""The course data: every real file validates and loads typed; broken copies fail clearly."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from shared_future import data, validate
from shared_future.schemas import DATASETS

REAL_DATA = Path(__file__).resolve().parents[1] / "data"


def test_real_data_validates(capsys):
    assert validate.main([]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and "timeline" in out


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_row_has_a_source_or_is_course_metadata(name):
    frame = data.load(name)
    assert len(frame) > 0
    if name != "course_outline":
        assert frame["source_url"].str.startswith("http").all()


def test_loaders_give_typed_columns():
    timeline = data.load("timeline")
    assert pd.api.types.is_datetime64_any_dtype(timeline["date"])
    assert set(timeline["date_precision"]) <= {"day", "month", "year"}
    assert pd.api.types.is_float_dtype(timeline["lat"])
    aiib = data.load("aiib_members")
    assert aiib["founding"].dtype == bool and int(aiib["founding"].sum()) == 57
    assert pd.api.types.is_integer_dtype(data.load("bri_counts")["count"])


def test_coverage_the_course_promises():
    timeline = data.load("timeline")
    assert len(timeline) >= 40
    assert timeline["date"].dt.year.min() <= 2011 and timeline["date"].dt.year.max() >= 2025
    projects = data.load("projects")
    countries = set(";".join(projects["iso3"]).split(";"))
    assert len(projects) >= 30 and len(countries) >= 20
    assert {"railway", "road", "port"} <= set(projects["type"]) and projects["type"].nunique() >= 6
    assert len(data.load("glossary")) >= 30
    communities = data.load("communities")
    assert {"PAK", "LAO", "KHM", "MMR"} <= set(communities["partner"])
    assert len(data.load_geojson("corridors")["features"]) == 7


def test_viewpoints_cover_the_debate():
    views = data.load("viewpoints")
    assert len(views) >= 12 and views["id"].is_unique
    assert views["stance"].nunique() >= 4 and views["author"].nunique() >= 12
    assert {"un_texts", "norms", "debt", "hambantota", "withdrawal"} <= set(views["topic"])
    assert pd.api.types.is_integer_dtype(views["year"])
    dated = views[views["date"].notna()]
    assert (dated["date"].dt.year == dated["year"]).all(), "viewpoints.csv: a date disagrees with its year"


def test_country_shapes_are_small_and_keyed_by_iso3():
    path = REAL_DATA / "countries.geojson"
    assert path.stat().st_size <= 120_000
    codes = {f["properties"]["iso3"] for f in data.load_geojson("countries")["features"]}
    assert {"FRA", "NOR", "CHN", "PAK"} <= codes


def test_unknown_data_set_is_named():
    with pytest.raises(KeyError, match="no data set called 'nope'"):
        data.load("nope")


# --- broken copies ---------------------------------------------------------------------------


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A copy of data/ to break; validate it and return the problems as strings."""
    copy = tmp_path / "data"
    shutil.copytree(REAL_DATA, copy)
    monkeypatch.setenv(data.DATA_ENV_VAR, str(copy))

    def rows(name):
        with open(copy / f"{name}.csv", newline="", encoding="utf-8") as fh:
            return list(csv.reader(fh))

    def write(name, table):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(table)
        (copy / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")

    def set_cell(name, column, value, row=0):
        table = rows(name)
        table[row + 1][table[0].index(column)] = value
        write(name, table)

    def problems():
        before = _fingerprint(copy)
        counts, found = validate.validate_all()
        assert _fingerprint(copy) == before, "validation changed a file"
        return [str(p) for p in found]

    class Broken:
        pass

    b = Broken()
    b.dir, b.rows, b.write, b.set_cell, b.problems = copy, rows, write, set_cell, problems
    return b


def _fingerprint(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def _assert_reported(problems, expected):
    assert any(p.startswith(expected) for p in problems), f"expected {expected!r} in {problems}"


def test_wrong_latitude(broken):
    broken.set_cell("timeline", "lat", "95.5")
    _assert_reported(
        broken.problems(),
        "data/timeline.csv:2:lat: must be a number from -90 to 90, written with digits 0-9 and '.' (found '95.5')",
    )


def test_missing_source(broken):
    broken.set_cell("projects", "source_url", "")
    _assert_reported(broken.problems(), "data/projects.csv:2:source_url: must be an http(s) URL with a host")


def test_unknown_iso3(broken):
    broken.set_cell("bri_countries", "iso3", "ZZZ")
    _assert_reported(
        broken.problems(), "data/bri_countries.csv:2:iso3: must be an ISO 3166-1 alpha-3 code (found 'ZZZ')"
    )


def test_unknown_iso3_in_a_list(broken):
    broken.set_cell("projects", "iso3", "HUN;XXX")
    _assert_reported(broken.problems(), "data/projects.csv:2:iso3: must be ISO 3166-1 alpha-3 codes")


def test_bad_date(broken):
    broken.set_cell("communities", "date", "2019-13-01")
    _assert_reported(broken.problems(), "data/communities.csv:2:date: must be a date YYYY-MM-DD")


def test_duplicate_key(broken):
    table = broken.rows("glossary")
    broken.write("glossary", table + [table[1]])
    _assert_reported(broken.problems(), f"data/glossary.csv:{len(table) + 1}:term: duplicate key")


def test_unknown_type(broken):
    broken.set_cell("projects", "type", "spaceport")
    _assert_reported(broken.problems(), "data/projects.csv:2:type: must be one of: railway")


def test_bad_boolean(broken):
    broken.set_cell("aiib_members", "founding", "yes")
    _assert_reported(broken.problems(), "data/aiib_members.csv:2:founding: must be one of: true, false")


def test_missing_column(broken):
    table = broken.rows("funds")
    drop = table[0].index("purpose")
    broken.write("funds", [row[:drop] + row[drop + 1 :] for row in table])
    _assert_reported(broken.problems(), "data/funds.csv:1:purpose: required column is missing")


def test_extra_unknown_column(broken):
    table = broken.rows("quotes")
    broken.write("quotes", [table[0] + ["rating"]] + [row + ["5"] for row in table[1:]])
    _assert_reported(broken.problems(), "data/quotes.csv:1:rating: unknown column")


def test_non_utf8_bytes(broken):
    path = broken.dir / "timeline.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", "é,".encode("latin-1"), 1)
    path.write_bytes(b"\n".join(lines))
    _assert_reported(broken.problems(), "data/timeline.csv:3: not valid UTF-8 (byte 0xe9)")


def test_empty_file(broken):
    (broken.dir / "aiib_members.csv").write_text("", encoding="utf-8")
    _assert_reported(broken.problems(), "data/aiib_members.csv: file is empty: expected a header row")


def test_ragged_row(broken):
    table = broken.rows("bri_counts")
    table[2] = table[2] + ["surplus"]
    broken.write("bri_counts", table)
    _assert_reported(broken.problems(), "data/bri_counts.csv:3: ragged row: 6 fields where the header has 5")


def test_short_row_is_ragged_too(broken):
    table = broken.rows("funds")
    table[1] = table[1][:3]
    broken.write("funds", table)
    _assert_reported(broken.problems(), "data/funds.csv:2: ragged row: 3 fields")


def test_malformed_geojson(broken):
    path = broken.dir / "corridors.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    _assert_reported(broken.problems(), "data/corridors.geojson:")
    assert any("malformed JSON" in p for p in broken.problems())


def test_geojson_feature_without_source(broken):
    import json

    path = broken.dir / "corridors.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    del collection["features"][1]["properties"]["source_url"]
    path.write_text(json.dumps(collection), encoding="utf-8")
    _assert_reported(broken.problems(), "data/corridors.geojson:feature 2:source_url: required property")


def test_withdrawn_country_needs_a_date(broken):
    broken.set_cell("bri_countries", "status", "withdrawn")
    broken.set_cell("bri_countries", "withdrawn", "")
    _assert_reported(broken.problems(), "data/bri_countries.csv:2:withdrawn: a withdrawn country needs")


def test_aiib_founding_members_number_57(broken):
    table = broken.rows("aiib_members")
    column = table[0].index("founding")
    row = next(i for i, r in enumerate(table) if i and r[column] == "true")
    table[row][column] = "false"
    broken.write("aiib_members", table)
    _assert_reported(broken.problems(), "data/aiib_members.csv:founding: 56 founding members marked")


def test_unknown_viewpoint_stance(broken):
    broken.set_cell("viewpoints", "stance", "hostile")
    _assert_reported(broken.problems(), "data/viewpoints.csv:2:stance: must be one of: official, supportive, neutral")


def test_bilateral_partner_must_be_a_country(broken):
    table = broken.rows("communities")
    row = next(i for i, r in enumerate(table) if i and r[table[0].index("scope")] == "bilateral")
    table[row][0] = "ASEAN"
    broken.write("communities", table)
    _assert_reported(broken.problems(), "data/communities.csv")
    assert any(":partner: a bilateral partner must be an ISO3" in p for p in broken.problems())


def test_load_raises_with_every_problem(broken):
    broken.set_cell("timeline", "lat", "abc")
    broken.set_cell("timeline", "category", "party", row=1)
    with pytest.raises(data.DataError) as err:
        data.load("timeline")
    assert "data/timeline.csv:2:lat" in str(err.value) and "data/timeline.csv:3:category" in str(err.value)


def test_cli_reports_problems_and_exit_status(broken, capsys):
    broken.set_cell("timeline", "lat", "95")
    assert validate.main([str(broken.dir)]) == 1
    assert "data/timeline.csv:2:lat" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_data_dictionary_documents_every_column(name):
    readme = (REAL_DATA / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"## {name}.csv", 1)
    assert len(section) == 2, f"data/README.md has no section '## {name}.csv'"
    body = section[1].split("\n## ", 1)[0]
    missing = [c for c in DATASETS[name].schema.columns if f"`{c}`" not in body]
    assert not missing, f"data/README.md, section {name}.csv, does not document {missing}"
