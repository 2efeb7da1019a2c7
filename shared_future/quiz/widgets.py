"""Live quiz renderer (ipywidgets) and the display object that `quiz()` returns.

The display object's mimebundle holds the self-contained HTML quiz (`quiz_html`), which the
built book shows, and, in a kernel started by a Jupyter server (JupyterLab, Notebook,
Binder: `JPY_SESSION_NAME` is set), a live widget view. Widgets are created only there, so a
book build (nbclient, no server) records no widget state and its pages load no widget runtime.
Every answer checked in the live view is saved with `progress.record`, graded by the same
rules as the book's (`grading`).
"""

from __future__ import annotations

import os

import ipywidgets as w

from .. import progress
from ..escaping import html_link, html_text
from ..i18n import _, language, resolve
from .grading import Result, answer_text, display_order, grade, is_multi, messages, option_order, score_text
from .html import render
from .model import Numeric, Ordering, Quiz, source_link
from .translation import option_text

__all__ = ["LiveQuestion", "LiveQuiz", "QuizDisplay", "feedback_html"]


def feedback_html(question, result: Result) -> str:
    """The verdict in words and the feedback; once revealed, the answer, explanation and source."""
    TEXT = messages()
    parts = [f"<strong>{html_text(TEXT['correct'] if result.correct else TEXT['wrong'])}</strong>"]
    parts += [html_text(line) for line in result.lines]
    if result.reveal:
        label, url = source_link(question.source)
        if not result.correct:
            parts.append(html_text(TEXT["answer"] + answer_text(question)))
        parts.append(f"<em>{html_text(TEXT['explanation'])}</em>{html_text(question.explanation)}")
        parts.append(f"<em>{html_text(TEXT['source'])}</em>{html_link(url, label) or html_text(label)}")
    return "<br>".join(parts)


class LiveQuestion:
    """One question: its input widgets, a Check button and a feedback area."""

    def __init__(self, number: int, question, on_result, lang: str):
        self.question, self.on_result, self.lang = question, on_result, lang
        self.feedback = w.HTML()
        self.check = w.Button(description=_("Check"), tooltip=_("Check question {number}").format(number=number))
        self.check.on_click(lambda _: self.check_answer())
        prompt = f"<b>{number}. {html_text(question.prompt)}</b>"
        if getattr(question, "refers_to", None):
            prompt += f"<br><i>{html_text(_('About: ') + question.refers_to)}</i>"
        if question.hint:
            prompt += f"<br><i>{html_text(_('Hint: ') + question.hint)}</i>"
        self.attempts = 0
        self.inputs = self._inputs()
        self.box = w.VBox([w.HTML(prompt), *self.inputs, self.check, self.feedback])

    def _inputs(self) -> list[w.Widget]:
        q = self.question
        if isinstance(q, Numeric):
            placeholder = _("a number ({unit})").format(unit=q.unit) if q.unit else _("a number")
            return [w.Text(placeholder=placeholder, description=_("Answer"))]
        if isinstance(q, Ordering):
            self.order = display_order(q)
            choices = [("–", 0)] + [(str(n), n) for n in range(1, len(q.items) + 1)]
            return [
                w.Dropdown(
                    options=choices, value=0, description=f"{q.items[i]}", style={"description_width": "initial"}
                )
                for i in self.order
            ]
        self.order = option_order(q)
        if is_multi(q):
            return [w.Checkbox(value=False, description=option_text(q, i), indent=False) for i in self.order]
        return [w.RadioButtons(options=[(option_text(q, i), i) for i in self.order], value=None)]

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
            chosen = sorted(i for i, box in zip(self.order, self.inputs) if box.value)
            return chosen or None
        return self.inputs[0].value

    def readable(self, answer) -> str:
        q = self.question
        if isinstance(q, Numeric):
            return f"{answer:g}"
        if isinstance(q, Ordering):
            return " > ".join(q.items[i] for i in sorted(range(len(answer)), key=answer.__getitem__))
        return "; ".join(option_text(q, i) for i in (answer if is_multi(q) else [answer]))

    def check_answer(self) -> None:
        with language(self.lang):  # a click comes later, outside the quiz() call
            self._check_answer()

    def _check_answer(self) -> None:
        answer = self.answer()
        if answer is None:
            self.feedback.value = html_text(messages()["number" if isinstance(self.question, Numeric) else "choose"])
            return
        self.attempts += 1
        result = grade(self.question, answer, self.attempts)
        self.feedback.value = feedback_html(self.question, result)
        self.on_result(self, result.correct, self.readable(answer))

    def reset(self) -> None:
        for box in self.inputs:
            box.value = {w.Text: "", w.Checkbox: False, w.Dropdown: 0}.get(type(box))
        self.feedback.value = ""


class LiveQuiz:
    """The whole quiz as widgets, with a running score and a Start again button."""

    def __init__(self, quiz: Quiz, lang: str | None = None):
        self.quiz, self.lang = quiz, resolve(lang)
        self.results: dict[str, bool] = {}
        self.firsts: dict[str, bool] = {}
        self.questions = [LiveQuestion(n, q, self._result, self.lang) for n, q in enumerate(quiz.questions, 1)]
        self.score = w.HTML()
        self.retry = w.Button(description=_("Start again"))
        self.retry.on_click(lambda _: self.reset())
        self.view = w.VBox(
            [w.HTML(f"<h3>{html_text(quiz.title)}</h3>"), *(q.box for q in self.questions), self.score, self.retry]
        )
        self._show_score()

    def _result(self, item: LiveQuestion, correct: bool, answer: str) -> None:
        self.results[item.question.id] = correct
        self.firsts.setdefault(item.question.id, correct)
        progress.record(self.quiz.chapter, item.question.id, answer, correct)
        self._show_score()

    def _show_score(self) -> None:
        with language(self.lang):
            self._write_score()

    def _write_score(self) -> None:
        done = len(self.results) == len(self.questions)
        score = score_text(sum(self.results.values()), len(self.questions), sum(self.firsts.values()))
        self.score.value = f"<b>{html_text(score)}</b>" + (html_text(messages()["all_checked"]) if done else "")

    def reset(self) -> None:
        self.results.clear()
        for item in self.questions:
            item.reset()
        self._show_score()


class QuizDisplay:
    """What `quiz()` returns: HTML for the book, plus a live view under a Jupyter server."""

    def __init__(self, quiz: Quiz, live: bool | None = None, lang: str | None = None):
        self.quiz, self.lang = quiz, resolve(lang)
        self.live = bool(os.environ.get("JPY_SESSION_NAME")) if live is None else live
        self._widgets: LiveQuiz | None = None

    @property
    def widgets(self) -> LiveQuiz:
        if self._widgets is None:
            with language(self.lang):
                self._widgets = LiveQuiz(self.quiz, self.lang)
        return self._widgets

    def _repr_mimebundle_(self, include=None, exclude=None):
        with language(self.lang):
            plain = _("Quiz: {title} ({count} questions)").format(title=self.quiz.title, count=len(self.quiz.questions))
        bundle = {"text/plain": plain, "text/html": render(self.quiz, self.lang)}
        if self.live:
            view = self.widgets.view._repr_mimebundle_()
            bundle["application/vnd.jupyter.widget-view+json"] = view["application/vnd.jupyter.widget-view+json"]
        return bundle
