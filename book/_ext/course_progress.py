"""Sphinx extension for what the quizzes give beyond the chapters:

- the book's "Your progress" page, `book/progress.md`, from the quiz files and the course
  outline (`shared_future.quiz.progress_page`): one row per chapter quiz, in course order;
  generated before Sphinx reads the sources, only when an input changed; not committed;
- the LMS question banks (`shared_future.quiz.banks`) in the built site's `quiz-export/`, and
  the list of links to them that the teacher's guide includes (`book/teachers/banks.html`,
  not committed); rewritten only when an input changed.

The Chinese edition writes its own, in Chinese, beside them: `progress.zh_CN.md` and
`banks.zh_CN.html` (read instead of the English by course_variants.py).
"""

from __future__ import annotations

from pathlib import Path

from course_answers import inputs
from course_pages import PACKAGE, build_stamp, fresh, mark_current, mark_fresh, up_to_date, write_if_changed

from shared_future.i18n import from_locale, variant_path


def progress_rows(lang: str = "en"):
    """One row per chapter quiz, in course order, linking the chapter's page (titles in `lang`)."""
    from shared_future.catalogs import translated_frame
    from shared_future.data import load
    from shared_future.quiz import check_all
    from shared_future.quiz.progress_page import ChapterRow

    outline = {
        row.notebook.split("_", 1)[1]: (int(row.chapter), row.title, row.notebook)
        for row in translated_frame("course_outline", load("course_outline"), lang).itertuples()
    }
    rows = []
    for name, quiz in check_all().items():
        number, title, notebook = outline.get(name, (0, quiz.title, ""))
        href = f"../notebooks/{notebook}.html" if notebook else "#"
        rows.append((number, ChapterRow(name, title, href, len(quiz.questions))))
    return [row for _, row in sorted(rows, key=lambda item: item[0])]


def write_pages(page: Path, banks: Path, lang: str) -> None:
    """The progress page and the list of question banks in `lang`, at `page` and `banks`."""
    from shared_future.quiz.progress_page import bank_links, page_markdown

    rows = progress_rows(lang)
    write_if_changed(page, page_markdown(rows, lang))
    write_if_changed(banks, bank_links(rows, "../../quiz-export/", lang))


def generate_progress_page(app, config) -> None:
    lang = from_locale(config.language)
    english = [Path(app.srcdir) / "book" / "progress.md", Path(app.srcdir) / "book" / "teachers" / "banks.html"]
    page, banks = (variant_path(path, lang) for path in english)
    sources = [
        *inputs(app, lang),
        *(PACKAGE / "static").glob("quiz*.js"),
        PACKAGE / "static" / "quiz.css",
        Path(__file__),
    ]
    stamp = build_stamp(app, "progress")
    if not fresh([page, banks], sources, stamp):
        write_pages(page, banks, lang)
        mark_fresh(stamp)
    if not all(path.exists() for path in english):  # Sphinx finds the page by its English file
        write_pages(*english, "en")


def write_question_banks(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir) / "quiz-export"
    existing = list(out.glob("*-qti21.zip")) + list(out.glob("*-moodle.xml"))
    if not up_to_date(existing, [*inputs(app), Path(__file__)]):
        from shared_future.quiz.banks import write_banks

        mark_current(write_banks(out))


def setup(app):
    app.connect("config-inited", generate_progress_page)
    app.connect("build-finished", write_question_banks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
