"""Class progress: merge the students' exported progress files into one class table.

Each student exports their answers with `shared_future.progress.export_csv` and hands the
file in (one row per attempt). `merge_folder` reads every `*.csv` in a folder and returns the
class table (one row per student and question: the latest answer, the number of attempts,
correct at the first attempt, correct at any attempt) and a summary per question with
"correct first time" beside "correct eventually". Exports written before attempts were kept
(no `attempt` column) are read too: their first attempt is unknown and counted as such.

Values were written by `progress.write_csv`, neutralised against spreadsheet formulas
(`escaping.spreadsheet_cell`); they are read back to what they were. The merge reads only
regular files inside the folder (a link pointing out of it is skipped with a message) and
never its own output files.

Nothing is dropped silently. A file that cannot be read (not UTF-8, not CSV, wrong header,
empty) is skipped whole; a row with a bad value (missing field, `correct` not True/False, a
timestamp that is not ISO 8601, a truncated last line) is skipped alone; CSV broken part-way
keeps the rows before the break. Each skip is a message naming the file, and the row and field
where there is one. When the same student and question appear more than once (a student exported
twice), the latest answer wins and a message says how many questions were found more than once
and in which files: identical attempts count once, the others are combined in time order.

Command line::

    python -m shared_future.classroom merge <folder> -o class.csv [--summary summary.csv]

Exit status 0 when at least one answer was merged, 1 when nothing could be merged.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .escaping import spreadsheet_value
from .progress import COLUMNS, EXPORT_COLUMNS, MAX_BYTES, write_csv

__all__ = [
    "CLASS_COLUMNS",
    "SUMMARY_COLUMNS",
    "Answer",
    "Merge",
    "class_rows",
    "main",
    "merge_folder",
    "read_export",
    "summary_rows",
]

CLASS_COLUMNS = COLUMNS + ["attempts", "correct_first_time", "correct_eventually"]
SUMMARY_COLUMNS = [
    "question_id",
    "chapter",
    "answered",
    "correct_first_time",
    "correct_eventually",
    "first_time_unknown",
    "share_first_time",
    "share_eventually",
]
BOOLEANS = {"true": True, "false": False}


@dataclass
class Answer:
    student: str
    chapter: str
    question_id: str
    answer: str
    correct: bool
    answered_at: datetime
    attempt: int | None  # None: the export did not know it (older progress files)
    file: str = ""

    def same_attempt(self) -> tuple:
        return self.answered_at, self.attempt, self.answer, self.correct


@dataclass
class Merge:
    """The result of a merge: every attempt and the latest answer per student and question,
    and every message about what was skipped."""

    attempts: dict[tuple[str, str, str], list[Answer]] = field(default_factory=dict)
    answers: dict[tuple[str, str, str], Answer] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    files_read: int = 0

    def first_time(self, key: tuple[str, str, str]) -> bool | None:
        """Whether the first attempt was right; None when the export did not know the first attempt."""
        first = self.attempts[key][0]
        return first.correct if first.attempt == 1 else None

    def eventually(self, key: tuple[str, str, str]) -> bool:
        return any(a.correct for a in self.attempts[key])


def _parse_row(raw: dict, where: str) -> tuple[Answer | None, str | None]:
    """One CSV row as an Answer, or the reason it is unusable."""
    if None in raw or any(raw.get(c, "") is None for c in EXPORT_COLUMNS):
        return None, f"{where}: wrong number of fields (a cut or damaged line); row skipped"
    for name in ("student", "chapter", "question_id"):
        if not raw[name].strip():
            return None, f"{where}, field '{name}': empty; row skipped"
    correct = BOOLEANS.get(raw["correct"].strip().lower())
    if correct is None:
        return None, f"{where}, field 'correct': {raw['correct']!r} is not True or False; row skipped"
    try:
        answered_at = datetime.fromisoformat(raw["answered_at"].strip())
    except ValueError:
        return None, f"{where}, field 'answered_at': {raw['answered_at']!r} is not an ISO 8601 time; row skipped"
    if answered_at.tzinfo is None:
        return None, f"{where}, field 'answered_at': {raw['answered_at']!r} has no time zone; row skipped"
    attempt = (raw.get("attempt") or "").strip()
    if attempt and not (attempt.isdigit() and int(attempt) >= 1):
        return None, f"{where}, field 'attempt': {raw['attempt']!r} is not 1, 2, 3 ... or empty; row skipped"
    return Answer(
        raw["student"].strip(),
        raw["chapter"].strip(),
        raw["question_id"].strip(),
        raw["answer"],
        correct,
        answered_at,
        int(attempt) if attempt else None,
    ), None


def _unneutralised(raw: dict) -> dict:
    """A row as the student's export meant it (see `escaping.spreadsheet_cell`)."""
    return {k: spreadsheet_value(v) if isinstance(v, str) else v for k, v in raw.items()}


def read_export(path: Path) -> tuple[list[Answer], list[str]]:
    """The answers in one exported file and the messages about what was skipped in it."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return [], [
                f"{path.name}: larger than {MAX_BYTES // (1024 * 1024)} MB, not a progress export; file skipped"
            ]
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        return [], [f"{path.name}: not UTF-8 text ({err.reason} at byte {err.start}); file skipped"]
    except OSError as err:
        return [], [f"{path.name}: cannot be read ({err.strerror}); file skipped"]
    if not text.strip():
        return [], [f"{path.name}: empty; file skipped"]
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    answers, messages = [], []
    try:
        if reader.fieldnames not in (EXPORT_COLUMNS, COLUMNS):
            header = ",".join(reader.fieldnames or [])
            return [], [
                f"{path.name}, line 1: header is '{header}', expected '{','.join(EXPORT_COLUMNS)}' "
                "(a file from shared_future.progress.export_csv); file skipped"
            ]
        for raw in reader:
            answer, problem = _parse_row(_unneutralised(raw), f"{path.name}, line {reader.line_num}")
            if problem or answer is None:
                messages.append(problem or f"{path.name}, line {reader.line_num}: unreadable row")
            else:
                answer.file = path.name
                answers.append(answer)
    except csv.Error as err:
        kept = f"kept the {len(answers)} answer(s) before it" if answers else "file skipped"
        messages.append(f"{path.name}, after line {reader.line_num}: not valid CSV ({err}); {kept}")
    if not answers and not messages:
        messages.append(f"{path.name}: has a header but no answers")
    return answers, messages


def _skip_reason(path: Path, folder: Path, outputs: set[Path]) -> str | None:
    """Why a *.csv of the folder is not read: the merge's own output, a link out, not a file."""
    resolved = path.resolve()
    if resolved in outputs:
        return "is this merge's output; not read"
    if path.is_symlink() and folder.resolve() not in resolved.parents:
        return "is a link to a file outside the folder; file skipped"
    if not resolved.is_file():
        return "is not a regular file; skipped"
    return None


def merge_folder(folder: Path, outputs: tuple[Path, ...] = ()) -> Merge:
    """Merge every *.csv in `folder` (except `outputs`): every attempt, in time order, per student
    and question, and the latest answer."""
    result = Merge()
    files_of: dict[tuple[str, str, str], set[str]] = {}
    own = {Path(p).resolve() for p in outputs}
    for path in sorted(folder.glob("*.csv")):
        reason = _skip_reason(path, folder, own)
        if reason:
            if not reason.startswith("is this merge"):
                result.messages.append(f"{path.name}: {reason}")
            continue
        answers, messages = read_export(path)
        result.messages += messages
        result.files_read += bool(answers)
        for answer in answers:
            key = (answer.student, answer.chapter, answer.question_id)
            files_of.setdefault(key, set()).add(answer.file)
            kept = result.attempts.setdefault(key, [])
            if not any(a.same_attempt() == answer.same_attempt() for a in kept):
                kept.append(answer)
    for key, kept in result.attempts.items():
        kept.sort(key=lambda a: (a.answered_at, a.attempt or 0))
        result.answers[key] = kept[-1]
    _report_repeats(result, files_of)
    return result


def _report_repeats(result: Merge, files_of: dict[tuple[str, str, str], set[str]]) -> None:
    """One message per student and set of files that hold the same questions."""
    repeats: dict[tuple[str, frozenset[str]], int] = {}
    for (student, _, _), files in files_of.items():
        if len(files) > 1:
            group = (student, frozenset(files))
            repeats[group] = repeats.get(group, 0) + 1
    for (student, group_files), count in sorted(repeats.items(), key=lambda item: (item[0][0], sorted(item[0][1]))):
        result.messages.append(
            f"student '{student}': {count} question(s) found in {' and '.join(sorted(group_files))}; "
            "identical attempts counted once, the others combined in time order"
        )


def _natural(text: str) -> list:
    """'origins-10' after 'origins-2'."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _share(count: int, total: int) -> str:
    return f"{count / total:.2f}" if total else ""


def class_rows(merge: Merge) -> list[dict]:
    """Per student and question: the latest answer, the attempts, right first time and eventually."""
    rows = []
    for key in sorted(merge.answers, key=lambda k: (k[0], k[1], _natural(k[2]))):
        latest, first = merge.answers[key], merge.first_time(key)
        rows.append(
            {
                "student": latest.student,
                "chapter": latest.chapter,
                "question_id": latest.question_id,
                "answer": latest.answer,
                "correct": latest.correct,
                "answered_at": latest.answered_at.isoformat(timespec="seconds"),
                "attempts": len(merge.attempts[key]),
                "correct_first_time": "" if first is None else first,
                "correct_eventually": merge.eventually(key),
            }
        )
    return rows


def summary_rows(merge: Merge) -> list[dict]:
    """Per question: students who answered it, right at the first attempt, right at any attempt
    (and how many first attempts are unknown: exports from older progress files)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for key in merge.answers:
        tally = counts.setdefault((key[1], key[2]), [0, 0, 0, 0])
        first = merge.first_time(key)
        tally[0] += 1
        tally[1] += bool(first)
        tally[2] += merge.eventually(key)
        tally[3] += first is None
    return [
        {
            "question_id": qid,
            "chapter": chapter,
            "answered": answered,
            "correct_first_time": first,
            "correct_eventually": eventually,
            "first_time_unknown": unknown,
            "share_first_time": _share(first, answered - unknown),
            "share_eventually": _share(eventually, answered),
        }
        for (chapter, qid), (answered, first, eventually, unknown) in sorted(
            counts.items(), key=lambda item: (item[0][0], _natural(item[0][1]))
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m shared_future.classroom",
        description="Merge students' exported quiz progress into a class table.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    merge_cmd = commands.add_parser("merge", help="merge a folder of exported progress CSV files")
    merge_cmd.add_argument("folder", type=Path, help="folder holding the students' *.csv files")
    merge_cmd.add_argument("-o", "--output", type=Path, required=True, help="class table to write (CSV)")
    merge_cmd.add_argument("--summary", type=Path, help="per-question summary to write (CSV)")
    args = parser.parse_args(argv)

    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder", file=sys.stderr)
        return 1
    merge = merge_folder(args.folder, tuple(p for p in (args.output, args.summary) if p))
    for message in merge.messages:
        print(message, file=sys.stderr)
    if not merge.answers:
        print(f"nothing merged: no usable answers in {args.folder}/*.csv", file=sys.stderr)
        return 1
    summary = summary_rows(merge)
    writes = [(class_rows(merge), CLASS_COLUMNS, args.output)]
    writes += [(summary, SUMMARY_COLUMNS, args.summary)] if args.summary else []
    for rows, columns, path in writes:
        try:
            write_csv(rows, columns, path)
        except OSError as err:
            print(f"{path}: cannot be written ({err.strerror}); choose another output path", file=sys.stderr)
            return 1
    students = len({a.student for a in merge.answers.values()})
    print(
        f"merged {len(merge.answers)} answers of {students} student(s) on {len(summary)} question(s) "
        f"from {merge.files_read} file(s) into {args.output}"
        + (f"; summary in {args.summary}" if args.summary else "")
        + f" ({sum(map(len, merge.attempts.values()))} attempt(s) in all)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
