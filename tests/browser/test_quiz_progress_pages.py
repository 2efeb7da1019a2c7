"""Progress in the online book, in Chromium offline: answers, feedback and scores come back on
reload (over http and from file://); a corrupt or foreign saved entry does not break the page;
a browser that refuses storage still grades and says so once; the "Your progress" page shows
every chapter, exports the CSV that `classroom merge` reads, and clears only after confirming."""

from __future__ import annotations

import json

import pytest
from conftest import BUILD_HTML

from shared_future import classroom
from shared_future.quiz import load_quiz, option_order

CHAPTER = "notebooks/01_what_is_it.html"
PROGRESS = "book/progress.html"
QUIZ = load_quiz("what_is_it")
KEY = "sf-quiz:v1:what_is_it"


def score_text(right, total, first):
    return f"{right} of {total} correct, {first} at the first attempt"


def choice_numbers():
    """Two single-choice questions with three or more options (their places in the quiz)."""
    return [n for n, q in enumerate(QUIZ.questions) if q.type == "single" and len(q.options) >= 3][:2]


def pick(page, n, index):
    fieldset = page.locator(".sfq-question").nth(n)
    fieldset.locator(f"input[value='{index}']").check()
    fieldset.locator(".sfq-check").click()
    return fieldset


def answer_two(page):
    """Question a right at once; question b wrong, then right. Returns (a, b)."""
    a, b = choice_numbers()
    right = lambda n: next(i for i, o in enumerate(QUIZ.questions[n].options) if o.correct)  # noqa: E731
    wrong = lambda n: next(i for i, o in enumerate(QUIZ.questions[n].options) if not o.correct)  # noqa: E731
    pick(page, a, right(a))
    pick(page, b, wrong(b))
    pick(page, b, right(b))
    return a, b


def test_answers_come_back_on_reload(visit):
    page, record, _ = visit(CHAPTER)
    total = len(QUIZ.questions)
    a, b = answer_two(page)
    score = page.locator(".sfq-score")
    assert score.inner_text() == score_text(2, total, 1)
    feedback = [page.locator(".sfq-feedback").nth(n).inner_text() for n in (a, b)]
    page.reload(wait_until="load")
    assert score.inner_text() == score_text(2, total, 1)
    assert [page.locator(".sfq-feedback").nth(n).inner_text() for n in (a, b)] == feedback
    for n in (a, b):
        right = next(i for i, o in enumerate(QUIZ.questions[n].options) if o.correct)
        assert page.locator(".sfq-question").nth(n).locator("input:checked").get_attribute("value") == str(right)
    assert page.locator(".sfq-question").nth(b).get_attribute("data-attempts") == "2"
    assert page.locator(".sfq-note:visible").count() == 0
    saved = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert saved["version"] == 1 and saved["questions"][QUIZ.questions[b].id]["count"] == 2
    # Start again empties the page and stays empty after a reload; the first-attempt score stays
    page.locator(".sfq-retry").click()
    page.reload(wait_until="load")
    assert score.inner_text() == score_text(0, total, 1)
    assert page.locator(".sfq input:checked").count() == 0
    link = page.locator(".sfq-progress-link a")
    assert link.is_visible() and link.evaluate("a => a.href").endswith("/" + PROGRESS)
    assert record.console_errors == [] and record.blocked_external == []


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        "[1,2]",
        '{"version": 99, "chapter": "what_is_it", "questions": {}}',
        '{"version": 1, "chapter": "what_is_it", "questions": {"what-is-it-1": '
        '{"count": 1, "hidden": false, "attempts": [{"answer": [99], "text": "x", '
        '"correct": true, "at": "t"}]}}}',
    ],
)
def test_a_corrupt_entry_does_not_break_the_page(visit, stored):
    page, record, _ = visit("book/intro.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, stored])
    page.goto(page.url.replace("book/intro.html", CHAPTER), wait_until="load")
    total = len(QUIZ.questions)
    assert page.locator(".sfq-score").inner_text() == score_text(0, total, 0)
    assert page.locator(".sfq input:checked").count() == 0
    a, _ = answer_two(page)
    assert page.locator(".sfq-score").inner_text() == score_text(2, total, 1)
    saved = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert saved["version"] == 1 and QUIZ.questions[a].id in saved["questions"]
    assert record.console_errors == []


REFUSE_STORAGE = """Object.defineProperty(window, 'localStorage', {get() {
  throw new DOMException('The user denied storage', 'SecurityError'); }});"""


def test_without_storage_the_quiz_works_and_says_so_once(browser, site_url):
    context = browser.new_context()
    context.add_init_script(REFUSE_STORAGE)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url) else r.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def errors_on(path):
        errors.clear()
        page.goto(site_url + path, wait_until="load")
        return list(errors)

    # the theme's own scripts read localStorage unguarded: a page without a quiz gives the baseline
    theme_errors = errors_on("book/intro.html")
    assert errors_on(CHAPTER) == theme_errors
    answer_two(page)
    assert page.locator(".sfq-score").inner_text() == score_text(2, len(QUIZ.questions), 1)
    notes = page.locator(".sfq-note:visible")
    assert notes.count() == 1 and "does not let the page save" in notes.inner_text()
    assert errors == theme_errors, "the quiz itself raised nothing"
    assert errors_on(PROGRESS) == theme_errors
    assert "does not let the course save" in page.locator(".sfp-note").inner_text()
    assert page.locator(".sfp-export").is_disabled()
    context.close()


def test_from_file_the_answers_come_back(browser):
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page = context.new_page()
    page.goto((BUILD_HTML / CHAPTER).as_uri(), wait_until="load")
    answer_two(page)
    page.reload(wait_until="load")
    assert page.locator(".sfq-score").inner_text() == score_text(2, len(QUIZ.questions), 1)
    context.close()


def test_progress_page_exports_what_classroom_merge_reads(visit, tmp_path):
    page, record, _ = visit(PROGRESS)
    rows = page.locator("tr[data-chapter]")
    assert rows.count() == 8 and rows.nth(0).get_attribute("data-chapter") == "what_is_it"
    assert "No data leaves your browser" in page.inner_text("main")
    assert all(r.locator(".sfp-score").inner_text() == "No attempts yet" for r in rows.all())
    page.locator(".sfp-export").click()
    assert "Type your name first" in page.locator(".sfp-status").inner_text()

    page.goto(page.url.replace(PROGRESS, CHAPTER), wait_until="load")
    a, b = answer_two(page)
    page.goto(page.url.replace(CHAPTER, PROGRESS), wait_until="load")
    first = rows.nth(0)
    total = len(QUIZ.questions)
    assert [first.locator(f".sfp-{c}").inner_text() for c in ("score", "first")] == [
        f"2 of {total} (2 answered)",
        f"1 of {total}",
    ]
    assert rows.nth(1).locator(".sfp-score").inner_text() == "No attempts yet"
    name = '=Li Wei, "3B"'  # a formula and a quote: neutralised and quoted, then read back
    page.locator(".sfp-name").fill(name)
    with page.expect_download() as download:
        page.locator(".sfp-export").click()
    handed_in = tmp_path / "handed-in"
    handed_in.mkdir()
    download.value.save_as(handed_in / download.value.suggested_filename)
    raw = (handed_in / download.value.suggested_filename).read_bytes()
    header = b"student,chapter,question_id,answer,correct,answered_at,attempt\r\n"
    assert raw.startswith(header + b'"\'=Li Wei, ""3B""",what_is_it,')
    merge = classroom.merge_folder(handed_in)
    assert merge.messages == []
    qa, qb = QUIZ.questions[a], QUIZ.questions[b]
    key_a, key_b = (name, "what_is_it", qa.id), (name, "what_is_it", qb.id)
    assert set(merge.answers) == {key_a, key_b}
    assert merge.first_time(key_a) is True and merge.first_time(key_b) is False and merge.eventually(key_b)
    assert [x.attempt for x in merge.attempts[key_b]] == [1, 2]
    assert merge.answers[key_b].answer == next(o.text for o in qb.options if o.correct)
    assert merge.attempts[key_b][0].answer in [qb.options[i].text for i in option_order(qb)]
    page.reload(wait_until="load")
    assert page.locator(".sfp-name").input_value() == name  # kept in the browser

    page.once("dialog", lambda d: d.dismiss())
    page.locator(".sfp-clear").click()
    assert page.locator(".sfp-status").inner_text() == "Nothing was deleted."
    assert first.locator(".sfp-score").inner_text() == f"2 of {total} (2 answered)"
    page.once("dialog", lambda d: d.accept())
    page.locator(".sfp-clear").click()
    assert first.locator(".sfp-score").inner_text() == "No attempts yet"
    page.goto(page.url.replace(PROGRESS, CHAPTER), wait_until="load")
    assert page.locator(".sfq-score").inner_text() == score_text(0, total, 0)
    assert record.console_errors == [] and record.blocked_external == []
