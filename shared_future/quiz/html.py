"""Static quiz renderer: one self-contained HTML fragment (markup, CSS and JS inlined).

Works in the built book with no kernel and no network, at any folder depth. Every text from
YAML is HTML-escaped; the answer key travels as JSON in a <script type="application/json">
with <, > and & escaped, and the script (static/quiz.js) writes feedback with textContent.
Ids are unique per rendering, so several quizzes can share a page. In the book, attempts are
kept in the reader's browser (static/quiz-store.js) and the quiz links the "Your progress" page.
"""

from __future__ import annotations

import itertools

from ..escaping import html_text as escape
from ..escaping import json_for_script
from ..i18n import _, language
from ..paths import page_text
from .grading import display_order, is_multi, option_order, page_key, score_text
from .model import Numeric, Ordering, Quiz
from .translation import option_text

__all__ = ["DATA_URL", "SCRIPTS", "render"]

# A data file as seen from a notebook in notebooks/; in the built book quiz.js points the link
# at the copy the book serves in _data/ (book/_ext/course_answers.py), from the page's root.
DATA_URL = "../data/"
# Inlined in this order: the browser storage of attempts (shared with the progress page), the quiz.
SCRIPTS = ("quiz-store.js", "quiz.js")
_counter = itertools.count(1)


def _inputs(uid: str, question) -> str:
    """The input controls of one question, each with its <label>."""
    if isinstance(question, Numeric):
        answer = _("Your answer ({unit})").format(unit=question.unit) if question.unit else _("Your answer")
        return (
            f'<label for="{uid}-n">{escape(answer)}</label> '
            f'<input type="number" step="any" id="{uid}-n" class="sfq-number">'
        )
    if isinstance(question, Ordering):
        size = len(question.items)
        options = f'<option value="">{escape(_("choose"))}</option>' + "".join(
            f'<option value="{n}">{n}</option>' for n in range(1, size + 1)
        )
        rows = "".join(
            f'<div class="sfq-row"><select id="{uid}-i{i}" data-item="{i}">{options}</select> '
            f'<label for="{uid}-i{i}">{escape(question.items[i])}</label></div>'
            for i in display_order(question)
        )
        hint = _("Give each item its position, from 1 (first) to {size} (last).").format(size=size)
        return f'<p class="sfq-hint">{escape(hint)}</p>{rows}'
    kind = "checkbox" if is_multi(question) else "radio"
    return "".join(
        f'<div class="sfq-row"><input type="{kind}" name="{uid}" id="{uid}-o{i}" value="{i}"> '
        f'<label for="{uid}-o{i}">{escape(option_text(question, i))}</label></div>'
        for i in option_order(question)
    )


def _hint(question) -> str:
    """The hint; for a question on a data file, a link to that file as the book serves it."""
    if not question.hint:
        return ""
    link = ""
    if getattr(question, "data", None):
        name = escape(question.data)
        download = escape(_("Download {name}").format(name=question.data))
        link = f' <a class="sfq-data" href="{DATA_URL}{name}" data-file="{name}" download>{download}</a>'
    return f'<p class="sfq-hint">{escape(_("Hint: ") + question.hint)}{link}</p>'


def _question(uid: str, number: int, question) -> str:
    about = (
        f'<p class="sfq-about">{escape(_("About: ") + question.refers_to)}</p>'
        if getattr(question, "refers_to", None)
        else ""
    )
    about += _hint(question)
    return (
        f'<fieldset class="sfq-question" id="{uid}" data-qid="{escape(question.id)}">'
        f"<legend>{number}. {escape(question.prompt)}</legend>{about}{_inputs(uid, question)}"
        f'<button type="button" class="sfq-check">{escape(_("Check"))}</button>'
        f'<div class="sfq-feedback" aria-live="polite"></div></fieldset>'
    )


def render(quiz: Quiz, lang: str | None = None) -> str:
    """The quiz as one HTML fragment, its labels in `lang` (the quiz's text as given: see
    `translation.translated_quiz`)."""
    with language(lang):
        return _render(quiz)


def _render(quiz: Quiz) -> str:
    root = f"sfq-{quiz.chapter}-{next(_counter)}"
    questions = "".join(_question(f"{root}-q{n}", n, q) for n, q in enumerate(quiz.questions, 1))
    key = json_for_script(page_key(quiz))
    before, _link, after = _("Your answers are kept in this browser only: {link}.").partition("{link}")
    css = page_text("quiz.css")
    js = "\n".join(page_text(name) for name in SCRIPTS)
    return (
        f'<div class="sfq" id="{root}" data-chapter="{escape(quiz.chapter)}"><style>{css}</style>'
        f'<p class="sfq-title"><strong>{escape(quiz.title)}</strong></p>'
        f'<p class="sfq-note" role="status" hidden></p>{questions}'
        f'<p class="sfq-score" aria-live="polite">{escape(score_text(0, len(quiz.questions), 0))}</p>'
        f'<button type="button" class="sfq-retry">{escape(_("Start again"))}</button>'
        f'<p class="sfq-progress-link" hidden>{escape(before)}'
        f'<a href="#">{escape(_("see your progress on every chapter, or export it for your teacher"))}</a>'
        f"{escape(after)}</p>"
        f'<script type="application/json" class="sfq-key">{key}</script>'
        f"<script>{js}</script></div>"
    )
