"""Quiz progress of each student, saved as JSON in the user's data folder.

File: $SHARED_FUTURE_PROGRESS, else $XDG_DATA_HOME (default ~/.local/share)/shared-future/
progress.json. The student is $SHARED_FUTURE_STUDENT, else the OS user.

Every attempt is kept with its time. An entry (student, chapter, question) holds the latest
answer (`answer`, `correct`, `answered_at`, as in version 1 of the file), `attempt_count`,
`first_known` and, from the second attempt, `attempts` (all of them, oldest first; past
`MAX_ATTEMPTS` the first is kept and the oldest of the rest dropped). A version 1 file is read
as it is: an entry without `attempt_count` is one answer whose earlier attempts are unknown,
and it gains the new fields when the question is answered again.

Saving never loses an answer and never raises:
- each save holds a lock (`<file>.lock`, the `filelock` package: Linux, macOS, Windows,
  Pyodide) around read, change and write, so concurrent writers keep every answer; the write
  is atomic (temporary file + os.replace);
- the file is read only if it is a regular file of at most `MAX_BYTES`; a folder, device or
  symbolic link at the path is left alone with a warning (nothing is read or saved there);
- a file that is not a progress file is set aside as `*.corrupt-<timestamp>` with a warning;
- an entry of the wrong shape is moved to the file's `set_aside` list with a warning naming
  the student, chapter and question; other entries are untouched.
"""

from __future__ import annotations

import csv
import getpass
import json
import os
import stat
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from .escaping import spreadsheet_cell

__all__ = [
    "COLUMNS",
    "EXPORT_COLUMNS",
    "MAX_ATTEMPTS",
    "MAX_BYTES",
    "attempts",
    "export_csv",
    "progress_path",
    "record",
    "show_progress",
    "student",
    "write_csv",
]

COLUMNS = ["student", "chapter", "question_id", "answer", "correct", "answered_at"]
# One row per attempt; `attempt` is 1, 2, ... or empty when earlier attempts are unknown.
EXPORT_COLUMNS = COLUMNS + ["attempt"]
MAX_BYTES = 8 * 1024 * 1024
MAX_ATTEMPTS = 50
LOCK_TIMEOUT_S = 20
LOCK_POLL_S = 0.002  # short, so a writer waiting for the lock is not starved by a busy one
ENTRY_FIELDS = {"answer": str, "correct": bool, "answered_at": str}


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


def _not_a_file(path: Path) -> str | None:
    """Why `path` may not be read or replaced (a folder, a device, a link), or None."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        return f"cannot be examined ({err.strerror})"
    if stat.S_ISREG(mode):
        return None
    kind = "a folder" if stat.S_ISDIR(mode) else "a symbolic link" if stat.S_ISLNK(mode) else "a device or special file"
    return f"is {kind}, not a regular file"


def _set_aside_file(path: Path, reason: str) -> None:
    aside = path.with_name(f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S-%f}")
    try:
        os.replace(path, aside)
        warnings.warn(f"{path} was unreadable ({reason}); kept it as {aside.name} and started afresh", stacklevel=2)
    except OSError as err:
        warnings.warn(f"{path} was unreadable ({reason}) and could not be moved aside ({err.strerror})", stacklevel=2)


def _is_answer(value) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), t) for k, t in ENTRY_FIELDS.items())


def _is_entry(value) -> bool:
    """A version 1 entry (one answer), or a version 2 one: with its count, and from the second
    attempt on, every attempt."""
    if not _is_answer(value):
        return False
    if not {"attempt_count", "first_known", "attempts"} & set(value):
        return True
    count, history = value.get("attempt_count"), value.get("attempts", [value])
    return (
        isinstance(value.get("first_known"), bool)
        and isinstance(count, int)
        and not isinstance(count, bool)
        and isinstance(history, list)
        and 0 < len(history) <= min(count, MAX_ATTEMPTS)
        and all(map(_is_answer, history))
    )


def _latest(entry: dict) -> dict:
    return {k: entry[k] for k in ENTRY_FIELDS}


def attempts(entry: dict) -> list[tuple[int | None, dict]]:
    """(attempt number or None when unknown, answer) for every kept attempt of an entry."""
    known = entry.get("first_known", False)
    if "attempts" not in entry:
        return [(1 if known else None, _latest(entry))]
    kept, count = entry["attempts"], entry["attempt_count"]
    if not known:
        return [(None, a) for a in kept]
    return [(1 if i == 0 else count - len(kept) + 1 + i, a) for i, a in enumerate(kept)]


def _with_attempt(entry: dict | None, answer: dict) -> dict:
    """`entry` (or nothing) after one more attempt; the list of attempts starts at the second."""
    if entry is None:
        return {**answer, "attempt_count": 1, "first_known": True}
    history = list(entry.get("attempts", [_latest(entry)]))
    history.append(answer)
    if len(history) > MAX_ATTEMPTS:
        del history[1]
    return {
        **answer,
        "attempts": history,
        "attempt_count": entry.get("attempt_count", 1) + 1,
        "first_known": entry.get("first_known", False),
    }


def _repair(students: dict, set_aside: list) -> dict:
    """Only well-shaped entries stay in `students`; every other part moves to `set_aside`."""
    kept: dict = {}
    for name, chapters in students.items():
        if not isinstance(chapters, dict):
            set_aside.append({"student": name, "value": chapters})
            warnings.warn(f"progress of student {name!r} is not a mapping of chapters; set aside", stacklevel=2)
            continue
        for chapter, answers in chapters.items():
            if not isinstance(answers, dict):
                set_aside.append({"student": name, "chapter": chapter, "value": answers})
                warnings.warn(
                    f"progress of student {name!r}, chapter {chapter!r} is not a mapping; set aside", stacklevel=2
                )
                continue
            for qid, entry in answers.items():
                if _is_entry(entry):
                    kept.setdefault(name, {}).setdefault(chapter, {})[qid] = entry
                else:
                    set_aside.append({"student": name, "chapter": chapter, "question_id": qid, "value": entry})
                    warnings.warn(
                        f"progress of student {name!r}, chapter {chapter!r}, question {qid!r} "
                        "has the wrong shape; set aside",
                        stacklevel=2,
                    )
    return kept


def _read(path: Path) -> dict | None:
    """The whole progress file, {"students": ..., "set_aside": [...]}; None when the path is unusable."""
    problem = _not_a_file(path)
    if problem:
        warnings.warn(
            f"{path} {problem}: quiz progress is not read or saved there (set SHARED_FUTURE_PROGRESS to a file path)",
            stacklevel=2,
        )
        return None
    try:
        with open(path, "rb") as source:
            raw = source.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return {"students": {}, "set_aside": []}
    except OSError as err:
        warnings.warn(f"{path} cannot be read ({err.strerror}): quiz progress is not saved", stacklevel=2)
        return None
    try:
        if len(raw) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("students"), dict):
            raise ValueError("not a progress file")
    except (ValueError, RecursionError) as err:
        _set_aside_file(path, str(err) if not isinstance(err, RecursionError) else "nested too deeply")
        return {"students": {}, "set_aside": []}
    set_aside: list = data["set_aside"] if isinstance(data.get("set_aside"), list) else []
    return {"students": _repair(data["students"], set_aside), "set_aside": set_aside}


def _save(data: dict, path: Path) -> None:
    tmp = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, prefix=f".{path.name}.", suffix=".tmp"
        ) as out:
            tmp = Path(out.name)
            json.dump({"version": 2, **data}, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError) as err:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        warnings.warn(f"could not save quiz progress to {path}: {err}", stacklevel=2)


def record(chapter: str, question_id: str, answer: str, correct: bool) -> None:
    """Save one attempt of the current student (a warning, never an error, if it cannot)."""
    path = progress_path()
    entry = {
        "answer": str(answer),
        "correct": bool(correct),
        "answered_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{path}.lock").acquire(timeout=LOCK_TIMEOUT_S, poll_interval=LOCK_POLL_S):
            data = _read(path)
            if data is None:
                return
            answers = data["students"].setdefault(student(), {}).setdefault(str(chapter), {})
            answers[str(question_id)] = _with_attempt(answers.get(str(question_id)), entry)
            _save(data, path)
    except Timeout:
        warnings.warn(
            f"could not save quiz progress to {path}: another program held {path}.lock for {LOCK_TIMEOUT_S} s",
            stacklevel=2,
        )
    except OSError as err:
        warnings.warn(f"could not save quiz progress to {path}: {err}", stacklevel=2)


def _entries() -> list[tuple[str, str, str, dict]]:
    data = _read(progress_path()) or {"students": {}}
    return [
        (name, chapter, qid, entry)
        for name, chapters in data["students"].items()
        for chapter, answers in chapters.items()
        for qid, entry in answers.items()
    ]


def show_progress() -> pd.DataFrame:
    """The current student's progress: per chapter, questions answered and answered correctly
    (at any attempt)."""
    rows = pd.DataFrame(
        [
            {"chapter": chapter, "question_id": qid, "correct": any(a["correct"] for _, a in attempts(entry))}
            for name, chapter, qid, entry in _entries()
            if name == student()
        ],
        columns=["chapter", "question_id", "correct"],
    )
    rows["correct"] = rows["correct"].astype(bool)
    table = rows.groupby("chapter").agg(answered=("question_id", "size"), correct=("correct", "sum"))
    return table.astype(int)


def write_csv(rows: list[dict], columns: list[str], path: str | os.PathLike) -> Path:
    """Write rows for a teacher's spreadsheet: every cell neutralised against formulas."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([spreadsheet_cell(row[c]) for c in columns] for row in rows)
    return path


def export_csv(path: str | os.PathLike) -> Path:
    """Write every attempt of every student to a CSV file for the teacher; returns its path."""
    rows = [
        {"student": name, "chapter": chapter, "question_id": qid, **answer, "attempt": "" if number is None else number}
        for name, chapter, qid, entry in sorted(_entries(), key=lambda e: e[:3])
        for number, answer in attempts(entry)
    ]
    return write_csv(rows, EXPORT_COLUMNS, path)
