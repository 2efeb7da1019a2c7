"""The teachers' answer key of a chapter quiz, as a MyST page, in English or Chinese.

Every question with its correct answer, the options in the order students see them
(`option_order`) with their feedback, the explanation, source, objective and level; and the
index page listing the keys. The quiz text comes from the quiz's catalog (`translated_quiz`,
`option_text`), every fixed label from the package's (`i18n._`). Every text from a quiz or a
catalog is escaped for MyST (`escaping.myst_text`), so no markup, role, HTML or substitution in a
quiz or a translation can reach the page. book/_ext/course_answers.py writes the pages.
"""

from __future__ import annotations

from ..escaping import myst_link
from ..escaping import myst_text as text
from ..i18n import N_, _, language
from .grading import option_order
from .model import Option, Quiz, bibliography
from .translation import option_text, translated_quiz

__all__ = ["LEVEL_NAMES", "TYPE_NAMES", "answer_key_markdown", "index_markdown", "short_answer"]

TYPE_NAMES = {
    "single": N_("single choice"),
    "multiple": N_("multiple choice"),
    "true_false": N_("true or false"),
    "numeric": N_("numeric"),
    "ordering": N_("ordering"),
    "data": N_("reading a map or table"),
}
LEVEL_NAMES = {
    "remember": N_("remember"),
    "understand": N_("understand"),
    "apply": N_("apply"),
    "analyse": N_("analyse"),
    "evaluate": N_("evaluate"),
}


def source_markdown(source: str) -> str:
    """A bibliography key as a citation, a URL as a link showing the URL."""
    if source in bibliography():
        return f"{{cite}}`{source}`"
    return myst_link(source, source)


def plain_number(value: float) -> str:
    """2018.0 -> '2018', 1500000.0 -> '1500000', 0.5 -> '0.5'."""
    return str(int(value)) if value.is_integer() else str(value)


def answer_markdown(question) -> list[str]:
    """The lines giving a question's correct answer."""
    if question.type == "numeric":
        unit = f" {text(question.unit)}" if question.unit else ""
        if question.tolerance:
            value = f"{plain_number(question.answer)} ± {plain_number(question.tolerance)}{unit}"
        else:
            value = _("{number} (exact)").format(number=f"{plain_number(question.answer)}{unit}")
        return [_("**Answer:** {answer}").format(answer=value)]
    if question.type == "ordering":
        items = [f"{n}. {text(item)}" for n, item in enumerate(question.items, 1)]
        feedback = _("*Feedback:* {text}").format(text=text(question.feedback))
        return [_("**Answer, in order:**"), "", *items, "", feedback]
    shown = shown_options(question)
    correct = _("; ").join(f"{letter(n)}. {text(reads)}" for n, (reads, option) in enumerate(shown) if option.correct)
    lines = [
        _("**Answer:** {answer}").format(answer=correct),
        "",
        _("Options in the order students see them, with the feedback they get:"),
        "",
    ]
    line = _("{letter}. {option} ({mark}): {feedback}")
    for n, (reads, option) in enumerate(shown):
        mark = f"**{_('correct')}**" if option.correct else _("wrong")
        lines.append(
            "- " + line.format(letter=letter(n), option=text(reads), mark=mark, feedback=text(option.feedback))
        )
    return lines


def shown_options(question) -> list[tuple[str, Option]]:
    """A choice question's options in the order the chapter shows them: (what it reads, the option)."""
    return [(option_text(question, i), question.options[i]) for i in option_order(question)]


def letter(index: int) -> str:
    return chr(ord("A") + index)


def short_answer(question) -> str:
    """The answer in a few characters, for the table at the top of the page."""
    if question.type == "numeric":
        return plain_number(question.answer)
    if question.type == "ordering":
        return _("see below")
    return _(", ").join(letter(n) for n, (_reads, option) in enumerate(shown_options(question)) if option.correct)


def question_markdown(position: int, question) -> list[str]:
    about = (
        [_("*About:* {text}").format(text=text(question.refers_to)), ""] if getattr(question, "refers_to", None) else []
    )
    about += [_("*Hint:* {text}").format(text=text(question.hint)), ""] if question.hint else []
    kind = _("{type}; level: {level}").format(type=_(TYPE_NAMES[question.type]), level=_(LEVEL_NAMES[question.level]))
    return [
        "## " + _("Question {number} ({id})").format(number=position, id=text(question.id)),
        "",
        f"*{kind}*",
        "",
        text(question.prompt),
        "",
        *about,
        *answer_markdown(question),
        "",
        _("**Explanation.** {text}").format(text=text(question.explanation)),
        "",
        _("**Source:** {source}").format(source=source_markdown(question.source)),
        "",
        _("**Objective:** {text}").format(text=text(question.objective)),
        "",
    ]


def answer_key_markdown(quiz: Quiz, chapter_title: str, lang: str = "en") -> str:
    """The answer key page of one chapter quiz, in `lang` ('en' or 'zh'): its text from the quiz's
    catalog, its labels from the package's (`chapter_title` is given in `lang`)."""
    with language(lang):
        return _answer_key_markdown(translated_quiz(quiz), chapter_title)


def _answer_key_markdown(quiz: Quiz, chapter_title: str) -> str:
    about = _(
        "For teachers. Generated from `data/quizzes/{file}` when the book is built; edit the quiz file, "
        "not this page. The quiz in the chapter is titled “{title}”; it has {count} questions."
    )
    columns = [_("Question"), _("Id"), _("Type"), _("Level"), _("Answer")]
    lines = [
        "# " + _("Answer key: {title}").format(title=text(chapter_title)),
        "",
        about.format(file=f"{quiz.chapter}.yaml", title=text(quiz.title), count=len(quiz.questions)),
        "",
        "| " + " | ".join(columns) + " |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {n} | {text(q.id)} | {_(TYPE_NAMES[q.type])} | {_(LEVEL_NAMES[q.level])} | {short_answer(q)} |"
        for n, q in enumerate(quiz.questions, 1)
    ]
    lines.append("")
    for n, question in enumerate(quiz.questions, 1):
        lines += question_markdown(n, question)
    return "\n".join(lines).rstrip() + "\n"


def index_markdown(pages: list[tuple[str, str, int]], lang: str = "en") -> str:
    """The page listing every answer key, in `lang`: (page name, chapter title, number of questions)."""
    with language(lang):
        lines = [
            "# " + _("Answer keys"),
            "",
            _(
                "One page per chapter quiz, with every question, its correct answer, the explanation, the source, "
                "the learning objective and the level (remember, understand, apply, analyse, evaluate). The pages "
                "are generated from the quiz files in `data/quizzes/` each time the book is built, so they always "
                "match what students see. Each page prints cleanly from the browser."
            ),
            "",
        ]
        entry = _("[{title}]({page}): {count} questions")
        lines += [
            f"- {entry.format(title=text(title), page=f'{name}.md', count=count)}" for name, title, count in pages
        ]
    return "\n".join(lines) + "\n"
