"""Printable handouts: every chapter page and every answer key of both editions of the built book as a PDF.

Run with `make handouts` (`python -m scripts.handouts` from the repository root; `python -m
scripts.handouts zh` for the Chinese edition only, `en` for the English). Reads `_build/html`
and its Chinese edition `_build/html/zh` (building each with `make book` or `make book-zh` first
when it is missing), serves them on 127.0.0.1 (every other host blocked), opens each page in Debian's
Chromium with every map drawn at load (`?maps=eager`: in the book a map otherwise draws when
it comes near the viewport), waits for its maps to draw (each Leaflet container marked ready
and its shapes in the DOM), opens each map's data table (a folded `<details>` element), and
prints it with the print stylesheet (`@media print`: quizzes become questions with boxes and
lines to fill in, buttons and the theme's navigation are hidden) to
`_build/handouts/<page>.pdf`; answer keys as `answers-<page>.pdf`; the Chinese edition's the
same in `_build/handouts/zh/`. The footer (the page's title and its page numbers) takes the
page's language, so the Chinese title is set in a Chinese font. A page whose load does not
settle within Playwright's 30 s (seen on a busy machine) is printed once more, and the requests
it was still waiting for are named.
"""

from __future__ import annotations

import subprocess
import sys
import time
from html import escape
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from shared_future.map_assets import MARKER_CLASS
from tools.browser import EAGER_MAPS, MAP_READY, keep_local, launch_chromium, serve

ROOT = Path(__file__).resolve().parents[1]

HTML = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "handouts"
CHAPTERS = "notebooks"
ANSWERS = "book/teachers/answers"
# The editions by language: their folder in `_build/html` (and `_build/handouts`) and the make
# target that builds them, English first (the Chinese edition is built after it).
EDITIONS = {"en": ("", "book"), "zh": ("zh", "book-zh")}
# The page is laid out as wide as A4's text (210 mm less the margins, at 96 px an inch), so each map
# fits its bounds to the width it prints at: laid out at 1000 px, the Belt and Road map printed with
# Asia cut off on the right.
PRINT_WIDTH_PX = 700
MAP_TIMEOUT_MS = 20_000
# The page's title and its page numbers, in the page's language (`lang`): a Chinese title in a Chinese font.
FOOTER = (
    '<div lang="{lang}" style="font-size:8px;width:100%;text-align:center">'
    '<span class="title"></span> · <span class="pageNumber"></span>/<span class="totalPages"></span></div>'
)
PDF_OPTIONS = {
    "format": "A4",
    "print_background": True,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "margin": {"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"},
}


# A map's data table is folded in a <details> element, which print CSS cannot open; printed open,
# in small type (a table has a row for each country or project).
OPEN_TABLES = "document.querySelectorAll('details.sf-data-table').forEach(d => { d.open = true; })"
TABLE_PRINT_CSS = (
    "details.sf-data-table table { font-size: 6.5pt !important; width: 100% !important; } "
    "details.sf-data-table th, details.sf-data-table td { padding: 0 3px !important; "
    "line-height: 1.15 !important; } "
    # on screen the caption stays in view while a wide table scrolls; on paper it is an ordinary caption
    "details.sf-data-table caption { position: static !important; max-width: none !important; }"
)


def handout_pages(html: Path = HTML, language: str = "en") -> dict[str, str]:
    """{page path relative to `html`: PDF path relative to the handouts folder} for every
    chapter and answer key of the edition in `language` ("en" or "zh")."""
    folder = EDITIONS[language][0]
    site, prefix = html / folder, f"{folder}/" if folder else ""
    pages = {
        p.relative_to(html).as_posix(): prefix + p.with_suffix(".pdf").name
        for p in sorted((site / CHAPTERS).glob("*.html"))
    }
    pages.update(
        {
            p.relative_to(html).as_posix(): f"{prefix}answers-{p.stem}.pdf"
            for p in sorted((site / ANSWERS).glob("*.html"))
            if p.name != "index.html"
        }
    )
    return pages


def wait_for_maps(page) -> int:
    """Wait until every course map on the page has drawn its shapes; returns how many maps."""
    holders = page.locator(f"div.{MARKER_CLASS} iframe")
    for i in range(holders.count()):
        holders.nth(i).scroll_into_view_if_needed()
        frame = page.frame_locator(f"div.{MARKER_CLASS} iframe").nth(i)
        frame.locator(MAP_READY).wait_for(timeout=MAP_TIMEOUT_MS)
        frame.locator(".leaflet-overlay-pane path, .leaflet-marker-pane > *").first.wait_for(timeout=MAP_TIMEOUT_MS)
    return holders.count()


def print_page(browser, site: str, path: str, target: Path) -> tuple[int, list[str]]:
    """Open the page `path` of the site served at `site` in a fresh context, draw its maps, open
    its data tables and print it to `target`; returns how many maps and the requests to other
    hosts blocked. A load that does not settle raises Playwright's TimeoutError, naming the
    requests still pending."""
    context = browser.new_context(viewport={"width": PRINT_WIDTH_PX, "height": 1400})
    blocked: list[str] = []
    keep_local(context, site, blocked)
    page = context.new_page()
    pending: set = set()  # requests not yet finished or failed
    page.on("request", lambda request: pending.add(request))
    for event in ("requestfinished", "requestfailed"):
        page.on(event, lambda request: pending.discard(request))
    try:
        page.goto(site + path + EAGER_MAPS, wait_until="load")  # every map drawn, not only those in view
        try:
            page.wait_for_load_state("networkidle")
        except PlaywrightTimeout as err:
            still = ", ".join(sorted(request.url.removeprefix(site) for request in pending)) or "none"
            raise PlaywrightTimeout(f"{err.message.splitlines()[0]} (requests pending: {still})") from err
        maps = wait_for_maps(page)
        page.evaluate(OPEN_TABLES)
        page.add_style_tag(content=TABLE_PRINT_CSS)
        page.emulate_media(media="print")
        lang = escape(page.evaluate("document.documentElement.lang") or "en", quote=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(target), footer_template=FOOTER.format(lang=lang), **PDF_OPTIONS)
    finally:
        context.close()
    return maps, blocked


def print_handouts(html: Path = HTML, out: Path = OUT, languages: tuple[str, ...] = tuple(EDITIONS)) -> list[Path]:
    """Print every handout page of the editions in `languages` of the site `html` to `out`;
    returns the PDFs written."""
    from playwright.sync_api import sync_playwright

    pages = {}
    for language in languages:
        edition = handout_pages(html, language)
        if not edition:
            folder = html / EDITIONS[language][0] / CHAPTERS
            raise SystemExit(f"no chapter pages in {folder}: is the book built (make {EDITIONS[language][1]})?")
        pages.update(edition)
    written = []
    with serve(html) as site, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for path, name in pages.items():
                start, target = time.perf_counter(), out / name
                try:
                    maps, blocked = print_page(browser, site, path, target)
                except PlaywrightTimeout as err:  # twice in some 80 pages on a busy machine (load 7-13, 2 CPUs)
                    print(f"{path}: {err.message.splitlines()[0]}; printing it again")
                    maps, blocked = print_page(browser, site, path, target)
                written.append(target)
                note = f", {len(blocked)} request(s) to other hosts blocked" if blocked else ""
                print(
                    f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB, "
                    f"{maps} map(s), {time.perf_counter() - start:.1f} s{note}"
                )
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    languages = tuple(argv) or tuple(EDITIONS)
    if unknown := [language for language in languages if language not in EDITIONS]:
        print(
            f"usage: python -m scripts.handouts [{' '.join(EDITIONS)}] (unknown: {' '.join(unknown)})", file=sys.stderr
        )
        return 2
    for language in languages:
        folder, target = EDITIONS[language]
        if not (HTML / folder / "index.html").is_file():
            print(f"{HTML / folder} is missing: building it first (make {target})")
            subprocess.run(["make", target], cwd=ROOT, check=True)
    print_handouts(languages=languages)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
