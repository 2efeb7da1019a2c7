"""The grading rules' shared table (quiz_fixtures/grading/cases.yaml) against the live widgets;
tests/browser/test_quiz_grading_pages.py runs the same table against quiz.js in the book."""

import html
import re

import ipywidgets as w
import pytest
from grading_table import CASES, QUIZ, check_feedback

from shared_future.quiz.widgets import LiveQuiz


def answer_live(item, answer) -> None:
    q = item.question
    if q.type == "numeric":
        item.inputs[0].value = str(answer)
    elif q.type == "ordering":
        for box, index in zip(item.inputs, item.order):
            box.value = answer.index(q.items[index]) + 1
    elif isinstance(item.inputs[0], w.Checkbox):
        for box, index in zip(item.inputs, item.order):
            box.value = q.options[index].text in answer
    else:
        item.inputs[0].value = next(i for i, o in enumerate(q.options) if o.text == answer[0])


def shown_text(feedback_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", feedback_html))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_grading_table_in_the_widgets(case, tmp_path, monkeypatch):
    monkeypatch.setenv("SHARED_FUTURE_PROGRESS", str(tmp_path / "progress.json"))
    live = LiveQuiz(QUIZ)
    item = next(i for i in live.questions if i.question.id == case["question"])
    for number, attempt in enumerate(case["attempts"], 1):
        answer_live(item, attempt["answer"])
        item.check.click()
        check_feedback(case, number, " ".join(shown_text(item.feedback.value).split()))
