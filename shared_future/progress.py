"""Quiz progress of each student, saved as JSON in the user's data folder.

File: $SHARED_FUTURE_PROGRESS, else $XDG_DATA_HOME (default ~/.local/share)/shared-future/
progress.json. Writes are atomic (temporary file + os.replace). A corrupt file is set aside
as `*.corrupt-<timestamp>` with a warning and a fresh one is started: saving never crashes.
The student is $SHARED_FUTURE_STUDENT, else the OS user. Only the latest answer is kept.
"""
from __future__ import annotations

import csv
import getpass
import json
import os
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

COLUMNS = ["student", "chapter", "question_id", "answer", "correct", "answered_at"]


def progress_path() -> Path:
    override = os.environ.get("SHARED_FUTURE_PROGRESS")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "shared-future" / "progress.json"


def student() -> str:
    try:
        return os.environ.get("SHARED_FUTURE_STUDENT") or getpass.getuser()
    except (KeyError, OSError):
        return "student"


def _load(path: Path) -> dict:
    """The saved answers, {student: {chapter: {question_id: entry}}}; {} when none or corrupt."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("students"), dict):
            raise ValueError("not a progress file")
        return data["students"]
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        aside = path.with_name(f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}")
        try:
            os.replace(path, aside)
            warnings.warn(f"{path} was unreadable ({err}); kept it as {aside.name} and started afresh")
        except OSError:
            warnings.warn(f"{path} was unreadable ({err}) and could not be moved aside")
        return {}


def _save(students: dict, path: Path) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         prefix=f".{path.name}.", suffix=".tmp") as out:
            tmp = Path(out.name)
            json.dump({"version": 1, "students": students}, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as err:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        warnings.warn(f"could not save quiz progress to {path}: {err}")


def record(chapter: str, question_id: str, answer: str, correct: bool) -> None:
    """Save one checked answer of the current student."""
    path = progress_path()
    students = _load(path)
    entry = {"answer": answer, "correct": bool(correct),
             "answered_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    students.setdefault(student(), {}).setdefault(chapter, {})[question_id] = entry
    _save(students, path)


def _rows() -> list[dict]:
    return [{"student": name, "chapter": chapter, "question_id": qid, **entry}
            for name, chapters in _load(progress_path()).items()
            for chapter, answers in chapters.items() for qid, entry in answers.items()]


def show_progress() -> pd.DataFrame:
    """The current student's progress: per chapter, questions answered and answered correctly."""
    rows = pd.DataFrame([r for r in _rows() if r["student"] == student()], columns=COLUMNS)
    table = rows.groupby("chapter").agg(answered=("question_id", "size"), correct=("correct", "sum"))
    return table.astype(int)


def export_csv(path: str | os.PathLike) -> Path:
    """Write every student's answers to a CSV file for the teacher; returns its path."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(sorted(_rows(), key=lambda r: (r["student"], r["chapter"], r["question_id"])))
    return path
