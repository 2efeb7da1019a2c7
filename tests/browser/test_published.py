"""What a published book needs, checked on the built pages: one published location behind every
launch link, a sitemap listing every page, Open Graph metadata, a 404 page that works at the
site's address."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import BUILD_HTML, built_pages, open_not_found_page
from course_publish import pages_url

from shared_future.hub_links import course_repository

ROOT = Path(__file__).resolve().parents[2]

REPOSITORY = course_repository()
SITE = pages_url(REPOSITORY)
LAUNCHERS = ("mybinder.org", "colab.research.google.com", "hub.example.edu")


def _content_pages() -> list[str]:
    """Built pages, without the root's redirect."""
    return [p for p in built_pages() if 'http-equiv="Refresh"' not in (BUILD_HTML / p).read_text(encoding="utf-8")]


def test_every_launch_link_points_at_the_one_configured_location():
    repo_path = urlsplit(REPOSITORY).path.strip("/")
    launches = 0
    for page in built_pages():
        html = (BUILD_HTML / page).read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+)"', html):
            host = urlsplit(href).netloc
            if host in LAUNCHERS:
                launches += 1
                assert repo_path in unquote(href), f"{page}: launch link {href} is not the course repository"
        for tag in re.findall(r'<meta property="og:url" content="([^"]+)"', html):
            assert tag.startswith(SITE), f"{page}: og:url {tag} is not under {SITE}"
    assert launches >= 3 * 8, "every chapter has Binder, Colab and JupyterHub buttons"


def test_the_sitemap_lists_every_page():
    listed = re.findall(r"<loc>([^<]+)</loc>", (BUILD_HTML / "sitemap.xml").read_text(encoding="utf-8"))
    assert all(url.startswith(SITE) for url in listed)
    not_listed = {"search.html", "genindex.html"}  # tools, not content (course_publish.NOT_IN_SITEMAP)
    assert sorted(url.removeprefix(SITE) for url in listed) == sorted(set(_content_pages()) - not_listed)


def test_pages_carry_open_graph_metadata():
    html = (BUILD_HTML / "notebooks" / "04_belt_and_road.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="The Belt and Road Initiative"' in html
    assert re.search(r'<meta property="og:description" content="The Belt and Road Initiative', html)
    assert '<meta property="og:site_name" content="A Community of Shared Future"' in html
    assert "og:image" not in html, "social-card images are off (no font for Chinese glyphs)"


def test_the_404_page_works_at_the_sites_address(tmp_path, browser):
    """Served under the published path prefix, the 404 page loads its styles and links home."""
    prefix = urlsplit(SITE).path.strip("/")
    shutil.copytree(BUILD_HTML, tmp_path / prefix)
    found = open_not_found_page(browser, tmp_path, f"{prefix}/404.html", "a.navbar-brand, a[href$='intro.html']")
    assert found.heading == "Page not found"
    assert not found.failed and not found.blocked, (found.failed, found.blocked)
    assert found.home.startswith(f"/{prefix}/"), found.home
