"""The "Your progress" page of the book: every chapter's quiz score from the reader's browser.

The page is MyST with one raw HTML block: a table with a row per chapter (filled in by
static/quiz-progress.js from localStorage, "No attempts yet" until then), the student's name,
"Export for my teacher" (the CSV `python -m shared_future.classroom merge` reads) and "Clear
my answers". Both scripts are inlined, so the page works from file:// and offline. Every text
from the course files is escaped (`escaping.html_text`). The page is written whole in one
language, its prose too: each edition of the book has its own (book/_ext/course_progress.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..escaping import html_text as escape
from ..escaping import json_for_script
from ..i18n import N_, _, language
from ..paths import page_text

__all__ = ["ChapterRow", "bank_links", "page_markdown"]

SCRIPTS = ("quiz-store.js", "quiz-progress.js")
# What quiz-progress.js writes, in the page's language ({placeholders} filled in by the script).
SCRIPT_TEXT = {
    "none": N_("No attempts yet"),
    "score": N_("{right} of {total}"),
    "answered": N_(" ({answered} answered)"),
    "no_storage": N_(
        "This browser does not let the course save anything (a private window, or a setting): the quizzes work, "
        "but no answers are kept, so there is nothing to show or export."
    ),
    "name_first": N_("Type your name first: your teacher's table needs it."),
    "nothing": N_("There is nothing to export yet: answer a chapter quiz first."),
    "saved": N_("Saved {file} ({count} attempts): hand this file to your teacher."),
    "confirm": N_("Delete every saved quiz answer of every chapter from this browser? This cannot be undone."),
    "kept": N_("Nothing was deleted."),
    "cleared": N_("Your saved answers are deleted from this browser."),
    "no_answers": N_("There were no saved answers."),
}


@dataclass
class ChapterRow:
    chapter: str  # the quiz's chapter name, the key of its saved attempts
    title: str
    href: str  # the chapter page, relative to the progress page
    questions: int


def _row(row: ChapterRow) -> str:
    cells = f'<td class="sfp-score">{escape(_(SCRIPT_TEXT["none"]))}</td><td class="sfp-first"></td>'
    return (
        f'<tr data-chapter="{escape(row.chapter)}" data-total="{row.questions}">'
        f'<th scope="row"><a href="{escape(row.href)}">{escape(row.title)}</a></th>{cells}</tr>'
    )


def progress_html(rows: list[ChapterRow], lang: str | None = None) -> str:
    """The interactive part of the page: the table, the name, the buttons and the scripts, in
    `lang` ('en' or 'zh'; default $SHARED_FUTURE_LANG). The exported CSV is the same in every
    language: its column names are the machine-readable ones of `progress.EXPORT_COLUMNS`."""
    with language(lang):
        return _progress_html(rows)


def _progress_html(rows: list[ChapterRow]) -> str:
    text = {key: _(message) for key, message in SCRIPT_TEXT.items()}
    js = "\n".join(page_text(name) for name in SCRIPTS)
    css = page_text("quiz.css")
    return (
        f'<div class="sfp" id="sf-progress"><style>{css}</style>'
        '<p class="sfq-note sfp-note" role="status" hidden></p>'
        '<div class="sfp-scroll"><table class="sfp-table">'
        f"<caption>{escape(_('Your quiz scores, as saved in this browser'))}</caption>"
        f'<thead><tr><th scope="col">{escape(_("Chapter"))}</th><th scope="col">{escape(_("Score"))}</th>'
        f'<th scope="col">{escape(_("Right at the first attempt"))}</th></tr></thead>'
        f"<tbody>{''.join(map(_row, rows))}</tbody></table></div>"
        f'<p><label for="sfp-name">{escape(_("Your name, as your teacher knows it (kept in this browser):"))}</label> '
        '<input type="text" id="sfp-name" class="sfp-name" autocomplete="name" maxlength="200"></p>'
        f'<p><button type="button" class="sfp-export">{escape(_("Export for my teacher"))}</button> '
        f'<button type="button" class="sfp-clear">{escape(_("Clear my answers"))}</button></p>'
        '<p class="sfp-status" aria-live="polite"></p>'
        f'<script type="application/json" class="sfp-text">{json_for_script(text)}</script>'
        f"<script>{js}</script></div>"
    )


def bank_links(rows: list[ChapterRow], folder: str, lang: str | None = None) -> str:
    """The teacher's guide's list of every chapter's question banks (shared_future.quiz.banks), in
    `lang` (the chapter titles of `rows` are given in it)."""
    with language(lang):
        item = escape(_("{title}: {qti}, {moodle}"))
        qti, moodle = escape(_("QTI 2.1 package")), "Moodle XML"  # a format's name in every language
    items = "".join(
        "<li>"
        + item.format(
            title=escape(row.title),
            qti=f'<a href="{folder}{escape(row.chapter)}-qti21.zip">{qti}</a>',
            moodle=f'<a href="{folder}{escape(row.chapter)}-moodle.xml">{moodle}</a>',
        )
        + "</li>"
        for row in rows
    )
    return f'<ul class="sf-banks">{items}</ul>\n'


# The page's prose, paragraph by paragraph (MyST), translated in the package's catalog.
PROSE = (
    N_(
        "The quizzes at the end of each chapter keep your answers in this browser, so a reload or a later visit "
        "shows them again. This page lists your score in every chapter: how many questions you have answered "
        "right, and how many you got right at the first attempt."
    ),
    N_(
        "**No data leaves your browser.** Nothing is sent to the course or to any server: your answers stay in "
        "this browser's storage on this device. Another browser or device has its own (empty) progress, and a "
        "private window forgets it when it closes."
    ),
    N_(
        "To hand your answers in, type your name and choose *Export for my teacher*: the browser saves a CSV file "
        "(one row per attempt) that you give to your teacher, who merges the class's files as the "
        "[teacher's guide](teachers/lms.md) explains. *Clear my answers* deletes every saved answer of every "
        "chapter from this browser, after asking you to confirm."
    ),
)


def page_markdown(rows: list[ChapterRow], lang: str | None = None) -> str:
    """The whole page in `lang` ('en' or 'zh'; default $SHARED_FUTURE_LANG): its prose and its raw
    HTML block (the chapter titles of `rows` are given in `lang`)."""
    with language(lang):
        prose = [part for paragraph in PROSE for part in (_(paragraph), "")]
        return "\n".join(["# " + _("Your progress"), "", *prose, "```{raw} html", _progress_html(rows), "```", ""])
