"""Levels follow the rubric in data/README.md ("The levels"): every question has one of its
levels, every chapter has at least 60% of its questions above `remember`, and chapter 7,
whose objective is evaluating sources, has mostly `evaluate` questions."""

import re
from pathlib import Path

import pytest

from shared_future.quiz import LEVELS, check_all

README = (Path(__file__).resolve().parents[1] / "data" / "README.md").read_text(encoding="utf-8")
QUIZZES = check_all()


def test_the_rubric_defines_every_level():
    rubric = README.split("### The levels", 1)[1]
    defined = re.findall(r"^\| `(\w+)` \| the question asks|^\| `(\w+)` \|", rubric, re.M)
    assert [a or b for a, b in defined] == list(LEVELS)


@pytest.mark.parametrize("chapter", sorted(QUIZZES))
def test_most_questions_go_beyond_recall(chapter):
    questions = QUIZZES[chapter].questions
    beyond = sum(q.level != "remember" for q in questions)
    assert beyond / len(questions) >= 0.6, f"{chapter}: {beyond} of {len(questions)} above remember"


def test_chapter_7_is_mostly_source_evaluation():
    questions = QUIZZES["reception"].questions
    evaluate = sum(q.level == "evaluate" for q in questions)
    assert evaluate > len(questions) / 2, f"{evaluate} of {len(questions)} evaluate"


def test_questions_on_the_data_are_at_least_apply():
    for quiz in QUIZZES.values():
        for question in quiz.questions:
            if getattr(question, "data", None):
                assert question.level != "remember" and question.level != "understand", question.id
