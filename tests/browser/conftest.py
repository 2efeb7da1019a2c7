"""Browser harness: the built book served on 127.0.0.1, driven by Debian's Chromium.

Every request to another host is aborted and recorded, so a test that passes proves the
page needs no network. Tests get a `visit(path)` fixture returning the opened page and a
record of what went wrong while loading it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.browser import keep_local, launch_chromium, serve

BUILD_HTML = Path(__file__).resolve().parents[2] / "_build" / "html"
# Sites built inside the English one (book/_ext/course_pages.py EDITION_FOLDERS): the Chinese
# edition (`make book-zh`), tested by test_zh_edition.py and, for valid HTML, test_html_valid.py;
# JupyterLite, tested by its own files. The English tests walk the English pages only.
LITE = "lite"  # the JupyterLite site (`make lite`): an app, not pages of the book
EDITION_FOLDERS = ("zh", LITE)


def built_pages(edition: str = "") -> list[str]:
    """Every HTML page of the built English book, or of the edition in folder `edition` (e.g. "zh"),
    as paths relative to the site root."""
    site = BUILD_HTML / edition
    if not site.is_dir():
        command = "make book-zh" if edition == "zh" else "make book"
        raise RuntimeError(f"{site} is missing: run `{command}` first.")
    return sorted(
        p.relative_to(BUILD_HTML).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith(("_", "."))
        and p.relative_to(site).parts[0] not in EDITION_FOLDERS
        and p.name != "404.html"  # its links carry the published path prefix: see test_published.py
    )


@pytest.fixture(scope="session")
def site_url():
    """Serve _build/html on a free port of 127.0.0.1 for the whole session."""
    with serve(BUILD_HTML) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        try:
            browser = launch_chromium(pw)
        except RuntimeError as err:
            pytest.fail(str(err))
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageLoad:
    """What happened while a page loaded: the problems a test should see as failures."""

    console_errors: list[str] = field(default_factory=list)
    blocked_external: list[str] = field(default_factory=list)
    failed_local: list[str] = field(default_factory=list)
    local_responses: list = field(default_factory=list)


@pytest.fixture
def visit(browser, site_url):
    """Open a page of the built book offline; returns (page, PageLoad, HTTP response)."""
    host = urlsplit(site_url).netloc
    contexts = []

    def _visit(path: str, **context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        record = PageLoad()
        keep_local(context, site_url, record.blocked_external)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
        page.on("pageerror", lambda e: record.console_errors.append(str(e)))
        page.on(
            "requestfailed",
            lambda r: urlsplit(r.url).netloc == host and record.failed_local.append(f"{r.url}: {r.failure}"),
        )
        page.on("response", lambda r: urlsplit(r.url).netloc == host and record.local_responses.append(r))
        response = page.goto(site_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, record, response

    yield _visit
    for context in contexts:
        context.close()


@dataclass
class NotFoundPage:
    heading: str
    home: str  # where its link to the introduction goes
    failed: list[str]  # local requests answered 400 or more
    blocked: list[str]  # requests to other hosts


def open_not_found_page(browser, root: Path, address: str, home_link: str) -> NotFoundPage:
    """The 404 page at `address` of a site served from the folder `root`, as a published site
    serves it (from a URL prefix, so its links must not be relative)."""
    with serve(root) as url:
        context = browser.new_context()
        blocked: list[str] = []
        keep_local(context, url, blocked)
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
        page.goto(url + address)
        found = NotFoundPage(
            page.locator("article h1").first.inner_text(),
            page.locator(home_link).first.get_attribute("href") or "",
            failed,
            blocked,
        )
        context.close()
    return found
