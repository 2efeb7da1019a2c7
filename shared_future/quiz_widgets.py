"""Live quiz renderer (ipywidgets) and the display object that `quiz()` returns.

The display object's mimebundle holds the self-contained HTML quiz (`quiz_html`), which the
built book shows, and, in a kernel started by a Jupyter server (JupyterLab, Notebook,
Binder: `JPY_SESSION_NAME` is set), a live widget view. Widgets are created only there, so a
book build (nbclient, no server) records no widget state and its pages load no widget runtime.
Answers checked in the live view are saved with `progress.record`.
"""
from __future__ import annotations

import os

import ipywidgets as w

from . import progress
from .quiz import Numeric, Ordering, Quiz, display_order, source_link
from .escaping import html_link, html_text
from .quiz_html import render

CHOOSE = "Choose an answer first."


def is_multi(question) -> bool:
    return question.type == "multiple" or getattr(question, "select", "") == "multiple"


def grade(question, answer) -> tuple[bool, list[str]]:
    """(correct, feedback lines) for an answer: option index(es), a number, or positions."""
    if isinstance(question, Numeric):
        return abs(answer - question.answer) <= question.tolerance + 1e-9, []
    if isinstance(question, Ordering):
        return list(answer) == list(range(1, len(question.items) + 1)), [question.feedback]
    chosen = sorted(answer) if is_multi(question) else [answer]
    right = [i for i, o in enumerate(question.options) if o.correct]
    lines = [question.options[i].feedback for i in chosen]
    if is_multi(question) and set(chosen) < set(right):
        lines.append("Some correct options are not selected yet.")
    return chosen == right, lines


def feedback_html(question, correct: bool, lines: list[str]) -> str:
    """The verdict in words, the feedback, the explanation and the source, all escaped."""
    label, url = source_link(question.source)
    parts = [f"<strong>{'Correct.' if correct else 'Not quite.'}</strong>"]
    parts += [html_text(line) for line in lines]
    parts.append(f"<em>Explanation:</em> {html_text(question.explanation)}")
    parts.append(f"<em>Source:</em> {html_link(url, label) or html_text(label)}")
    return "<br>".join(parts)


class LiveQuestion:
    """One question: its input widgets, a Check button and a feedback area."""

    def __init__(self, number: int, question, on_result):
        self.question, self.on_result = question, on_result
        self.feedback = w.HTML()
        self.check = w.Button(description="Check", tooltip=f"Check question {number}")
        self.check.on_click(lambda _: self.check_answer())
        prompt = f"<b>{number}. {html_text(question.prompt)}</b>"
        if getattr(question, "refers_to", None):
            prompt += f"<br><i>About: {html_text(question.refers_to)}</i>"
        self.inputs = self._inputs()
        self.box = w.VBox([w.HTML(prompt), *self.inputs, self.check, self.feedback])

    def _inputs(self) -> list[w.Widget]:
        q = self.question
        if isinstance(q, Numeric):
            return [w.Text(placeholder=f"a number{f' ({q.unit})' if q.unit else ''}", description="Answer")]
        if isinstance(q, Ordering):
            self.order = display_order(q)
            choices = [("–", 0)] + [(str(n), n) for n in range(1, len(q.items) + 1)]
            return [w.Dropdown(options=choices, value=0, description=f"{q.items[i]}",
                               style={"description_width": "initial"}) for i in self.order]
        if is_multi(q):
            return [w.Checkbox(value=False, description=o.text, indent=False) for o in q.options]
        return [w.RadioButtons(options=[(o.text, i) for i, o in enumerate(q.options)], value=None)]

    def answer(self):
        """The current answer, or None when the question is not answered."""
        q = self.question
        if isinstance(q, Numeric):
            try:
                return float(self.inputs[0].value.replace(",", "."))
            except ValueError:
                return None
        if isinstance(q, Ordering):
            positions = [0] * len(q.items)
            for item, box in zip(self.order, self.inputs):
                positions[item] = box.value
            return positions if 0 not in positions else None
        if is_multi(q):
            chosen = [i for i, box in enumerate(self.inputs) if box.value]
            return chosen or None
        return self.inputs[0].value

    def readable(self, answer) -> str:
        q = self.question
        if isinstance(q, Numeric):
            return f"{answer:g}"
        if isinstance(q, Ordering):
            return " > ".join(q.items[i] for i in sorted(range(len(answer)), key=answer.__getitem__))
        return "; ".join(q.options[i].text for i in (answer if is_multi(q) else [answer]))

    def check_answer(self) -> None:
        answer = self.answer()
        if answer is None:
            self.feedback.value = CHOOSE
            return
        correct, lines = grade(self.question, answer)
        self.feedback.value = feedback_html(self.question, correct, lines)
        self.on_result(self, correct, self.readable(answer))

    def reset(self) -> None:
        for box in self.inputs:
            box.value = {w.Text: "", w.Checkbox: False, w.Dropdown: 0}.get(type(box))
        self.feedback.value = ""


class LiveQuiz:
    """The whole quiz as widgets, with a running score and a Start again button."""

    def __init__(self, quiz: Quiz):
        self.quiz, self.results = quiz, {}
        self.questions = [LiveQuestion(n, q, self._result) for n, q in enumerate(quiz.questions, 1)]
        self.score = w.HTML()
        self.retry = w.Button(description="Start again")
        self.retry.on_click(lambda _: self.reset())
        self.view = w.VBox([w.HTML(f"<h3>{html_text(quiz.title)}</h3>"),
                            *(q.box for q in self.questions), self.score, self.retry])
        self._show_score()

    def _result(self, item: LiveQuestion, correct: bool, answer: str) -> None:
        self.results[item.question.id] = correct
        progress.record(self.quiz.chapter, item.question.id, answer, correct)
        self._show_score()

    def _show_score(self) -> None:
        done = len(self.results) == len(self.questions)
        self.score.value = (f"<b>{sum(self.results.values())} of {len(self.questions)} correct</b>"
                            + (" (all questions checked)" if done else ""))

    def reset(self) -> None:
        self.results.clear()
        for item in self.questions:
            item.reset()
        self._show_score()


class QuizDisplay:
    """What `quiz()` returns: HTML for the book, plus a live view under a Jupyter server."""

    def __init__(self, quiz: Quiz, live: bool | None = None):
        self.quiz = quiz
        self.live = bool(os.environ.get("JPY_SESSION_NAME")) if live is None else live
        self._widgets = None

    @property
    def widgets(self) -> LiveQuiz:
        if self._widgets is None:
            self._widgets = LiveQuiz(self.quiz)
        return self._widgets

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": f"Quiz: {self.quiz.title} ({len(self.quiz.questions)} questions)",
                  "text/html": render(self.quiz)}
        if self.live:
            view = self.widgets.view._repr_mimebundle_()
            bundle["application/vnd.jupyter.widget-view+json"] = view["application/vnd.jupyter.widget-view+json"]
        return bundle
