"""Quizzes in the built book work in Chromium offline, by mouse and by keyboard alone,
without the ipywidgets runtime; hostile text stays text; two quizzes on a page keep apart."""

import json
import re
from pathlib import Path

import pytest
from conftest import BUILD_HTML, built_pages

from shared_future.quiz import load_quiz, read_quiz
from shared_future.quiz.html import render

QUIZ_PAGES = [p for p in built_pages() if 'class="sfq"' in (BUILD_HTML / p).read_text(encoding="utf-8")]
WIDGET_RUNTIME = re.compile(r"require(\.min)?\.js|embed-amd|html-manager|jupyter-widgets", re.I)
HOSTILE = Path(__file__).resolve().parents[1] / "quiz_fixtures" / "hostile" / "hostile.yaml"


def test_the_book_has_a_quiz_page():
    assert "notebooks/01_what_is_it.html" in QUIZ_PAGES


def correct_options(question):
    return [i for i, right in enumerate(question["correct"]) if right]


def option(fieldset, index):
    """The label of option `index` (its place in the quiz file), wherever it is shown."""
    control = fieldset.locator(f"input[value='{index}']").get_attribute("id")
    return fieldset.locator(f"label[for='{control}']")


def answer_by_keyboard(page, quiz, n, key):
    """Answer question n right using Tab, Space and Enter only, starting on question n-1's Check."""
    quiz.locator(".sfq-check").nth(n - 1).focus()
    fieldset = quiz.locator(".sfq-question").nth(n)
    focused = lambda: page.evaluate("document.activeElement.id || document.activeElement.className")  # noqa: E731
    for i in range(len(key["correct"])):
        page.keyboard.press("Tab")
        box = fieldset.locator("input").nth(i)
        assert focused() == box.get_attribute("id")
        if key["correct"][int(box.get_attribute("value"))]:
            page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused() == "sfq-check"
    page.keyboard.press("Enter")


def score_text(right, total, first):
    return f"{right} of {total} correct, {first} at the first attempt"


@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_quiz_answers_by_mouse_and_keyboard(visit, path):
    page, record, _ = visit(path)
    assert record.console_errors == [] and record.blocked_external == []
    assert not [r.url for r in record.local_responses if WIDGET_RUNTIME.search(r.url)]
    assert page.locator('script[type="application/vnd.jupyter.widget-state+json"]').count() == 0
    links = page.locator(".sfq a.sfq-data").all()
    assert len(links) >= 2, "every quiz has two questions on the data, each linking its CSV file"
    for link in links:  # served by the book itself, from the page's own folder depth
        served = page.request.get(link.evaluate("a => a.href"))
        assert served.ok and served.text().split("\n")[0].count(",") >= 2, link.get_attribute("href")
    # each data hint also links the page's own launch buttons (Binder, JupyterHub, Colab, the browser),
    # to compute the answer in a kernel
    launches = page.locator(".dropdown-launch-buttons a[href]").evaluate_all("els => els.map(a => a.href)")
    for hint in page.locator(".sfq-launch").all():
        assert hint.locator("a").evaluate_all("els => els.map(a => a.href)") == launches and len(launches) == 4
    assert page.locator(".sfq-launch").count() == len(links)
    for quiz in page.locator(".sfq").all():
        key = json.loads(quiz.locator(".sfq-key").text_content())["questions"]
        total, score = len(key), quiz.locator(".sfq-score")
        feedback = quiz.locator(".sfq-feedback")
        assert score.inner_text() == score_text(0, total, 0)
        choice = [n for n, k in enumerate(key) if "correct" in k and not k["multi"] and len(k["correct"]) >= 3]
        multi = [n for n, k in enumerate(key) if "correct" in k and k["multi"] and n > 0]
        assert len(choice) >= 2 and multi, "the test needs two single-choice and one multi-choice question"

        answer_by_keyboard(page, quiz, multi[0], key[multi[0]])
        assert feedback.nth(multi[0]).inner_text().startswith("Correct.")
        assert score.inner_text() == score_text(1, total, 1)

        right, wrong = choice[0], choice[1]
        fieldset = quiz.locator(".sfq-question").nth(right)
        option(fieldset, correct_options(key[right])[0]).click()
        fieldset.locator(".sfq-check").click()
        assert feedback.nth(right).inner_text().startswith("Correct.")
        assert "Explanation: " + key[right]["explanation"] in feedback.nth(right).inner_text()

        # wrong, then right: the first attempt shows no answer, explanation or source
        fieldset = quiz.locator(".sfq-question").nth(wrong)
        option(fieldset, key[wrong]["correct"].index(False)).click()
        fieldset.locator(".sfq-check").click()
        shown = feedback.nth(wrong).inner_text()
        assert shown.startswith("Not quite.") and "Try again" in shown
        assert "Explanation:" not in shown and "Source:" not in shown and key[wrong]["answer_text"] not in shown
        assert score.inner_text() == score_text(2, total, 2)
        assert feedback.nth(wrong).get_attribute("aria-live") == "polite"
        option(fieldset, correct_options(key[wrong])[0]).click()
        fieldset.locator(".sfq-check").click()
        assert feedback.nth(wrong).inner_text().startswith("Correct.")
        assert "Explanation: " + key[wrong]["explanation"] in feedback.nth(wrong).inner_text()
        assert score.inner_text() == score_text(3, total, 2)  # right eventually, not first time

        quiz.locator(".sfq-retry").click()
        assert score.inner_text() == score_text(0, total, 2)
        assert quiz.locator("input:checked").count() == 0 and feedback.nth(right).inner_text() == ""
    assert record.console_errors == []
    assert not [r.url for r in record.local_responses if WIDGET_RUNTIME.search(r.url)]


@pytest.fixture
def blank_page(browser):
    """A page with no network at all, that records dialogs and errors."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())
    page = context.new_page()
    page.events = []
    page.on("dialog", lambda d: (page.events.append(f"dialog {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: page.events.append(f"error {e}"))
    yield page
    context.close()


def test_hostile_text_is_shown_literally(blank_page):
    quiz = read_quiz(HOSTILE)
    blank_page.set_content(f"<main>{render(quiz)}<p id='after'>after</p></main>")
    legends = blank_page.locator("legend").all_inner_texts()
    assert legends == [f"{n}. {q.prompt}" for n, q in enumerate(quiz.questions, 1)]
    first = blank_page.locator(".sfq-question").nth(0)
    assert option(first, 0).inner_text() == quiz.questions[0].options[0].text
    option(first, 0).click()
    blank_page.locator(".sfq-check").nth(0).click()
    text = blank_page.locator(".sfq-feedback").nth(0).inner_text()
    assert quiz.questions[0].options[0].feedback in text and quiz.questions[0].explanation in text
    assert blank_page.locator(".sfq-feedback a").get_attribute("href") == quiz.questions[0].source
    assert blank_page.locator("main > p#after").count() == 1  # no markup escaped its container
    assert blank_page.locator("img").count() == 0 and blank_page.locator("script").count() == 2
    assert blank_page.events == []


def test_two_quizzes_on_one_page_keep_apart(blank_page):
    quiz = load_quiz("what_is_it")
    blank_page.set_content(f"<main>{render(quiz)}{render(quiz)}</main>")
    first, second = blank_page.locator(".sfq").all()
    option(first.locator(".sfq-question").nth(0), 0).click()  # the file's first option: the right one
    first.locator(".sfq-check").nth(0).click()
    assert first.locator(".sfq-score").inner_text() == score_text(1, len(quiz.questions), 1)
    assert second.locator(".sfq-score").inner_text() == score_text(0, len(quiz.questions), 0)
    assert second.locator("input:checked").count() == 0
    ordering = second.locator(".sfq-question").nth(1)
    for select in ordering.locator("select").all():
        select.select_option(str(int(select.get_attribute("data-item")) + 1))
    ordering.locator(".sfq-check").click()
    assert ordering.locator(".sfq-feedback").inner_text().startswith("Correct.")
    assert blank_page.events == []
