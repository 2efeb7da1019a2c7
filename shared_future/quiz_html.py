"""Static quiz renderer: one self-contained HTML fragment (markup, CSS and JS inlined).

Works in the built book with no kernel and no network, at any folder depth. Every text from
YAML is HTML-escaped; the answer key travels as JSON in a <script type="application/json">
with <, > and & escaped, and the script (static/quiz.js) writes feedback with textContent.
Ids are unique per rendering, so several quizzes can share a page.
"""
from __future__ import annotations

import itertools
from pathlib import Path

from .escaping import html_text as escape, json_for_script
from .quiz import Numeric, Ordering, Quiz, display_order, source_link

STATIC = Path(__file__).resolve().parent / "static"
_counter = itertools.count(1)


def _key(question) -> dict:
    """What the script needs to grade and explain one question."""
    label, url = source_link(question.source)
    key = {"type": question.type, "explanation": question.explanation, "source": [label, url]}
    if isinstance(question, Numeric):
        key.update(answer=question.answer, tolerance=question.tolerance)
    elif isinstance(question, Ordering):
        key.update(size=len(question.items), feedback=question.feedback)
    else:
        key.update(correct=[o.correct for o in question.options],
                   feedback=[o.feedback for o in question.options],
                   multi=question.type == "multiple" or getattr(question, "select", "") == "multiple")
    return key


def _inputs(uid: str, question) -> str:
    """The input controls of one question, each with its <label>."""
    if isinstance(question, Numeric):
        unit = f" ({escape(question.unit)})" if question.unit else ""
        return (f'<label for="{uid}-n">Your answer{unit}</label> '
                f'<input type="number" step="any" id="{uid}-n" class="sfq-number">')
    if isinstance(question, Ordering):
        size = len(question.items)
        options = '<option value="">choose</option>' + "".join(
            f'<option value="{n}">{n}</option>' for n in range(1, size + 1))
        rows = "".join(
            f'<div class="sfq-row"><select id="{uid}-i{i}" data-item="{i}">{options}</select> '
            f'<label for="{uid}-i{i}">{escape(question.items[i])}</label></div>'
            for i in display_order(question))
        return f'<p class="sfq-hint">Give each item its position, from 1 (first) to {size} (last).</p>{rows}'
    kind = "checkbox" if _key(question)["multi"] else "radio"
    return "".join(
        f'<div class="sfq-row"><input type="{kind}" name="{uid}" id="{uid}-o{i}" value="{i}"> '
        f'<label for="{uid}-o{i}">{escape(o.text)}</label></div>'
        for i, o in enumerate(question.options))


def _question(uid: str, number: int, question) -> str:
    about = (f'<p class="sfq-about">About: {escape(question.refers_to)}</p>'
             if getattr(question, "refers_to", None) else "")
    return (f'<fieldset class="sfq-question" id="{uid}" data-qid="{escape(question.id)}">'
            f"<legend>{number}. {escape(question.prompt)}</legend>{about}{_inputs(uid, question)}"
            f'<button type="button" class="sfq-check">Check</button>'
            f'<div class="sfq-feedback" aria-live="polite"></div></fieldset>')


def render(quiz: Quiz) -> str:
    """The quiz as one HTML fragment."""
    root = f"sfq-{quiz.chapter}-{next(_counter)}"
    questions = "".join(_question(f"{root}-q{n}", n, q) for n, q in enumerate(quiz.questions, 1))
    key = json_for_script([_key(q) for q in quiz.questions])
    css = (STATIC / "quiz.css").read_text(encoding="utf-8")
    js = (STATIC / "quiz.js").read_text(encoding="utf-8")
    return (f'<div class="sfq" id="{root}" data-chapter="{escape(quiz.chapter)}"><style>{css}</style>'
            f'<p class="sfq-title"><strong>{escape(quiz.title)}</strong></p>{questions}'
            f'<p class="sfq-score" aria-live="polite">0 of {len(quiz.questions)} correct</p>'
            f'<button type="button" class="sfq-retry">Start again</button>'
            f'<script type="application/json" class="sfq-key">{key}</script>'
            f"<script>{js}</script></div>")
