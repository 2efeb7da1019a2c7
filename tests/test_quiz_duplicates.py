"""Facts that two quizzes once asked twice are asked once (corrections of 1 December 2026):
the size of the China-UN Peace and Development Fund (chapter 5 keeps it, origins-7 asks about
the Geneva speech instead) and who signed the China-Laos action plan of 2019 (chapter 6 keeps
it, review_capstone-10 asks about Pakistan and the AIIB's entry into force)."""

import re
from pathlib import Path

import pytest

from shared_future.quiz import load_quiz

QUIZZES = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "data" / "quizzes").glob("*.yaml"))
ONCE = {
    "aiib_and_finance-11": r"Peace and Development Fund",
    "communities-2": r"China-Laos community with a shared future",
}


@pytest.mark.parametrize("kept", sorted(ONCE))
def test_a_fact_is_asked_in_one_question_only(kept):
    asking = [q.id for name in QUIZZES for q in load_quiz(name).questions if re.search(ONCE[kept], q.prompt)]
    assert asking == [kept]


def test_replacements_keep_their_ids():
    origins = {q.id: q for q in load_quiz("origins").questions}
    review = {q.id: q for q in load_quiz("review_capstone").questions}
    assert "Geneva" in origins["origins-7"].prompt and origins["origins-7"].answer == 2017
    assert (
        "Pakistan" in review["review_capstone-10"].prompt and "25 December 2015" in review["review_capstone-10"].prompt
    )
