"""Find, read, validate and type the course data files in `data/`.

`load(name)` is what notebooks use: it returns a typed DataFrame (dates as datetimes, booleans
as booleans, numbers as numbers) or raises `DataError` listing every problem as
`file:row:column: message`. Reading never writes or changes a file.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import clean_files
from .escaping import safe_url
from .i18n import human_date
from .paths import DATA_ENV_VAR, data_dir
from .schemas import DATASETS, ISO3_CODES, Dataset, parse_partial_date

__all__ = [
    "BOM",
    "DATA_ENV_VAR",
    "GEOJSON_FILES",
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "DataError",
    "Problem",
    "as_file_text",
    "as_typed",
    "check_frame",
    "data_dir",
    "display_name",
    "format_date",
    "load",
    "load_geojson",
    "parse_csv_text",
    "read_csv_text",
    "read_dataset",
    "read_geojson",
    "read_text",
    "to_typed",
]


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


MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FIELD_CHARS = 5000
BOM = "\ufeff"


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text (a byte-order mark dropped), or a problem saying why it cannot be read."""
    name = display_name(path)
    try:
        with open(path, "rb") as source:
            raw = source.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None, [Problem(name, None, None, "file is missing")]
    except OSError as err:
        return None, [Problem(name, None, None, f"cannot be read ({err.strerror})")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(name, None, None, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(name, line, None, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8")
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(name, line, None, "contains a NUL byte (not a text file, or a damaged one)")]
    return text.removeprefix(BOM), []


def _cell_problems(name: str, line: int, header: list[str], record: list[str]) -> list[Problem]:
    """What no field of any file may be: too long, on several lines, padded with spaces."""
    problems = []
    for column, value in zip(header, record):
        if len(value) > MAX_FIELD_CHARS:
            problems.append(
                Problem(name, line, column, f"is {len(value)} characters long; the limit is {MAX_FIELD_CHARS}")
            )
        elif "\n" in value or "\r" in value:
            problems.append(Problem(name, line, column, "contains a line break; a field must be one line"))
        elif value != value.strip():
            problems.append(Problem(name, line, column, f"has spaces at its start or end ({value!r})"))
    return problems


def read_csv_text(path: Path) -> tuple[pd.DataFrame | None, list[int], list[Problem]]:
    """Read a CSV as strings, with the line each record starts on; ragged rows are problems."""
    text, problems = read_text(path)
    if text is None:
        return None, [], problems
    return parse_csv_text(text, display_name(path))


def parse_csv_text(text: str, name: str) -> tuple[pd.DataFrame | None, list[int], list[Problem]]:
    """A CSV file's text as a frame of strings, with the line each record starts on (see read_csv_text)."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, lines = [], []
    try:
        header = next(reader)
    except StopIteration:
        return None, [], [Problem(name, None, None, "file is empty: expected a header row")]
    except csv.Error as err:
        return None, [], [Problem(name, 1, None, f"not valid CSV: {err}")]
    if len(set(header)) != len(header):
        problems.append(Problem(name, 1, None, f"header repeats a column name: {header}"))
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(name, start, None, f"not valid CSV: {err}"))
            break
        if record and len(record) != len(header):
            problems.append(
                Problem(name, start, None, f"ragged row: {len(record)} fields where the header has {len(header)}")
            )
        elif record:
            problems += _cell_problems(name, start, header, record)
            records.append(record)
            lines.append(start)
        start = reader.line_num + 1
    if not records and not problems:
        problems.append(Problem(name, None, None, "has a header but no data rows"))
    if problems:
        return None, [], problems
    return pd.DataFrame(records, columns=header, dtype=str), lines, []


def check_frame(dataset: Dataset, frame: pd.DataFrame, lines: list[int], name: str) -> list[Problem]:
    """Every schema failure and duplicate key of one file, as Problems."""
    import pandera.pandas as pa  # here, not at the top: a file that passed before is not checked again

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
            problems.append(
                Problem(
                    name,
                    lines[index],
                    key[0],
                    f"duplicate key {tuple(frame.loc[index, key])} (unique key: {', '.join(key)})",
                )
            )
    return sorted(problems, key=lambda p: (p.row if isinstance(p.row, int) else 0, p.column or ""))


def to_typed(dataset: Dataset, frame: pd.DataFrame, lines: list[int]) -> pd.DataFrame:
    """Convert validated text columns: dates (with a `<col>_precision`), booleans, numbers.

    `attrs["lines"]` keeps the line of the file each row came from, for later messages."""
    typed = frame.copy()
    typed.attrs["lines"] = lines
    for column in dataset.dates:
        parsed = [parse_partial_date(v) if v else None for v in frame[column]]
        typed[column] = pd.to_datetime(
            pd.Series([p[0] if p else None for p in parsed], index=frame.index, dtype=object)
        )
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
    text, problems = read_text(path)
    if text is None:
        return None, problems
    frame, lines, problems = parse_csv_text(text, display_name(path))
    if frame is None:
        return None, problems
    mark = clean_files.fingerprint(name, text)
    if not clean_files.passed_before(mark):
        problems = check_frame(dataset, frame, lines, display_name(path))
        if problems:
            return None, problems
        clean_files.remember_passed(mark)
    return to_typed(dataset, frame, lines), []


def format_date(value, precision: str) -> tuple[str, str]:
    """(machine, human) forms of a date at its precision: ('2014-11', 'November 2014'); the
    human form in the current language (`i18n.human_date`: '2014年11月')."""
    stamp = pd.Timestamp(value)
    machine = {"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d")
    return stamp.strftime(machine), human_date(stamp.year, stamp.month, stamp.day, precision, stamp.strftime("%B"))


def load(name: str) -> pd.DataFrame:
    """Load `data/<name>.csv` as a typed, validated DataFrame (raises DataError)."""
    if name not in DATASETS:
        raise KeyError(f"no data set called {name!r}; known: {', '.join(sorted(DATASETS))}")
    frame, problems = read_dataset(name)
    if problems or frame is None:
        raise DataError(problems)
    return frame


def as_file_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of a data file written as the file writes them, whether read as text or by `data.load`."""
    text = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            precision = frame.get(f"{column}_precision", pd.Series("day", index=frame.index))
            text[column] = [format_date(d, p)[0] if pd.notna(d) else "" for d, p in zip(values, precision)]
        elif pd.api.types.is_bool_dtype(values):
            text[column] = ["true" if v else "false" for v in values]
        else:
            text[column] = ["" if pd.isna(v) else str(v) for v in values]
    return text


def as_typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` as `load(name)` gives it: as it is when already typed (a `load` result, filtered
    or not); any other frame (e.g. from `pd.read_csv`) is written back as the file would hold it,
    validated like the file and typed (raises DataError naming row and column)."""
    dataset = DATASETS[name]
    typed_columns = [*dataset.dates, *dataset.booleans, *dataset.numbers]
    if all(
        c in frame.columns and not pd.api.types.is_object_dtype(frame[c]) and not pd.api.types.is_string_dtype(frame[c])
        for c in typed_columns
    ):
        return frame
    precision = [f"{column}_precision" for column in dataset.dates]
    text = as_file_text(frame).drop(columns=precision, errors="ignore").reset_index(drop=True)
    lines = list(range(2, len(text) + 2))
    problems = check_frame(dataset, text, lines, f"the {name} frame given")
    if problems:
        raise DataError(problems)
    return to_typed(dataset, text, lines)


GEOJSON_FILES: dict[str, dict[str, Any]] = {
    "countries": {"geometry": ("Polygon", "MultiPolygon"), "properties": ("iso3", "name"), "key": "iso3"},
    "corridors": {
        "geometry": ("LineString", "MultiLineString"),
        "properties": ("name", "kind", "via", "source_url"),
        "key": "name",
    },
}


def _coordinates_problem(geometry: dict) -> str | None:
    """Why a geometry's coordinates are not well formed for its type, or None."""
    depth = {"LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[geometry["type"]]
    stack = [(geometry.get("coordinates"), depth)]
    while stack:
        value, level = stack.pop()
        if not isinstance(value, list) or not value:
            return "coordinates must be non-empty nested lists of [longitude, latitude]"
        if level:
            stack += [(item, level - 1) for item in value]
            continue
        if len(value) < 2 or not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in value):
            return f"position {value!r:.60} is not [longitude, latitude] numbers"
        lon, lat = value[0], value[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return f"position [{lon}, {lat}] is out of range (longitude -180..180, latitude -90..90)"
    return None


def _feature_problems(file: str, row: str, feature, spec: dict) -> list[Problem]:
    """Everything wrong with one feature of a course GeoJSON file."""
    if not isinstance(feature, dict):
        return [Problem(file, row, None, "must be a GeoJSON Feature object")]
    geometry, properties = feature.get("geometry"), feature.get("properties")
    problems = []
    if not isinstance(geometry, dict) or geometry.get("type") not in spec["geometry"]:
        problems.append(Problem(file, row, "geometry", f"must be a {' or '.join(spec['geometry'])} with coordinates"))
    else:
        problem = _coordinates_problem(geometry)
        if problem:
            problems.append(Problem(file, row, "geometry", problem))
    if not isinstance(properties, dict):
        return problems + [Problem(file, row, "properties", "must be an object")]
    for prop in spec["properties"]:
        value = properties.get(prop)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(file, row, prop, "required property is missing, empty or not text"))
        elif len(value) > MAX_FIELD_CHARS or "\n" in value or value != value.strip():
            problems.append(
                Problem(
                    file,
                    row,
                    prop,
                    f"must be one line of at most {MAX_FIELD_CHARS} characters, without spaces at its start or end",
                )
            )
    if spec["key"] == "iso3" and isinstance(properties.get("iso3"), str) and properties["iso3"] not in ISO3_CODES:
        problems.append(Problem(file, row, "iso3", f"unknown ISO3 code {properties['iso3']!r}"))
    if (
        "source_url" in spec["properties"]
        and isinstance(properties.get("source_url"), str)
        and safe_url(properties["source_url"]) != properties["source_url"]
    ):
        problems.append(Problem(file, row, "source_url", "must be an http(s) URL with a host"))
    return problems


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
    except RecursionError:
        return None, [Problem(file, None, None, "JSON nested too deeply")]
    if (
        not isinstance(collection, dict)
        or collection.get("type") != "FeatureCollection"
        or not isinstance(collection.get("features"), list)
    ):
        return None, [Problem(file, None, None, "must be a GeoJSON FeatureCollection with a 'features' list")]
    seen = set()
    for number, feature in enumerate(collection["features"], start=1):
        row = f"feature {number}"
        problems += _feature_problems(file, row, feature, spec)
        key = (
            feature.get("properties", {}).get(spec["key"])
            if isinstance(feature, dict) and isinstance(feature.get("properties"), dict)
            else None
        )
        if isinstance(key, str) and key in seen:
            problems.append(Problem(file, row, spec["key"], f"duplicate {spec['key']} {key!r}"))
        seen.add(key)
    if not collection["features"]:
        problems.append(Problem(file, None, None, "has no features"))
    return (None if problems else collection), problems


def load_geojson(name: str) -> dict:
    """Load `data/<name>.geojson` as a validated FeatureCollection (raises DataError)."""
    collection, problems = read_geojson(name)
    if problems or collection is None:
        raise DataError(problems)
    return collection
