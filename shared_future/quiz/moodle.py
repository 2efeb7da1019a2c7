"""A chapter quiz as a Moodle XML question file (core Moodle imports Moodle XML, not QTI).

One category per chapter (`$course$/top/<course>/<quiz title>`), then every question with its
course id as `idnumber`, the options' feedback, a general feedback with the explanation and
the source, and the hint. The question types map to Moodle types:

- single, data (select single): `multichoice`, one answer;
- multiple, data (select multiple): `multichoice`, several answers: each right option gives
  100/k %, each wrong one takes 100/k % (Moodle grades partial answers, the course does not);
- true_false: `truefalse`;
- numeric: `numerical` with the tolerance (the unit is written in the question text);
- ordering: `ordering` (core from Moodle 4.4), graded all or nothing.

Options are written in the course's fixed shuffle (`option_order`) with shuffling off and
lettered A, B, C as in the answer keys. Moodle shuffles the items of an ordering question
itself. Texts are HTML strings in Moodle XML: each is escaped with `escaping.html_text`, then
xml.etree escapes the HTML for the XML file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..escaping import html_link, html_text
from .grading import RULES, is_multi, option_order
from .model import Numeric, Ordering, Quiz, TrueFalse, source_link
from .qti import el, to_bytes

__all__ = ["question_xml", "quiz_xml"]

COURSE = "A Community of Shared Future"
TEXT = RULES["messages"]


def _html(parent: ET.Element, tag: str, html: str, **attrs: str) -> ET.Element:
    """A Moodle text field holding HTML."""
    field = el(parent, tag, format="html", **attrs)
    el(field, "text", html)
    return field


def question_html(question) -> str:
    """The question text as HTML: the prompt, what it refers to, the unit or the data file."""
    parts = [f'<p class="prompt">{html_text(question.prompt)}</p>']
    if getattr(question, "refers_to", None):
        parts.append(f"<p>About: {html_text(question.refers_to)}</p>")
    if isinstance(question, Numeric) and question.unit:
        parts.append(f"<p>Answer in: {html_text(question.unit)}</p>")
    if getattr(question, "data", None):
        parts.append(f"<p>Data file: {html_text(question.data)} (the course's data folder)</p>")
    return "".join(parts)


def general_feedback(question) -> str:
    label, url = source_link(question.source)
    source = html_link(url, label) if url else html_text(label)
    extra = f"<p>{html_text(question.feedback)}</p>" if isinstance(question, Ordering) else ""
    return (
        f"{extra}<p>{html_text(TEXT['explanation'] + question.explanation)}</p>"
        f"<p>{html_text(TEXT['source'])} {source}</p>"
    )


def fraction(value: float) -> str:
    """Moodle's grade fractions: '100', '50', '33.33333'."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.5f}"


def _choices(element: ET.Element, question) -> None:
    multi = is_multi(question)
    right = sum(o.correct for o in question.options)
    el(element, "single", "false" if multi else "true")
    el(element, "shuffleanswers", "0")
    el(element, "answernumbering", "ABCD")
    for index in option_order(question):
        option = question.options[index]
        if multi:
            value = fraction(100 / right) if option.correct else "-" + fraction(100 / right)
        else:
            value = "100" if option.correct else "0"
        answer = _html(element, "answer", html_text(option.text), fraction=value)
        _html(answer, "feedback", html_text(option.feedback))


def _true_false(element: ET.Element, question: TrueFalse) -> None:
    for index in option_order(question):
        option = question.options[index]
        answer = el(element, "answer", fraction="100" if option.correct else "0", format="moodle_auto_format")
        el(answer, "text", option.text.lower())
        _html(answer, "feedback", html_text(option.feedback))


def _numerical(element: ET.Element, question: Numeric) -> None:
    answer = el(element, "answer", fraction="100", format="moodle_auto_format")
    el(answer, "text", repr(question.answer))
    el(answer, "tolerance", repr(question.tolerance))
    _html(answer, "feedback", html_text(TEXT["correct"]))


def _ordering(element: ET.Element, question: Ordering) -> None:
    for tag, value in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", "0"),
        ("gradingtype", "ALL_OR_NOTHING"),
        ("showgrading", "SHOW"),
        ("numberingstyle", "none"),
    ):
        el(element, tag, value)
    for position, item in enumerate(question.items, 1):  # in the right order, as Moodle stores it
        _html(element, "answer", html_text(item), fraction=str(position))


MOODLE_TYPE = {
    "single": "multichoice",
    "multiple": "multichoice",
    "data": "multichoice",
    "true_false": "truefalse",
    "numeric": "numerical",
    "ordering": "ordering",
}


def question_xml(parent: ET.Element, number: int, question) -> ET.Element:
    element = el(parent, "question", type=MOODLE_TYPE[question.type])
    el(el(element, "name"), "text", f"{number:02d} {question.id}")
    _html(element, "questiontext", question_html(question))
    _html(element, "generalfeedback", general_feedback(question))
    el(element, "defaultgrade", "1")
    el(element, "penalty", "0.3333333")
    el(element, "hidden", "0")
    el(element, "idnumber", question.id)
    if isinstance(question, Numeric):
        _numerical(element, question)
    elif isinstance(question, Ordering):
        _ordering(element, question)
    elif isinstance(question, TrueFalse):
        _true_false(element, question)
    else:
        _choices(element, question)
    if MOODLE_TYPE[question.type] in ("multichoice", "ordering"):
        _html(element, "correctfeedback", html_text(TEXT["correct"]))
        _html(element, "partiallycorrectfeedback", html_text(TEXT["wrong"]))
        _html(element, "incorrectfeedback", html_text(TEXT["wrong"]))
    if question.hint:
        _html(element, "hint", html_text(question.hint))
    return element


def quiz_xml(quiz: Quiz) -> bytes:
    """The chapter's question file."""
    root = ET.Element("quiz")
    category = el(root, "question", type="category")
    el(el(category, "category"), "text", f"$course$/top/{COURSE}/{quiz.title.replace('/', '-')}")
    for number, question in enumerate(quiz.questions, 1):
        question_xml(root, number, question)
    return to_bytes(root)
