"""The live (ipywidgets) quiz, the display object, and hostile text in both renderers."""

import json
import re
from pathlib import Path

import ipywidgets as w
import pytest

from shared_future import progress
from shared_future.quiz import load_quiz, quiz, read_quiz
from shared_future.quiz.html import render
from shared_future.quiz.widgets import LiveQuiz

HOSTILE = Path(__file__).resolve().parent / "quiz_fixtures" / "hostile" / "hostile.yaml"


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """Progress goes to a temporary file, for a known student."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv("SHARED_FUTURE_PROGRESS", str(path))
    monkeypatch.setenv("SHARED_FUTURE_STUDENT", "ana")
    return path


def by_type(live, kind):
    return next(item for item in live.questions if item.question.type == kind)


def test_right_and_wrong_answers_give_feedback_score_and_progress(saved):
    live = LiveQuiz(load_quiz("what_is_it"))
    total = len(live.questions)
    assert live.score.value == f"<b>0 of {total} correct, 0 at the first attempt</b>"

    single = by_type(live, "single")
    right = next(i for i, o in enumerate(single.question.options) if o.correct)
    single.inputs[0].value = right
    single.check.click()
    assert single.feedback.value.startswith("<strong>Correct.</strong>")
    assert "Explanation:" in single.feedback.value and "Source:" in single.feedback.value

    tf = by_type(live, "true_false")
    tf.inputs[0].value = next(i for i, o in enumerate(tf.question.options) if not o.correct)
    tf.check.click()
    assert tf.feedback.value.startswith("<strong>Not quite.</strong>")
    assert "Explanation:" not in tf.feedback.value and "Source:" not in tf.feedback.value  # first wrong attempt
    assert "Try again" in tf.feedback.value
    assert live.score.value == f"<b>1 of {total} correct, 1 at the first attempt</b>"

    students = json.loads(saved.read_text())["students"]
    answers = students["ana"]["what_is_it"]
    assert answers[single.question.id]["correct"] is True
    assert answers[single.question.id]["answer"] == single.question.options[right].text
    assert answers[tf.question.id]["correct"] is False

    tf.inputs[0].value = next(i for i, o in enumerate(tf.question.options) if o.correct)
    tf.check.click()  # right at the second attempt: correct eventually, not first time
    assert "Explanation:" in tf.feedback.value and "Source:" in tf.feedback.value
    assert live.score.value == f"<b>2 of {total} correct, 1 at the first attempt</b>"
    entry = json.loads(saved.read_text())["students"]["ana"]["what_is_it"][tf.question.id]
    assert [a["correct"] for a in entry["attempts"]] == [False, True] and entry["first_known"] is True
    live.retry.click()
    assert live.score.value == f"<b>0 of {total} correct, 1 at the first attempt</b>" and tf.feedback.value == ""
    assert tf.inputs[0].value is None


def test_two_wrong_attempts_reveal_the_answer(saved):
    live = LiveQuiz(load_quiz("what_is_it"))
    single = by_type(live, "single")
    wrong = [i for i, o in enumerate(single.question.options) if not o.correct]
    right_text = next(o.text for o in single.question.options if o.correct)
    single.inputs[0].value = wrong[0]
    single.check.click()
    assert right_text not in single.feedback.value and "Explanation:" not in single.feedback.value
    single.inputs[0].value = wrong[-1]
    single.check.click()
    assert f"Answer: {right_text}" in single.feedback.value and "Explanation:" in single.feedback.value


def test_every_question_type_can_be_answered_right(saved):
    live = LiveQuiz(load_quiz("what_is_it"))
    for item in live.questions:
        q = item.question
        if q.type == "numeric":
            item.inputs[0].value = str(q.answer + q.tolerance / 2)
        elif q.type == "ordering":
            for box, index in zip(item.inputs, item.order):
                box.value = index + 1
        elif isinstance(item.inputs[0], w.Checkbox):
            for box, index in zip(item.inputs, item.order):
                box.value = q.options[index].correct
        else:
            item.inputs[0].value = next(i for i, o in enumerate(q.options) if o.correct)
        item.check.click()
        assert item.feedback.value.startswith("<strong>Correct.</strong>"), q.id
    n = len(live.questions)
    assert live.score.value.startswith(f"<b>{n} of {n} correct, {n} at the first attempt</b>")
    assert progress.show_progress().loc["what_is_it"].to_dict() == {
        "answered": len(live.questions),
        "correct": len(live.questions),
    }


def test_partial_multiple_and_unanswered_questions(saved):
    live = LiveQuiz(load_quiz("what_is_it"))
    multiple = by_type(live, "multiple")
    multiple.check.click()
    assert multiple.feedback.value == "Choose an answer first." and not saved.exists()
    multiple.inputs[0].value = True
    multiple.check.click()
    assert "Not quite." in multiple.feedback.value and "not selected yet" in multiple.feedback.value
    numeric = by_type(live, "numeric")
    numeric.inputs[0].value = "not a number"
    numeric.check.click()
    assert numeric.feedback.value == "Enter a number first."


def test_display_object_carries_widgets_only_when_live(monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    static = quiz("what_is_it")._repr_mimebundle_()
    assert set(static) == {"text/plain", "text/html"}
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/student/01_what_is_it.ipynb")
    live = quiz("what_is_it")._repr_mimebundle_()
    assert {"text/html", "application/vnd.jupyter.widget-view+json"} <= set(live)
    assert quiz("what_is_it", live=False)._repr_mimebundle_().keys() == static.keys()


def test_corrupt_progress_file_is_kept_aside(saved):
    saved.write_text("{not json")
    with pytest.warns(UserWarning, match="unreadable"):
        progress.record("what_is_it", "what-is-it-1", "x", True)
    aside = list(saved.parent.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text() == "{not json"
    assert json.loads(saved.read_text())["students"]["ana"]["what_is_it"]["what-is-it-1"]["correct"]


def test_hostile_text_stays_text_in_widgets(saved):
    live = LiveQuiz(read_quiz(HOSTILE))
    item = live.questions[0]
    item.inputs[0].value = 0
    item.check.click()
    for html_widget in (live.view.children[0], item.box.children[0], item.feedback):
        assert not re.search(r"<(script|img|/div|/fieldset|/p)\b", html_widget.value), html_widget.value
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in item.feedback.value
    assert "<img src=x onerror=alert(2)>" in [label for label, _ in item.inputs[0].options]  # plain text


def test_hostile_text_stays_text_in_the_static_html():
    html = render(read_quiz(HOSTILE))
    assert html.count("<script") == 2 and html.count("</script>") == 2  # the key and the code
    assert not re.search(r"<(img|i|b)\b|onmouseover=\"", html)  # no tag, no attribute breaks out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    key = re.search(r'<script type="application/json" class="sfq-key">(.*?)</script>', html, re.S).group(1)
    assert (
        "<" not in key and json.loads(key)["questions"][0]["feedback"][0] == "right </script><script>alert(3)</script>"
    )


def test_each_rendering_has_its_own_ids():
    first, second = (render(load_quiz("what_is_it")) for _ in range(2))
    ids = re.findall(r' id="([^"]+)"', first + second)
    assert len(ids) == len(set(ids))
