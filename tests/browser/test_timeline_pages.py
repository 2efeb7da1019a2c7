"""The timeline tables filter in Chromium offline: by kind of event and by years, with the count
read aloud; several timelines on one page keep apart; without the script every row shows."""

import re

import pytest
from conftest import BUILD_HTML, built_pages

from shared_future.data import load
from shared_future.timeline import timeline

TIMELINE_PAGES = [p for p in built_pages() if 'class="sft"' in (BUILD_HTML / p).read_text(encoding="utf-8")]


def visible_rows(root):
    return root.locator("tbody tr[data-row]:not([hidden])")


def test_the_book_has_timeline_pages():
    assert "notebooks/02_origins.html" in TIMELINE_PAGES


@pytest.mark.parametrize("path", TIMELINE_PAGES)
def test_filters_by_kind_and_years(visit, path):
    page, record, _ = visit(path)
    root = page.locator(".sft").first
    assert root.locator(".sft-controls").is_visible()
    total = root.locator("tbody tr[data-row]").count()
    kinds = root.locator(".sft-category option").evaluate_all("os => os.map(o => [o.value, o.textContent])")
    value, label = kinds[1]
    root.locator(".sft-category").select_option(value)
    shown = visible_rows(root)
    assert 0 < shown.count() < total or len(kinds) == 2
    assert set(shown.locator("td:nth-child(4)").all_text_contents()) == {label}
    assert root.locator(".sft-status").text_content() == f"Showing {shown.count()} of {total} events."

    root.locator(".sft-reset").click()
    assert visible_rows(root).count() == total
    first = int(root.locator(".sft-from").input_value())
    root.locator(".sft-to").fill(str(first))
    years = {
        re.search(r"\d{4}", d).group(0)
        for d in visible_rows(root).locator("time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    }
    assert years == {str(first)}
    assert record.console_errors == []


def test_two_timelines_on_one_page_keep_apart(browser):
    events = load("timeline")
    page = browser.new_page()
    page.set_content("<main>" + timeline(data=events)._repr_html_() + timeline(category="un")._repr_html_() + "</main>")
    first, second = page.locator(".sft").nth(0), page.locator(".sft").nth(1)
    total, un = first.locator("tbody tr").count(), second.locator("tbody tr").count()
    assert total == len(events) and 0 < un < total
    first.locator(".sft-to").fill(str(events["date"].dt.year.min()))
    assert visible_rows(first).count() < total
    assert visible_rows(second).count() == un
    page.close()


def test_without_script_every_row_shows(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_content(timeline()._repr_html_())
    assert page.locator(".sft tbody tr").count() == len(load("timeline"))
    assert not page.locator(".sft-controls").is_visible()
    context.close()
