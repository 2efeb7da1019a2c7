"""Check every course data file and quiz file: `python -m shared_future.validate [DATA_DIR]`.

Prints one line with counts when all is well; otherwise every problem as
`file:row:column: message`, and exits with status 1. Never writes a file.
"""
from __future__ import annotations

import os
import sys

import pandas as pd

from .data import DATA_ENV_VAR, GEOJSON_FILES, Problem, data_dir, display_name, read_dataset, read_geojson
from .schemas import DATASETS, ISO3_CODES
from .quiz import QuizError, check_all

AIIB_FOUNDING_MEMBERS = 57


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
            problems.append(Problem(file("aiib_members"), None, "founding",
                                    f"{founding} founding members marked; the AIIB had {AIIB_FOUNDING_MEMBERS}"))
    if "bri_countries" in frames:
        bri = frames["bri_countries"]
        for row in _rows(bri, (bri["status"] == "withdrawn") & bri["withdrawn"].isna()):
            problems.append(Problem(file("bri_countries"), row, "withdrawn", "a withdrawn country needs its withdrawal date"))
        for row in _rows(bri, (bri["status"] == "active") & bri["withdrawn"].notna()):
            problems.append(Problem(file("bri_countries"), row, "status", "has a withdrawal date but status 'active'"))
        for row in _rows(bri, (bri["status"] != "unclear") & bri["first_signed"].isna()):
            problems.append(Problem(file("bri_countries"), row, "first_signed",
                                    "is needed unless status is 'unclear' (listed without a date)"))
    if "communities" in frames:
        com = frames["communities"]
        is_country = com["partner"].isin(ISO3_CODES)
        for row in _rows(com, (com["scope"] == "bilateral") & ~is_country):
            problems.append(Problem(file("communities"), row, "partner", "a bilateral partner must be an ISO3 country code"))
        for row in _rows(com, (com["scope"] == "regional") & is_country):
            problems.append(Problem(file("communities"), row, "partner", "a regional partner must be a named region"))
    if "projects" in frames:
        projects = frames["projects"]
        for row in _rows(projects, projects["completed"] < projects["start"]):
            problems.append(Problem(file("projects"), row, "completed", "is before 'start'"))
    return problems


def validate_all() -> tuple[dict[str, int], list[Problem]]:
    """Validate every data file; returns (row or feature count per file, problems)."""
    counts, problems, frames = {}, [], {}
    for name in DATASETS:
        frame, found = read_dataset(name)
        problems += found
        if frame is not None:
            frames[name], counts[name] = frame, len(frame)
    for name in GEOJSON_FILES:
        collection, found = read_geojson(name)
        problems += found
        if collection is not None:
            counts[name] = len(collection["features"])
    problems += cross_file_problems(frames)
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        os.environ[DATA_ENV_VAR] = argv[0]
    counts, problems = validate_all()
    problems = [str(problem) for problem in problems]
    try:
        quizzes = check_all()
    except QuizError as err:
        problems += str(err).splitlines()
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s) in {display_name(data_dir())}", file=sys.stderr)
        return 1
    counts.update({f"quizzes/{name}": len(quiz.questions) for name, quiz in quizzes.items()})
    print("OK: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
