"""The grading rules, written once: the live widgets apply them in Python, and the page's
answer key carries them (`page_key`) to `static/quiz.js`, which applies the same rules in
the book. `tests/quiz_fixtures/grading/cases.yaml` is run against both renderers.

Rules: an answer is right when it picks exactly the correct options, is within the
tolerance, or puts every item in its place. A wrong attempt says what is wrong (the chosen
wrong options' feedback, too high or too low, how many items are in place) without naming
the correct answer; the answer, explanation and source are shown after a correct answer or
after `reveal_after_wrong` wrong ones.

Options are shown in a fixed shuffle per question (`option_order`), never simply the file
order, so authors may write the correct option first and the order tells nothing.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Any

from ..i18n import N_, _
from .model import Numeric, Ordering, Quiz, source_link
from .translation import option_text

__all__ = [
    "RULES",
    "SALT",
    "Result",
    "answer_text",
    "display_order",
    "grade",
    "is_multi",
    "messages",
    "option_order",
    "page_key",
    "rules",
    "score_text",
]

# The course-wide salt of every shuffle. With this salt, a reader who always picks the same
# position (first, second, ..., last) gets at most 45% of the course's single-answer questions
# with three or more options right (tests/test_quiz_order.py); if a change of the quizzes breaks
# that, choose another salt here and say so. The first salt tried, "shared-future-2026", put 49%
# of the answers second; "shared-future-15" (the best of -1 to -40) gives at most 38%.
SALT = "shared-future-15"

RULES: dict[str, Any] = {
    "reveal_after_wrong": 2,
    "slack": 1e-9,
    "messages": {
        "correct": N_("Correct."),
        "wrong": N_("Not quite."),
        "choose": N_("Choose an answer first."),
        "number": N_("Enter a number first."),
        "missing": N_("Some correct options are not selected yet."),
        "too_high": N_("Too high."),
        "too_low": N_("Too low."),
        "in_place": N_("{k} of {n} items are in the right place."),
        "try_again": N_(
            "Try again: the answer, explanation and source appear after a correct answer or a second wrong one."
        ),
        "answer": N_("Answer: "),
        "explanation": N_("Explanation: "),
        "source": N_("Source: "),
        "score": N_("{right} of {total} correct, {first} at the first attempt"),
        "all_checked": N_(" (all questions checked)"),
        "no_storage": N_(
            "This browser does not let the page save your answers: the quiz works, but your answers are lost "
            "when you leave or reload the page."
        ),
        "run_chapter": N_(" Run the chapter: "),
    },
}


def messages() -> dict[str, str]:
    """The grading messages in the current language (`i18n`)."""
    return {key: _(text) for key, text in RULES["messages"].items()}


def rules() -> dict[str, Any]:
    """The grading rules with their messages in the current language, as the page key carries them."""
    return {**RULES, "messages": messages()}


def _rng(question) -> random.Random:
    """A generator seeded by the question id and the course salt: the same in every process."""
    seed = hashlib.sha256(f"{SALT}:{question.id}".encode()).hexdigest()
    return random.Random(int(seed, 16))


def _shuffled(question, size: int) -> list[int]:
    order = list(range(size))
    _rng(question).shuffle(order)
    return order[1:] + order[:1] if order == sorted(order) else order


def option_order(question) -> list[int]:
    """The order in which a choice question's options are shown (indices into the file's list).

    True/false questions keep their natural order, True first."""
    if question.type == "true_false":
        return sorted(range(2), key=lambda i: question.options[i].text != "True")
    return _shuffled(question, len(question.options))


def display_order(question: Ordering) -> list[int]:
    """The order in which an ordering question's items are shown (never the answer itself)."""
    return _shuffled(question, len(question.items))


def is_multi(question) -> bool:
    return question.type == "multiple" or getattr(question, "select", "") == "multiple"


def answer_text(question) -> str:
    """The correct answer in words, shown when the answer is revealed."""
    if isinstance(question, Numeric):
        unit = f" {question.unit}" if question.unit else ""
        return f"{question.answer:g}{unit}" + (f" (± {question.tolerance:g})" if question.tolerance else "")
    if isinstance(question, Ordering):
        return " > ".join(question.items)
    return "; ".join(option_text(question, i) for i, o in enumerate(question.options) if o.correct)


@dataclass
class Result:
    correct: bool
    lines: list[str]  # what is right or wrong about this answer
    reveal: bool  # show the answer, the explanation and the source


def grade(question, answer, attempt: int) -> Result:
    """Grade the `attempt`-th (1, 2, ...) answer: option index(es), a number, or positions."""
    text = messages()
    if isinstance(question, Numeric):
        correct = abs(answer - question.answer) <= question.tolerance + RULES["slack"]
        lines = [] if correct else [text["too_high"] if answer > question.answer else text["too_low"]]
    elif isinstance(question, Ordering):
        in_place = sum(p == i + 1 for i, p in enumerate(answer))
        correct = in_place == len(question.items)
        lines = [] if correct else [text["in_place"].format(k=in_place, n=len(question.items))]
    else:
        chosen = sorted(answer) if is_multi(question) else [answer]
        right = [i for i, o in enumerate(question.options) if o.correct]
        correct = chosen == right
        shown = chosen if correct else [i for i in chosen if not question.options[i].correct]
        lines = [question.options[i].feedback for i in shown]
        if is_multi(question) and not correct and set(chosen) < set(right):
            lines.append(text["missing"])
    reveal = correct or attempt >= RULES["reveal_after_wrong"]
    if isinstance(question, Ordering) and reveal:
        lines.append(question.feedback)
    if not reveal:
        lines.append(text["try_again"])
    return Result(correct, lines, reveal)


def score_text(right: int, total: int, first: int, done: bool = False) -> str:
    """The running score under a quiz."""
    text = messages()
    return text["score"].format(right=right, total=total, first=first) + (text["all_checked"] if done else "")


def _question_key(question) -> dict:
    """What quiz.js needs to grade and explain one question."""
    label, url = source_link(question.source)
    key = {
        "type": question.type,
        "explanation": question.explanation,
        "source": [label, url],
        "answer_text": answer_text(question),
    }
    if isinstance(question, Numeric):
        key.update(answer=question.answer, tolerance=question.tolerance)
    elif isinstance(question, Ordering):
        key.update(size=len(question.items), feedback=question.feedback)
    else:
        key.update(
            correct=[o.correct for o in question.options],
            feedback=[o.feedback for o in question.options],
            multi=is_multi(question),
        )
    return key


def page_key(quiz: Quiz) -> dict:
    """The rules and every question's key, serialized into the page for quiz.js."""
    return {"rules": rules(), "questions": [_question_key(q) for q in quiz.questions]}
