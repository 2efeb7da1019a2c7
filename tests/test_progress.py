"""Quiz progress: where it is saved, atomic writes, corrupt files, the teacher's CSV."""

import csv
import json

import pytest

from shared_future import progress


@pytest.fixture
def path(tmp_path, monkeypatch):
    target = tmp_path / "deep" / "progress.json"
    monkeypatch.setenv("SHARED_FUTURE_PROGRESS", str(target))
    monkeypatch.setenv("SHARED_FUTURE_STUDENT", "ana")
    return target


def test_default_location_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("SHARED_FUTURE_PROGRESS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert progress.progress_path() == tmp_path / "shared-future" / "progress.json"


def test_record_keeps_the_latest_answer_per_question(path):
    progress.record("what_is_it", "q1", "A", False)
    progress.record("what_is_it", "q1", "B", True)
    progress.record("what_is_it", "q2", "C", False)
    progress.record("origins", "o1", "D", True)
    saved = json.loads(path.read_text())["students"]["ana"]
    assert saved["what_is_it"]["q1"]["answer"] == "B" and saved["what_is_it"]["q1"]["correct"] is True
    table = progress.show_progress()
    assert table.to_dict("index") == {
        "origins": {"answered": 1, "correct": 1},
        "what_is_it": {"answered": 2, "correct": 1},
    }
    # no temporary file left; the lock file stays (deleting it would race with another writer)
    assert sorted(p.name for p in path.parent.iterdir()) == ["progress.json", "progress.json.lock"]


def test_show_progress_with_nothing_saved(path):
    table = progress.show_progress()
    assert table.empty and list(table.columns) == ["answered", "correct"]


def test_export_csv_lists_every_student(path, monkeypatch, tmp_path):
    progress.record("what_is_it", "q1", 'say "hi", ok', True)
    monkeypatch.setenv("SHARED_FUTURE_STUDENT", "ben")
    progress.record("what_is_it", "q1", "B", False)
    progress.record("what_is_it", "q1", "C", True)
    rows = list(csv.DictReader(progress.export_csv(tmp_path / "class.csv").open(encoding="utf-8")))
    assert list(rows[0]) == progress.EXPORT_COLUMNS
    assert [(r["student"], r["answer"], r["correct"], r["attempt"]) for r in rows] == [
        ("ana", 'say "hi", ok', "True", "1"),
        ("ben", "B", "False", "1"),
        ("ben", "C", "True", "2"),
    ]
    assert rows[0]["answered_at"].endswith("+00:00")


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"students": 3}', ""])
def test_corrupt_file_is_set_aside_with_a_warning(path, text):
    path.parent.mkdir(parents=True)
    path.write_text(text)
    with pytest.warns(UserWarning, match="kept it as progress.json.corrupt-"):
        progress.record("what_is_it", "q1", "A", True)
    (aside,) = path.parent.glob("progress.json.corrupt-*")
    assert aside.read_text() == text
    assert json.loads(path.read_text())["students"]["ana"]["what_is_it"]["q1"]["correct"] is True


def test_failed_write_warns_and_leaves_no_temporary_file(path, monkeypatch):
    def refuse(*args):
        raise PermissionError("denied")

    monkeypatch.setattr(progress.os, "replace", refuse)
    with pytest.warns(UserWarning, match="could not save quiz progress"):
        progress.record("what_is_it", "q1", "A", True)
    assert [p.name for p in path.parent.iterdir()] == ["progress.json.lock"]


WRITER = """
import sys, time, warnings
warnings.simplefilter("error")
from shared_future import progress
end, n = time.monotonic() + float(sys.argv[2]), 0
while time.monotonic() < end:
    progress.record("what_is_it", f"{sys.argv[1]}-{n}", "A", n % 2 == 0)
    n += 1
print(n)
"""


def test_concurrent_writers_lose_no_answer(path, tmp_path):
    """Two processes saving answers for three seconds: every answer either recorded is in the file."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SHARED_FUTURE_PROGRESS": str(path), "SHARED_FUTURE_STUDENT": "ana"}
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, name, "3"], env=env, stdout=subprocess.PIPE, text=True)
        for name in ("one", "two")
    ]
    counts = [int(w.communicate(timeout=60)[0]) for w in writers]
    assert all(w.returncode == 0 for w in writers)
    saved = json.loads(path.read_text())["students"]["ana"]["what_is_it"]
    expected = {f"{name}-{n}" for name, count in zip(("one", "two"), counts) for n in range(count)}
    assert min(counts) > 10 and set(saved) == expected


def test_every_attempt_is_kept_with_its_time(path):
    progress.record("what_is_it", "q1", "A", False)
    progress.record("what_is_it", "q1", "B", True)
    entry = json.loads(path.read_text())["students"]["ana"]["what_is_it"]["q1"]
    assert [(a["answer"], a["correct"]) for a in entry["attempts"]] == [("A", False), ("B", True)]
    assert all(a["answered_at"].endswith("+00:00") for a in entry["attempts"])
    assert entry["attempt_count"] == 2 and entry["first_known"] is True
    assert json.loads(path.read_text())["version"] == 2


def test_a_version_1_file_is_read_and_migrated(path):
    old = {"answer": "A", "correct": True, "answered_at": "2026-01-01T00:00:00+00:00"}
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "students": {"ana": {"origins": {"o1": old, "o2": old}}}}))
    assert progress.show_progress().to_dict("index") == {"origins": {"answered": 2, "correct": 2}}
    progress.record("origins", "o1", "B", False)
    saved = json.loads(path.read_text())["students"]["ana"]["origins"]
    assert saved["o2"] == old  # untouched entries stay as they were
    assert saved["o1"]["attempts"] == [old, {k: saved["o1"][k] for k in old}] and saved["o1"]["first_known"] is False
    assert progress.attempts(saved["o1"])[0][0] is None  # the first attempt of an old entry is unknown


def test_attempts_are_capped_keeping_the_first(path, monkeypatch):
    monkeypatch.setattr(progress, "MAX_ATTEMPTS", 3)
    for answer in "ABCDE":
        progress.record("origins", "o1", answer, answer == "E")
    entry = json.loads(path.read_text())["students"]["ana"]["origins"]["o1"]
    assert [a["answer"] for a in entry["attempts"]] == ["A", "D", "E"] and entry["attempt_count"] == 5
    assert [n for n, _ in progress.attempts(entry)] == [1, 4, 5]
