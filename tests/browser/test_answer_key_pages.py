"""The built answer keys: one page per quiz file under the teacher's guide, every question with
its answer on screen and in print, and an index that links to each."""

import re
from pathlib import Path

import pytest
from conftest import BUILD_HTML
from course_answers import chapters, page_name

from shared_future.quiz import Numeric, Ordering, check_all, option_order

ANSWERS = "book/teachers/answers/"
QUIZZES = check_all()
OUTLINE = chapters()
PAGES = {name: f"{ANSWERS}{page_name(name, OUTLINE)}.html" for name in QUIZZES}


def plain(text: str) -> str:
    """Text as compared: whitespace folded; Sphinx's smart quotes, dashes and ellipses undone."""
    for fancy, ascii_ in {"‘": "'", "’": "'", "“": '"', "”": '"', "—": "---", "–": "--", "…": "..."}.items():
        text = text.replace(fancy, ascii_)
    return " ".join(text.split())


def answer_line(question) -> str:
    if isinstance(question, Numeric):
        unit = f" {question.unit}" if question.unit else ""
        tolerance = f" ± {question.tolerance:.15g}{unit}" if question.tolerance else f"{unit} (exact)"
        return f"Answer: {question.answer:.15g}{tolerance}"
    if isinstance(question, Ordering):
        return "Answer, in order: " + " ".join(question.items)  # list numbers are not in innerText
    shown = [question.options[i] for i in option_order(question)]  # lettered as students see them
    return "Answer: " + "; ".join(f"{'ABCDEFGH'[n]}. {o.text}" for n, o in enumerate(shown) if o.correct)


def test_every_quiz_has_a_built_answer_key():
    assert QUIZZES, "no quiz files"
    missing = [path for path in PAGES.values() if not (BUILD_HTML / path).is_file()]
    assert missing == [], f"answer keys not built: {missing} (is the 'For teachers' part in _toc.yml?)"


@pytest.mark.parametrize("chapter", sorted(QUIZZES))
@pytest.mark.parametrize("media", ["screen", "print"])
def test_answer_key_shows_every_answer(visit, chapter, media):
    page, record, _ = visit(PAGES[chapter])
    assert record.console_errors == [] and record.blocked_external == []
    page.emulate_media(media=media)
    sections = page.locator("main section > section")
    questions = QUIZZES[chapter].questions
    assert sections.count() == len(questions)
    for n, question in enumerate(questions):
        section = sections.nth(n)
        heading = section.locator("h2")
        assert heading.is_visible(), f"{chapter} {question.id}: heading hidden in {media}"
        assert plain(heading.inner_text()).rstrip("#").strip() == f"Question {n + 1} ({question.id})"
        shown = plain(section.inner_text())
        for part in (
            question.prompt,
            answer_line(question),
            f"Explanation. {question.explanation}",
            f"Objective: {question.objective}",
            f"level: {question.level}",
        ):
            assert plain(part) in shown, f"{chapter} {question.id} ({media}): {part!r} not shown"


def test_index_links_to_every_answer_key(visit):
    page, record, _ = visit(f"{ANSWERS}index.html")
    assert record.console_errors == []
    links = page.locator("main ul li a.reference.internal")
    targets = [re.sub(r"#.*$", "", link.get_attribute("href")) for link in links.all()]
    assert targets == [Path(PAGES[name]).name for name in sorted(QUIZZES, key=lambda n: PAGES[n])]
    links.first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(sorted(PAGES.values())[0])
