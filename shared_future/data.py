"""Find, read, validate and type the course data files in `data/`.

`load(name)` is what notebooks use: it returns a typed DataFrame (dates as datetimes, booleans
as booleans, numbers as numbers) or raises `DataError` listing every problem as
`file:row:column: message`. Reading never writes or changes a file.
"""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .schemas import DATASETS, ISO3_CODES, Dataset, parse_partial_date

DATA_ENV_VAR = "SHARED_FUTURE_DATA"


def data_dir() -> Path:
    """The folder holding the course data (override with $SHARED_FUTURE_DATA)."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file; `row` is the line in the file, or a feature number."""
    file: str
    row: int | str | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.row, self.column) if part not in (None, ""))
        return f"{where}: {self.message}"


class DataError(ValueError):
    """A data file failed validation; `problems` lists every failure."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def display_name(path: Path) -> str:
    """A path as the reader knows it: relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(data_dir().resolve().parent).as_posix()
    except ValueError:
        return str(path)


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be read as UTF-8."""
    name = display_name(path)
    if not path.exists():
        return None, [Problem(name, None, None, "file is missing")]
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(name, line, None, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]


def read_csv_text(path: Path) -> tuple[pd.DataFrame | None, list[int], list[Problem]]:
    """Read a CSV as strings, with the line each record starts on; ragged rows are problems."""
    text, problems = read_text(path)
    if text is None:
        return None, [], problems
    name = display_name(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    records, lines = [], []
    try:
        header = next(reader)
    except StopIteration:
        return None, [], [Problem(name, None, None, "file is empty: expected a header row")]
    if len(set(header)) != len(header):
        problems.append(Problem(name, 1, None, f"header repeats a column name: {header}"))
    start = reader.line_num + 1
    for record in reader:
        if record and len(record) != len(header):
            problems.append(Problem(name, start, None,
                                    f"ragged row: {len(record)} fields where the header has {len(header)}"))
        elif record:
            records.append(record)
            lines.append(start)
        start = reader.line_num + 1
    if problems:
        return None, [], problems
    return pd.DataFrame(records, columns=header, dtype=str), lines, []


def check_frame(dataset: Dataset, frame: pd.DataFrame, lines: list[int], name: str) -> list[Problem]:
    """Every schema failure and duplicate key of one file, as Problems."""
    problems = []
    try:
        dataset.schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        for case in err.failure_cases.itertuples():
            if case.check == "column_in_schema":
                problems.append(Problem(name, 1, case.failure_case, "unknown column (not in the data dictionary)"))
            elif case.check == "column_in_dataframe":
                problems.append(Problem(name, 1, case.failure_case, "required column is missing"))
            elif case.index is None or pd.isna(case.index):
                problems.append(Problem(name, 1, case.column, str(case.check)))
            else:
                value = f" (found {case.failure_case!r})"
                problems.append(Problem(name, lines[int(case.index)], case.column, f"{case.check}{value}"))
    key = [c for c in dataset.key if c in frame.columns]
    if len(key) == len(dataset.key) and len(frame):
        for index in frame.index[frame.duplicated(key, keep="first")]:
            problems.append(Problem(name, lines[index], key[0],
                                    f"duplicate key {tuple(frame.loc[index, key])} (unique key: {', '.join(key)})"))
    return sorted(problems, key=lambda p: (p.row if isinstance(p.row, int) else 0, p.column or ""))


def to_typed(dataset: Dataset, frame: pd.DataFrame, lines: list[int]) -> pd.DataFrame:
    """Convert validated text columns: dates (with a `<col>_precision`), booleans, numbers.

    `attrs["lines"]` keeps the line of the file each row came from, for later messages."""
    typed = frame.copy()
    typed.attrs["lines"] = lines
    for column in dataset.dates:
        parsed = [parse_partial_date(v) if v else None for v in frame[column]]
        typed[column] = pd.to_datetime([p[0] if p else None for p in parsed])
        typed[f"{column}_precision"] = [p[1] if p else "" for p in parsed]
    for column in dataset.booleans:
        typed[column] = frame[column].eq("true")
    for column in dataset.numbers:
        values = pd.to_numeric(frame[column].replace("", None))
        whole = values.dropna()
        typed[column] = values.astype("Int64") if len(whole) and (whole == whole.round()).all() else values
    return typed


def read_dataset(name: str, path: Path | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read and check one CSV data set; returns (typed frame or None, problems)."""
    dataset = DATASETS[name]
    path = path or data_dir() / f"{name}.csv"
    frame, lines, problems = read_csv_text(path)
    if frame is None:
        return None, problems
    problems = check_frame(dataset, frame, lines, display_name(path))
    return (None if problems else to_typed(dataset, frame, lines)), problems


def format_date(value, precision: str) -> tuple[str, str]:
    """(machine, human) forms of a date at its precision: ('2014-11', 'November 2014')."""
    stamp = pd.Timestamp(value)
    if precision == "year":
        return f"{stamp.year}", f"{stamp.year}"
    if precision == "month":
        return stamp.strftime("%Y-%m"), stamp.strftime("%B %Y")
    return stamp.strftime("%Y-%m-%d"), f"{stamp.day} {stamp.strftime('%B %Y')}"


def load(name: str) -> pd.DataFrame:
    """Load `data/<name>.csv` as a typed, validated DataFrame (raises DataError)."""
    if name not in DATASETS:
        raise KeyError(f"no data set called {name!r}; known: {', '.join(sorted(DATASETS))}")
    frame, problems = read_dataset(name)
    if problems:
        raise DataError(problems)
    return frame


GEOJSON_FILES = {
    "countries": {"geometry": ("Polygon", "MultiPolygon"), "properties": ("iso3", "name"), "key": "iso3"},
    "corridors": {"geometry": ("LineString", "MultiLineString"),
                  "properties": ("name", "kind", "via", "source_url"), "key": "name"},
}


def read_geojson(name: str, path: Path | None = None) -> tuple[dict | None, list[Problem]]:
    """Read and check one GeoJSON file of the course; returns (collection or None, problems)."""
    spec = GEOJSON_FILES[name]
    path = path or data_dir() / f"{name}.geojson"
    text, problems = read_text(path)
    if text is None:
        return None, problems
    file = display_name(path)
    try:
        collection = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [Problem(file, err.lineno, None, f"malformed JSON: {err.msg}")]
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection" \
            or not isinstance(collection.get("features"), list):
        return None, [Problem(file, None, None, "must be a GeoJSON FeatureCollection with a 'features' list")]
    seen = set()
    for number, feature in enumerate(collection["features"], start=1):
        row = f"feature {number}"
        geometry = feature.get("geometry") or {}
        properties = feature.get("properties") or {}
        if geometry.get("type") not in spec["geometry"] or not geometry.get("coordinates"):
            problems.append(Problem(file, row, "geometry", f"must be a {' or '.join(spec['geometry'])} with coordinates"))
        for prop in spec["properties"]:
            if not str(properties.get(prop, "")).strip():
                problems.append(Problem(file, row, prop, "required property is missing or empty"))
        if name == "countries" and properties.get("iso3") and properties["iso3"] not in ISO3_CODES:
            problems.append(Problem(file, row, "iso3", f"unknown ISO3 code {properties['iso3']!r}"))
        if "source_url" in spec["properties"] and properties.get("source_url") \
                and not str(properties["source_url"]).startswith("http"):
            problems.append(Problem(file, row, "source_url", "must be a URL starting with http"))
        key = properties.get(spec["key"])
        if key in seen:
            problems.append(Problem(file, row, spec["key"], f"duplicate {spec['key']} {key!r}"))
        seen.add(key)
    return (None if problems else collection), problems


def load_geojson(name: str) -> dict:
    """Load `data/<name>.geojson` as a validated FeatureCollection (raises DataError)."""
    collection, problems = read_geojson(name)
    if problems:
        raise DataError(problems)
    return collection
