"""Option order carries no information: a fixed salted shuffle per question, the same in every
process, never the file order, true/false as True then False, and no fixed position that
wins more than 45% of the course's single-answer questions with three or more options."""

import json
import os
import subprocess
import sys
from collections import Counter

from shared_future.quiz import check_all, option_order

LIMIT = 0.45


def single_answer_questions():
    return [
        q
        for quiz in check_all().values()
        for q in quiz.questions
        if q.type in ("single", "data") and getattr(q, "select", "single") == "single" and len(q.options) >= 3
    ]


def position_shares(questions) -> dict[str, float]:
    """Share of questions a reader gets right by always picking position k (first, ..., and from the end)."""
    hits = Counter()
    for question in questions:
        order = option_order(question)
        place = [question.options[i].correct for i in order].index(True)
        hits[f"{place + 1} from the start"] += 1
        hits[f"{len(order) - place} from the end"] += 1
    return {position: count / len(questions) for position, count in hits.items()}


def test_no_fixed_position_wins_more_than_45_percent():
    questions = single_answer_questions()
    assert len(questions) >= 30
    shares = position_shares(questions)
    assert max(shares.values()) <= LIMIT, sorted(shares.items(), key=lambda item: -item[1])


def test_every_shuffle_differs_from_the_file_order_and_true_false_keeps_its_own():
    for quiz in check_all().values():
        for question in quiz.questions:
            if not hasattr(question, "options"):
                continue
            order = option_order(question)
            assert sorted(order) == list(range(len(question.options))), question.id
            if question.type == "true_false":
                assert [question.options[i].text for i in order] == ["True", "False"], question.id
            else:
                assert order != sorted(order), f"{question.id} is shown in file order"


ORDERS = (
    "import json; from shared_future.quiz import check_all, option_order; "
    "print(json.dumps({q.id: option_order(q) for z in check_all().values() "
    "for q in z.questions if hasattr(q, 'options')}))"
)


def test_the_order_is_the_same_in_every_process():
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", ORDERS],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": seed},
            ).stdout
        )
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    here = {q.id: option_order(q) for quiz in check_all().values() for q in quiz.questions if hasattr(q, "options")}
    assert runs[0] == here
