"""A quiz in another language: its text from the catalog `data/locale/<locale>/LC_MESSAGES/quizzes/<quiz>.po`.

`quiz_messages` lists what a catalog holds (msgctxt `title` or `<question id>.<field path>`,
list items counted from 0; see `shared_future.catalogs`); `translated_quiz` returns the quiz
with every text that has a translation for exactly its English replaced, the rest English.
Ids, types, answers and sources stay as they are, so grading, option order and saved progress
are the same in every language. The 'True' and 'False' of true/false questions are labels of
the package's catalog (`option_text`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import N_, _, content, translate
from .model import Option, Quiz, TrueFalse

__all__ = ["TRUE_FALSE", "option_text", "quiz_messages", "translated_quiz"]


def _option_messages(prefix: str, options: list[Option], with_text: bool) -> Iterator[tuple[str, str]]:
    for number, option in enumerate(options):
        if with_text:
            yield f"{prefix}.options.{number}.text", option.text
        yield f"{prefix}.options.{number}.feedback", option.feedback


def quiz_messages(quiz: Quiz) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every text of a quiz a learner reads, in the file's order."""
    messages = [("title", quiz.title)]
    for question in quiz.questions:
        q = question.id
        messages.append((f"{q}.prompt", question.prompt))
        for field in ("refers_to", "hint", "unit"):
            value = getattr(question, field, None)
            if value:
                messages.append((f"{q}.{field}", value))
        options = getattr(question, "options", None)
        if options:
            messages += _option_messages(q, options, not isinstance(question, TrueFalse))
        messages += [(f"{q}.items.{n}", item) for n, item in enumerate(getattr(question, "items", None) or [])]
        feedback = getattr(question, "feedback", None)  # an ordering question's one feedback
        if feedback:
            messages.append((f"{q}.feedback", feedback))
        messages += [(f"{q}.explanation", question.explanation), (f"{q}.objective", question.objective)]
    return messages


def _replaced(node, path: list[str], value: str):
    """A copy of a model (or list) with the text at `path` replaced; the original is unchanged."""
    head, rest = path[0], path[1:]
    if isinstance(node, list):
        copy = list(node)
        copy[int(head)] = _replaced(node[int(head)], rest, value) if rest else value
        return copy
    return node.model_copy(update={head: _replaced(getattr(node, head), rest, value) if rest else value})


def translated_quiz(quiz: Quiz, lang: str | None = None) -> Quiz:
    """The quiz in `lang` (default: `i18n.resolve`): translated text where the catalog has it."""
    entries = content("quizzes", quiz.chapter, lang)
    if not entries:
        return quiz
    index = {question.id: n for n, question in enumerate(quiz.questions)}
    result = quiz
    for context, english in quiz_messages(quiz):
        text = translate(entries, context, english)
        if text == english:
            continue
        if context == "title":
            result = result.model_copy(update={"title": text})
            continue
        qid, _dot, field = context.partition(".")
        result = _replaced(result, ["questions", str(index[qid]), *field.split(".")], text)
    return result


def option_text(question, number: int) -> str:
    """What an option reads: its text, or for a true/false question the label 'True' or 'False'."""
    text = question.options[number].text
    return _(text) if isinstance(question, TrueFalse) else text


TRUE_FALSE = (N_("True"), N_("False"))  # the texts of true/false options, labels of the package catalog
