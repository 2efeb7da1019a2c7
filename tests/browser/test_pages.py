"""Every built page loads offline: HTTP 200, no console errors, no failed local request,
no request to another host, a title and a main heading."""

import pytest
from conftest import built_pages

CONTENT_PAGES = [p for p in built_pages() if p != "index.html"]


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_page_loads_offline(visit, path):
    page, record, response = visit(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    assert record.blocked_external == [], f"{path} asked the network for {record.blocked_external}"
    assert record.failed_local == [], f"{path}: failed local requests {record.failed_local}"
    bad_status = [f"{r.status} {r.url}" for r in record.local_responses if r.status >= 400]
    assert bad_status == [], f"{path}: {bad_status}"
    assert record.console_errors == [], f"{path}: console errors {record.console_errors}"
    assert page.title().strip(), f"{path} has no <title>"
    headings = page.locator("main h1 >> visible=true")
    assert headings.count() >= 1, f"{path} has no visible main heading (h1)"
    assert headings.first.inner_text().strip(" #\n"), f"{path}: empty h1"
    scripts = [
        r.url for r in record.local_responses if r.request.resource_type == "script" and r.frame == page.main_frame
    ]  # (each map's frame has its own)
    assert not [u for u in scripts if "fontawesome.js" in u], f"{path} loads fontawesome.js (0.5 MB)"
    assert len(scripts) == len(set(scripts)), f"{path} loads a script twice"
    if path != "search.html":  # only the search page needs Sphinx's search index (51 KB gzip)
        assert not [u for u in scripts if "searchindex.js" in u], f"{path} loads the search index"


def test_site_root_redirects_to_the_introduction(visit):
    page, record, _ = visit("index.html")
    page.wait_for_url("**/book/intro.html")
    assert "Community of Shared Future" in page.locator("main h1 >> visible=true").first.inner_text()


def test_search_page_finds_a_chapter(visit):
    """The search page runs Sphinx's search (its scripts keep their order: course_scripts.py)."""
    page, record, _ = visit("search.html?q=Astana")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=10000)
    found = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("04_belt_and_road" in href for href in found), f"searching Astana found {found}"
    assert record.console_errors == []


def test_chapter_scripts_do_not_hold_up_the_page(visit):
    """The theme's and extensions' script files load with defer (or async) on a chapter page, so the
    page and its maps do not wait for them; they still run: the copy buttons appear."""
    page, record, _ = visit("notebooks/02_origins.html")
    blocking = page.eval_on_selector_all(
        "head script[src]", "els => els.filter(e => !e.defer && !e.async).map(e => e.getAttribute('src'))"
    )
    assert blocking == [], f"scripts that stop the page being read: {blocking}"
    assert page.locator("button.copybtn").count() > 0, "copybutton.js did not run"
    assert record.console_errors == []


WIDER_THAN_THE_SCREEN = """() => {
  const width = window.innerWidth, found = [];
  for (const el of document.querySelectorAll('main *')) {
    if (el.getBoundingClientRect().right <= width + 1) continue;
    let clipped = false;  // inside a box that scrolls or hides its overflow (a code block, a table)
    for (let up = el.parentElement; up && !clipped; up = up.parentElement) {
      clipped = getComputedStyle(up).overflowX !== 'visible';
    }
    if (!clipped) found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 60)}`);
  }
  return found.slice(0, 3);
}"""


def test_no_page_is_wider_than_a_phone(visit, site_url):
    """At 390 px nothing in a page's content pushes it wider than the screen (the reader would
    have to scroll sideways to read every line)."""
    page, _, _ = visit("book/intro.html", viewport={"width": 390, "height": 844})
    problems = []
    for path in CONTENT_PAGES:
        page.goto(site_url + path, wait_until="load")
        extra = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if extra > 1:
            problems.append(f"{path}: {extra} px wider, from {page.evaluate(WIDER_THAN_THE_SCREEN)}")
    assert problems == []
