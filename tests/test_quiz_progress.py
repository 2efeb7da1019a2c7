"""The browser's progress export and the Python one follow one rule: the shared cases of
tests/quiz_fixtures/export/cases.json (also run against static/quiz-store.js by tests/js/)
hold for escaping.spreadsheet_cell and progress.write_csv, and the CSV they give merges with
classroom merge. The progress page escapes every text from the course files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared_future import classroom
from shared_future.escaping import spreadsheet_cell, spreadsheet_value
from shared_future.progress import EXPORT_COLUMNS, write_csv
from shared_future.quiz.progress_page import ChapterRow, bank_links, page_markdown

CASES = json.loads((Path(__file__).parent / "quiz_fixtures" / "export" / "cases.json").read_text(encoding="utf-8"))
STORE_JS = Path(__file__).resolve().parents[1] / "shared_future" / "static" / "quiz-store.js"


def test_spreadsheet_cells_follow_the_shared_cases():
    for value, expected in CASES["cells"]:
        assert spreadsheet_cell(value) == expected, value
        if isinstance(value, str):
            assert spreadsheet_value(expected) == value


def test_the_shared_csv_is_what_write_csv_writes(tmp_path):
    path = write_csv(CASES["rows"], EXPORT_COLUMNS, tmp_path / "x.csv")
    assert path.read_bytes().decode("utf-8") == CASES["csv"]


def test_the_browser_writes_the_columns_classroom_merge_reads():
    assert f"S.COLUMNS = {json.dumps(EXPORT_COLUMNS)};" in STORE_JS.read_text(encoding="utf-8")


def test_the_shared_csv_merges_back_to_the_values(tmp_path):
    (tmp_path / "student.csv").write_bytes(CASES["csv"].encode("utf-8"))
    merge = classroom.merge_folder(tmp_path)
    assert merge.messages == []
    read = [
        (a.student, a.chapter, a.question_id, a.answer, a.correct, a.attempt)
        for kept in merge.attempts.values()
        for a in kept
    ]
    assert sorted(read) == sorted(
        (r["student"], r["chapter"], r["question_id"], r["answer"], r["correct"] == "True", r["attempt"])
        for r in CASES["rows"]
    )


HOSTILE = '</table><script>alert(1)</script> & "q"'


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_progress_page_escapes_course_text(lang):
    rows = [ChapterRow("what_is_it", HOSTILE, "../notebooks/01_what_is_it.html", 14)]
    page = page_markdown(rows, lang)
    assert HOSTILE not in page and "&lt;/table&gt;&lt;script&gt;" in page
    assert page.count("<script>") == 1  # the page's own script only
    assert 'data-chapter="what_is_it" data-total="14"' in page
    assert ("No data leaves your browser" if lang == "en" else "你的数据不会离开你的浏览器") in page
    links = bank_links(rows, "../../quiz-export/", lang)
    assert HOSTILE not in links and 'href="../../quiz-export/what_is_it-qti21.zip"' in links
