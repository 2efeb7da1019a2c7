"""Check every course data file and quiz file: `python -m shared_future.validate [DATA_DIR]`.

Prints one line with counts when all is well (then, as information, the translation catalogs
of data/locale/ that are not complete); otherwise every problem as
`file:row:column: message`, and exits with status 1. Never writes a file.
"""

from __future__ import annotations

import os
import sys
from datetime import date

import pandas as pd

from .catalogs import check_catalogs
from .data import DATA_ENV_VAR, GEOJSON_FILES, Problem, data_dir, display_name, read_dataset, read_geojson
from .quiz import QuizError, check_all
from .schemas import DATASETS, ISO3_CODES

__all__ = [
    "AIIB_FOUNDING_MEMBERS",
    "PAST_DATES",
    "country_list",
    "country_problems",
    "cross_file_problems",
    "main",
    "validate_all",
]

AIIB_FOUNDING_MEMBERS = 57
# Dates of things that have happened, so never later than today (file -> columns).
PAST_DATES = {
    "timeline": ("date",),
    "quotes": ("date",),
    "bri_countries": ("first_signed", "withdrawn"),
    "bri_counts": ("as_of",),
    "aiib_members": ("approved",),
    "aiib_membership_counts": ("as_of",),
    "communities": ("date",),
    "funds": ("announced",),
    "governance_reform": ("effective",),
    "viewpoints": ("date",),
}
# Where each file names countries: file -> (column, several codes separated by ';').
COUNTRY_COLUMNS = {
    "bri_countries": ("iso3", False),
    "aiib_members": ("iso3", False),
    "projects": ("iso3", True),
    "communities": ("partner", False),
    "viewpoints": ("speaker_country", False),
}  # markers such as UN are not ISO codes


def _rows(frame: pd.DataFrame, mask) -> list[int]:
    """The file lines of the rows selected by mask."""
    return [frame.attrs["lines"][i] for i in frame.index[mask]]


def cross_file_problems(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules that need more than one column or one file."""
    problems = []
    file = lambda name: display_name(data_dir() / f"{name}.csv")  # noqa: E731

    if "aiib_members" in frames:
        founding = int(frames["aiib_members"]["founding"].sum())
        if founding != AIIB_FOUNDING_MEMBERS:
            problems.append(
                Problem(
                    file("aiib_members"),
                    None,
                    "founding",
                    f"{founding} founding members marked; the AIIB had {AIIB_FOUNDING_MEMBERS}",
                )
            )
    if "bri_countries" in frames:
        bri = frames["bri_countries"]
        for row in _rows(bri, (bri["status"] == "withdrawn") & bri["withdrawn"].isna()):
            problems.append(
                Problem(file("bri_countries"), row, "withdrawn", "a withdrawn country needs its withdrawal date")
            )
        for row in _rows(bri, (bri["status"] == "active") & bri["withdrawn"].notna()):
            problems.append(Problem(file("bri_countries"), row, "status", "has a withdrawal date but status 'active'"))
        for row in _rows(bri, (bri["status"] != "unclear") & bri["first_signed"].isna()):
            problems.append(
                Problem(
                    file("bri_countries"),
                    row,
                    "first_signed",
                    "is needed unless status is 'unclear' (listed without a date)",
                )
            )
        for row in _rows(bri, bri["withdrawn"] < bri["first_signed"]):
            problems.append(Problem(file("bri_countries"), row, "withdrawn", "is before 'first_signed'"))
    if "communities" in frames:
        com = frames["communities"]
        is_country = com["partner"].isin(ISO3_CODES)
        for row in _rows(com, (com["scope"] == "bilateral") & ~is_country):
            problems.append(
                Problem(file("communities"), row, "partner", "a bilateral partner must be an ISO3 country code")
            )
        for row in _rows(com, (com["scope"] == "regional") & is_country):
            problems.append(Problem(file("communities"), row, "partner", "a regional partner must be a named region"))
    if "projects" in frames:
        projects = frames["projects"]
        for row in _rows(projects, projects["completed"] < projects["start"]):
            problems.append(Problem(file("projects"), row, "completed", "is before 'start'"))
        done = projects["status"].isin(("operational", "suspended", "cancelled"))
        for row in _rows(projects, done & (projects["completed"] > pd.Timestamp(date.today()))):
            problems.append(
                Problem(
                    file("projects"),
                    row,
                    "completed",
                    "is in the future, but the project's status says it has happened",
                )
            )
    problems += _future_date_problems(frames, file)
    return problems


def _future_date_problems(frames: dict[str, pd.DataFrame], file) -> list[Problem]:
    today, problems = pd.Timestamp(date.today()), []
    for name, columns in PAST_DATES.items():
        frame = frames.get(name)
        if frame is None:
            continue
        for column in columns:
            for row in _rows(frame, frame[column] > today):
                problems.append(Problem(file(name), row, column, f"is in the future (today is {today.date()})"))
    return problems


def country_list(frames: dict[str, pd.DataFrame], outlines: dict | None) -> set[str] | None:
    """The course's one country list: the outlines plus small_states.csv (None if either is broken)."""
    if outlines is None or "small_states" not in frames:
        return None
    return {f["properties"]["iso3"] for f in outlines["features"]} | set(frames["small_states"]["iso3"])


def country_problems(frames: dict[str, pd.DataFrame], outlines: dict | None) -> list[Problem]:
    """Every country code in any file is in the course's one country list."""
    known = country_list(frames, outlines)
    if known is None:
        return []
    assert outlines is not None  # country_list returned a list
    problems = []
    drawn = {f["properties"]["iso3"] for f in outlines["features"]}
    small = frames["small_states"]
    for row in _rows(small, small["iso3"].isin(drawn)):
        problems.append(
            Problem(
                display_name(data_dir() / "small_states.csv"),
                row,
                "iso3",
                "is drawn in countries.geojson; list only countries the outlines lack",
            )
        )
    for name, (column, many) in COUNTRY_COLUMNS.items():
        frame = frames.get(name)
        if frame is None:
            continue
        for line, value in zip(frame.attrs["lines"], frame[column]):
            codes = value.split(";") if many else [value]
            unknown = [c for c in codes if c in ISO3_CODES and c not in known]
            if unknown:
                problems.append(
                    Problem(
                        display_name(data_dir() / f"{name}.csv"),
                        line,
                        column,
                        f"{', '.join(unknown)} is in neither countries.geojson nor small_states.csv",
                    )
                )
    return problems


def _checked(reader, name: str, file_name: str):
    """Run a file's reader; a failure nobody foresaw is still one problem naming the file."""
    try:
        return reader(name)
    except Exception as err:  # noqa: BLE001 (the validator reports, it never crashes)
        return None, [
            Problem(
                display_name(data_dir() / file_name), None, None, f"could not be checked ({type(err).__name__}: {err})"
            )
        ]


def validate_all() -> tuple[dict[str, int], list[Problem]]:
    """Validate every data file; returns (row or feature count per file, problems)."""
    counts, problems, frames, collections = {}, [], {}, {}
    for name in DATASETS:
        frame, found = _checked(read_dataset, name, f"{name}.csv")
        problems += found
        if frame is not None:
            frames[name], counts[name] = frame, len(frame)
    for name in GEOJSON_FILES:
        collection, found = _checked(read_geojson, name, f"{name}.geojson")
        problems += found
        if collection is not None:
            collections[name], counts[name] = collection, len(collection["features"])
    problems += cross_file_problems(frames)
    problems += country_problems(frames, collections.get("countries"))
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        os.environ[DATA_ENV_VAR] = argv[0]
    counts, found = validate_all()
    problems = [str(problem) for problem in found]
    try:
        quizzes = check_all()
    except QuizError as err:
        problems += str(err).splitlines()
    except Exception as err:  # noqa: BLE001 (the validator reports, it never crashes)
        problems.append(f"{display_name(data_dir() / 'quizzes')}: could not be checked ({type(err).__name__}: {err})")
    information: list[str] = []
    if not problems:  # the catalogs are checked against valid English sources only
        errors, information = check_catalogs(quizzes)
        problems += errors
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s) in {display_name(data_dir())}", file=sys.stderr)
        return 1
    counts.update({f"quizzes/{name}": len(quiz.questions) for name, quiz in quizzes.items()})
    print("OK: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    if information:
        print("Translations not complete (information, not an error):\n  " + "\n  ".join(information))
    return 0


if __name__ == "__main__":
    sys.exit(main())
