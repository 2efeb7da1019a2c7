"""Class progress merge (shared_future.classroom) on files made by progress.export_csv."""

import csv
from datetime import datetime, timezone

import pytest

from shared_future import classroom, progress
from shared_future.classroom import CLASS_COLUMNS
from shared_future.progress import COLUMNS


@pytest.fixture
def export(tmp_path, monkeypatch):
    """export(student, answers, name, at=hour): a real export_csv file in tmp_path/class/.

    `answers` is [(chapter, question_id, answer, correct)], recorded at `at` o'clock UTC."""
    folder = tmp_path / "class"
    folder.mkdir()

    def _export(student, answers, name, at=9):
        clock = datetime(2026, 3, 2, at, 0, tzinfo=timezone.utc)

        class FixedClock(datetime):
            @classmethod
            def now(cls, tz=None):
                return clock

        monkeypatch.setattr(progress, "datetime", FixedClock)
        monkeypatch.setenv("SHARED_FUTURE_PROGRESS", str(tmp_path / f"{student}-{name}.json"))
        monkeypatch.setenv("SHARED_FUTURE_STUDENT", student)
        for chapter, qid, answer, correct in answers:
            progress.record(chapter, qid, answer, correct)
        return progress.export_csv(folder / name)

    _export.folder = folder
    return _export


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run(folder, tmp_path, capsys):
    status = classroom.main(
        ["merge", str(folder), "-o", str(tmp_path / "class.csv"), "--summary", str(tmp_path / "summary.csv")]
    )
    out, err = capsys.readouterr()
    return status, out, err


def test_merges_good_files_into_a_class_table_and_summary(export, tmp_path, capsys):
    export(
        "ana",
        [
            ("origins", "origins-1", "A", True),
            ("origins", "origins-2", "C", False),
            ("origins", "origins-10", "B", True),
        ],
        "ana.csv",
    )
    export("ben", [("origins", "origins-1", "B", False), ("pillars", "pillars-1", "D", True)], "ben.csv")
    status, out, err = run(export.folder, tmp_path, capsys)
    assert status == 0 and err == ""
    assert "merged 5 answers of 2 student(s) on 4 question(s) from 2 file(s)" in out
    rows = read(tmp_path / "class.csv")
    assert list(rows[0]) == CLASS_COLUMNS
    assert [(r["student"], r["question_id"], r["answer"], r["correct"]) for r in rows] == [
        ("ana", "origins-1", "A", "True"),
        ("ana", "origins-2", "C", "False"),
        ("ana", "origins-10", "B", "True"),
        ("ben", "origins-1", "B", "False"),
        ("ben", "pillars-1", "D", "True"),
    ]
    assert rows[0]["answered_at"] == "2026-03-02T09:00:00+00:00"
    summary = read(tmp_path / "summary.csv")

    def line(qid, chapter, answered, first, eventually, share_first, share_eventually):
        return {
            "question_id": qid,
            "chapter": chapter,
            "answered": answered,
            "correct_first_time": first,
            "correct_eventually": eventually,
            "first_time_unknown": "0",
            "share_first_time": share_first,
            "share_eventually": share_eventually,
        }

    assert summary == [
        line("origins-1", "origins", "2", "1", "1", "0.50", "0.50"),
        line("origins-2", "origins", "1", "0", "0", "0.00", "0.00"),
        line("origins-10", "origins", "1", "1", "1", "1.00", "1.00"),
        line("pillars-1", "pillars", "1", "1", "1", "1.00", "1.00"),
    ]


def test_wrong_then_right_is_correct_eventually_not_first_time(export, tmp_path, capsys):
    export(
        "ana",
        [
            ("origins", "origins-1", "A", False),
            ("origins", "origins-1", "B", True),
            ("origins", "origins-2", "C", True),
        ],
        "ana.csv",
    )
    export("ben", [("origins", "origins-1", "B", True)], "ben.csv")
    status, out, err = run(export.folder, tmp_path, capsys)
    assert status == 0 and err == "" and "(4 attempt(s) in all)" in out
    rows = {(r["student"], r["question_id"]): r for r in read(tmp_path / "class.csv")}
    assert {
        k: (r["answer"], r["attempts"], r["correct_first_time"], r["correct_eventually"]) for k, r in rows.items()
    } == {
        ("ana", "origins-1"): ("B", "2", "False", "True"),
        ("ana", "origins-2"): ("C", "1", "True", "True"),
        ("ben", "origins-1"): ("B", "1", "True", "True"),
    }
    first = read(tmp_path / "summary.csv")[0]
    assert (
        first["question_id"],
        first["answered"],
        first["correct_first_time"],
        first["correct_eventually"],
        first["share_first_time"],
        first["share_eventually"],
    ) == ("origins-1", "2", "1", "2", "0.50", "1.00")


def test_an_export_without_attempts_counts_its_first_attempt_as_unknown(tmp_path, capsys):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "old.csv").write_text(",".join(COLUMNS) + "\nana,origins,o1,A,True,2026-01-01T00:00:00+00:00\n")
    (folder / "bad.csv").write_text(
        ",".join(progress.EXPORT_COLUMNS) + "\nben,origins,o1,A,True,2026-01-01T00:00:00+00:00,first\n"
    )
    status, out, err = run(folder, tmp_path, capsys)
    assert status == 0
    assert "bad.csv, line 2, field 'attempt': 'first' is not 1, 2, 3 ... or empty; row skipped" in err
    (row,) = read(tmp_path / "class.csv")
    assert (row["correct_first_time"], row["correct_eventually"]) == ("", "True")
    (summary,) = read(tmp_path / "summary.csv")
    assert (
        summary["correct_first_time"],
        summary["first_time_unknown"],
        summary["share_first_time"],
        summary["share_eventually"],
    ) == ("0", "1", "", "1.00")


def test_a_student_exporting_twice_keeps_the_latest_answer_and_says_so(export, tmp_path, capsys):
    # the later export sorts first by name: the time decides, not the file order
    export("ana", [("origins", "origins-1", "B", True), ("origins", "origins-2", "A", True)], "a-friday.csv", at=15)
    export("ana", [("origins", "origins-1", "A", False), ("origins", "origins-3", "D", True)], "b-monday.csv", at=9)
    status, out, err = run(export.folder, tmp_path, capsys)
    assert status == 0
    assert (
        "student 'ana': 1 question(s) found in a-friday.csv and b-monday.csv; identical attempts counted "
        "once, the others combined in time order"
    ) in err
    rows = {r["question_id"]: r for r in read(tmp_path / "class.csv")}
    assert sorted(rows) == ["origins-1", "origins-2", "origins-3"]
    assert rows["origins-1"]["answer"] == "B" and rows["origins-1"]["correct"] == "True"
    # the Monday attempt came first in time: wrong first time, right eventually
    assert (rows["origins-1"]["attempts"], rows["origins-1"]["correct_first_time"]) == ("2", "False")
    summary = {r["question_id"]: r for r in read(tmp_path / "summary.csv")}
    assert summary["origins-1"]["answered"] == "1"  # one student, counted once


def test_the_same_file_handed_in_twice_counts_once(export, tmp_path, capsys):
    path = export("ana", [("origins", "origins-1", "B", True)], "ana.csv")
    (export.folder / "ana (copy).csv").write_bytes(path.read_bytes())
    status, out, err = run(export.folder, tmp_path, capsys)
    assert status == 0
    assert "student 'ana': 1 question(s) found in ana (copy).csv and ana.csv" in err
    (row,) = read(tmp_path / "class.csv")
    assert row["attempts"] == "1"  # the identical attempt counts once


def test_a_partial_file_keeps_its_complete_rows(export, tmp_path, capsys):
    export("ana", [("origins", "origins-1", "A", True)], "ana.csv")
    path = export(
        "ben",
        [
            ("origins", "origins-1", "B", False),
            ("origins", "origins-2", "C", True),
            ("origins", "origins-3", "D", True),
        ],
        "ben.csv",
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("origins-3") + 4], encoding="utf-8")  # cut inside the last row
    status, out, err = run(export.folder, tmp_path, capsys)
    assert status == 0
    assert "ben.csv, line 4: wrong number of fields (a cut or damaged line); row skipped" in err
    assert [(r["student"], r["question_id"]) for r in read(tmp_path / "class.csv")] == [
        ("ana", "origins-1"),
        ("ben", "origins-1"),
        ("ben", "origins-2"),
    ]


def test_corrupt_files_and_rows_are_skipped_with_file_line_and_field(export, tmp_path, capsys):
    export("ana", [("origins", "origins-1", "A", True)], "ana.csv")
    good = export("ben", [("origins", "origins-1", "B", True)], "ben.csv").read_text(encoding="utf-8")
    header, row = good.splitlines()
    folder = export.folder
    (folder / "bad-values.csv").write_text(
        "\n".join(
            [
                header,
                row.replace("True", "maybe").replace("ben", "cho"),
                row.replace("2026-03-02T09:00:00+00:00", "yesterday").replace("ben", "dan"),
                row.replace("ben", ""),
                row.replace("2026-03-02T09:00:00+00:00", "2026-03-02T09:00:00").replace("ben", "eve"),
                row.replace("ben", "fay") + ",extra",
                row.replace("ben", "gus"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (folder / "wrong-header.csv").write_text("name,score\nben,3\n", encoding="utf-8")
    (folder / "spreadsheet.csv").write_bytes(b"\xff\xfe\x00s\x00t\x00u")
    (folder / "empty.csv").write_text("", encoding="utf-8")
    (folder / "header-only.csv").write_text(header + "\n", encoding="utf-8")
    (folder / "broken-quote.csv").write_text(
        header + "\n" + row.replace("ben", "hal") + "\n" + 'ivy,origins,origins-1,"B\n', encoding="utf-8"
    )
    (folder / "notes.txt").write_text("not a CSV file, not read", encoding="utf-8")

    status, out, err = run(folder, tmp_path, capsys)
    assert status == 0
    for message in [
        "bad-values.csv, line 2, field 'correct': 'maybe' is not True or False; row skipped",
        "bad-values.csv, line 3, field 'answered_at': 'yesterday' is not an ISO 8601 time; row skipped",
        "bad-values.csv, line 4, field 'student': empty; row skipped",
        "bad-values.csv, line 5, field 'answered_at': '2026-03-02T09:00:00' has no time zone; row skipped",
        "bad-values.csv, line 6: wrong number of fields (a cut or damaged line); row skipped",
        "wrong-header.csv, line 1: header is 'name,score', expected "
        "'student,chapter,question_id,answer,correct,answered_at,attempt'",
        "spreadsheet.csv: not UTF-8 text (invalid start byte at byte 0); file skipped",
        "empty.csv: empty; file skipped",
        "header-only.csv: has a header but no answers",
        "broken-quote.csv, after line 2: not valid CSV (unexpected end of data); kept the 1 answer(s) before it",
    ]:
        assert message in err
    assert "notes.txt" not in err
    students = [r["student"] for r in read(tmp_path / "class.csv")]
    assert students == ["ana", "ben", "gus", "hal"]


def test_nothing_mergeable_fails_with_a_message(tmp_path, capsys):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "empty.csv").write_text("", encoding="utf-8")
    status, out, err = run(folder, tmp_path, capsys)
    assert status == 1
    assert "empty.csv: empty; file skipped" in err and "nothing merged" in err
    assert not (tmp_path / "class.csv").exists()

    status, out, err = run(tmp_path / "missing", tmp_path, capsys)
    assert status == 1 and "not a folder" in err


def test_command_line_module_runs(export, tmp_path):
    import subprocess
    import sys

    export("ana", [("origins", "origins-1", "A", True)], "ana.csv")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "shared_future.classroom",
            "merge",
            str(export.folder),
            "-o",
            str(tmp_path / "class.csv"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "merged 1 answers of 1 student(s)" in result.stdout
    assert len(read(tmp_path / "class.csv")) == 1
