"""The package's Chinese renderings in Chromium, without a built book: a quiz, the timeline and the
"Your progress" page rendered with `lang="zh"` on one page served offline. The scripts write their
messages in Chinese (they get them from Python), the timeline filters, and the answer CSV a
student exports keeps its machine-readable header and values in both languages."""

from __future__ import annotations

import csv
import io

import pytest

from shared_future import progress
from shared_future.quiz import quiz
from shared_future.quiz.progress_page import ChapterRow, progress_html
from shared_future.timeline import timeline
from tools.browser import keep_local, serve

CHAPTERS = [ChapterRow("origins", "第2章", "#", 15)]


def page_in(lang: str) -> str:
    parts = [
        quiz("origins", live=False, lang=lang)._repr_mimebundle_()["text/html"],
        timeline(start=2011, end=2018, lang=lang)._repr_html_(),
        progress_html(CHAPTERS, lang),
    ]
    head = '<head><meta charset="utf-8"><title>t</title></head>'
    return f'<!DOCTYPE html><html lang="{lang}">{head}<body>{"".join(parts)}</body></html>'


@pytest.fixture
def open_page(browser, tmp_path):
    def opened(lang: str):
        (tmp_path / f"{lang}.html").write_text(page_in(lang), encoding="utf-8")
        server = serve(tmp_path)
        url = server.__enter__()
        context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
        blocked: list[str] = []
        keep_local(context, url, blocked)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}{lang}.html")
        return page, errors, blocked, lambda: (context.close(), server.__exit__(None, None, None))

    return opened


def export(page) -> list[list[str]]:
    page.fill(".sfp-name", "Li Wei")
    with page.expect_download() as download:
        page.click(".sfp-export")
    return list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quiz_timeline_and_progress_page_work_in_both_languages(open_page, lang):
    page, errors, blocked, close = open_page(lang)
    try:
        first = page.locator("fieldset.sfq-question").nth(1)  # a true/false question
        first.locator("button.sfq-check").click()
        choose = {"zh": "请先选择答案。", "en": "Choose an answer first."}[lang]
        assert first.locator(".sfq-feedback").inner_text().strip() == choose
        first.locator("input").nth(1).check()  # 错误 / False: the right answer
        first.locator("button.sfq-check").click()
        verdict = {"zh": "正确。", "en": "Correct."}[lang]
        assert first.locator(".sfq-feedback strong").first.inner_text() == verdict
        page.fill(".sft-from", "2015")
        page.locator(".sft-from").dispatch_event("change")
        status = page.locator(".sft-status").inner_text()
        assert status.startswith({"zh": "显示42个事件中的", "en": "Showing "}[lang])
        score = page.locator("tr[data-chapter=origins] .sfp-score")
        page.reload()
        assert score.inner_text() == {"zh": "1/15（已答1题）", "en": "1 of 15 (1 answered)"}[lang]
        rows = export(page)
        assert rows[0] == progress.EXPORT_COLUMNS
        assert rows[1][1:3] == ["origins", "origins-2"] and rows[1][4] == "True"
        assert rows[1][3] == {"zh": "错误", "en": "False"}[lang]  # the answer as the student read it
        saved = {"zh": "已保存 progress-Li_Wei.csv（共1次作答）", "en": "Saved progress-Li_Wei.csv (1 attempts)"}
        assert page.locator(".sfp-status").inner_text().startswith(saved[lang])
        assert errors == [] and blocked == []
    finally:
        close()
