"""Page weight with an empty cache, as a reader's browser receives it (issue 20's budgets).

Every page of the built book is served gzip-compressed, as a static host serves text, and
loaded in Chromium with an empty cache; the bytes its network layer received (HTML, CSS,
scripts, fonts the CSS asks for, images) are counted through the DevTools protocol, not
from the page's links. On a page with maps the reader scrolls to each map and waits until it
has drawn, so everything the map iframes load is counted too. Budgets: 200 KB without maps,
300 KB with maps.
"""

from __future__ import annotations

import pytest
from conftest import BUILD_HTML, built_pages

from tools.browser import page_transfer, serve

PAGE_BUDGET = 200_000
MAP_PAGE_BUDGET = 300_000
PAGES = [p for p in built_pages() if p != "index.html"]


@pytest.fixture(scope="module")
def gzip_site():
    with serve(BUILD_HTML, compress=True) as url:
        yield url


def transferred(browser, site: str, path: str) -> tuple[int, int, dict[str, int]]:
    """(bytes received, maps drawn, bytes by URL) for one page loaded with an empty cache."""
    transfers, maps, blocked = page_transfer(browser, site, path)
    assert blocked == [], f"{path} asked the network for {blocked}"
    return transfers.total, maps, transfers.by_url


@pytest.mark.parametrize("path", PAGES)
def test_page_weight_within_budget(browser, gzip_site, path):
    total, maps, by_url = transferred(browser, gzip_site, path)
    budget = MAP_PAGE_BUDGET if maps else PAGE_BUDGET
    largest = sorted(by_url.items(), key=lambda item: -item[1])[:5]
    print(f"{path}: {total / 1000:.0f} KB, {maps} map(s)")
    assert total <= budget, f"{path}: {total} bytes with {maps} map(s), budget {budget}; largest {largest}"
    assert total > 20_000, f"{path}: only {total} bytes counted: is the page served?"


def test_the_weight_is_counted_compressed(browser, gzip_site):
    """The server compresses: the theme's stylesheet arrives as a fraction of its size on disk."""
    _, _, by_url = transferred(browser, gzip_site, "book/intro.html")
    css = next(size for url, size in by_url.items() if "pydata-sphinx-theme.css" in url)
    assert css < (BUILD_HTML / "_static" / "styles" / "pydata-sphinx-theme.css").stat().st_size / 3
