"""The grading rules' shared table (tests/quiz_fixtures/grading/cases.yaml) against quiz.js in
Chromium, as tests/test_quiz_grading.py runs it against the live widgets."""

import pytest
from grading_table import CASES, QUIZ, check_feedback  # the same table and checks

from shared_future.quiz.html import render


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def answer_page(fieldset, question, answer) -> None:
    if question.type == "numeric":
        fieldset.locator("input").fill(str(answer))
    elif question.type == "ordering":
        for index, item in enumerate(question.items):
            fieldset.locator(f"select[data-item='{index}']").select_option(str(answer.index(item) + 1))
    else:
        for index, option in enumerate(question.options):
            box = fieldset.locator(f"input[value='{index}']")
            if box.get_attribute("type") == "checkbox":
                box.set_checked(option.text in answer)
            elif option.text in answer:
                box.check()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_grading_table_in_the_book(page, case):
    page.set_content(f"<main>{render(QUIZ)}</main>")
    number = next(n for n, q in enumerate(QUIZ.questions) if q.id == case["question"])
    question, fieldset = QUIZ.questions[number], page.locator(".sfq-question").nth(number)
    for count, attempt in enumerate(case["attempts"], 1):
        answer_page(fieldset, question, attempt["answer"])
        fieldset.locator(".sfq-check").click()
        check_feedback(case, count, " ".join(fieldset.locator(".sfq-feedback").inner_text().split()))
        assert fieldset.get_attribute("data-attempts") == str(count)
    assert page.errors == []
