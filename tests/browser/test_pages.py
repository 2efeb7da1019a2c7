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
