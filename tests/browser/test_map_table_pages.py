"""In the built book: every course map is followed by its data table, and a chapter's own folium
map (the cell that teaches folium) is drawn offline.

The table: a closed `<details>` right after the map, which opens on a click of its summary and
shows a `<table>` with a caption, column headers (`th scope=col`) and one row header
(`th scope=row`) per row, as many rows as its summary says; axe-core finds no serious or critical
violation in it; at 390 x 844 and 1280 x 900 it scrolls inside its own box, never widening the
page. Screenshots go to _build/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from conftest import BUILD_HTML, built_pages
from test_accessibility import BLOCKING, axe_source

from shared_future.map_assets import MARKER_CLASS
from tools.browser import MAP_READY

SCREENSHOTS = BUILD_HTML.parent / "screenshots"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def pages_with(marker: str) -> list[str]:
    return [p for p in built_pages() if marker in (BUILD_HTML / p).read_text(encoding="utf-8")]


TABLE_PAGES = pages_with('class="sf-data-table"')
FOLIUM_PAGES = pages_with('data-sf-map="folium"')


def test_every_chapter_with_a_course_map_has_tables_and_a_folium_map():
    assert len(TABLE_PAGES) == 6 and set(FOLIUM_PAGES) == set(TABLE_PAGES), (TABLE_PAGES, FOLIUM_PAGES)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", TABLE_PAGES)
def test_each_course_map_has_its_data_table_after_it(visit, path, size):
    page, record, _ = visit(path, viewport=SIZES[size])
    course_maps = page.locator(f'div.{MARKER_CLASS}:not([data-sf-map="folium"])')
    tables = page.locator(f"div.{MARKER_CLASS} + details.sf-data-table")
    assert tables.count() == course_maps.count() > 0
    for n in range(tables.count()):
        details = tables.nth(n)
        summary = details.locator("summary")
        count = int(re.search(r"\((\d+) rows?\)", summary.inner_text()).group(1))
        assert not details.locator("table").is_visible(), "the table is folded until asked for"
        summary.scroll_into_view_if_needed()
        summary.click()
        table = details.locator("table")
        table.wait_for(state="visible", timeout=5000)
        caption = table.locator("caption")
        assert caption.inner_text().startswith("Data for the map")
        box = caption.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[size]["width"], "the caption runs off the screen"
        assert table.locator('thead th[scope="col"]').count() == 6
        assert table.locator("tbody tr").count() == count == table.locator('tbody th[scope="row"]').count()
        if n == 0:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{path.replace('/', '__')[:-5]}__table-{size}.png"))
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 1, f"{path}: the open tables widen the page by {wide} px at {size}"
    page.add_script_tag(content=axe_source())
    results = page.evaluate("() => axe.run({include: [['details.sf-data-table']]}, {resultTypes: ['violations']})")
    problems = [
        f"{v['impact']} {v['id']}: {node['target']}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]
    assert problems == [], f"{path}: {problems}"
    assert record.blocked_external == [] and record.console_errors == [], (
        record.blocked_external,
        record.console_errors,
    )


@pytest.mark.parametrize("path", FOLIUM_PAGES)
def test_the_chapters_own_folium_map_is_drawn_offline(visit, path):
    page, record, _ = visit(path, viewport=SIZES["desktop"])
    holder = page.locator(f'div.{MARKER_CLASS}[data-sf-map="folium"]')
    assert holder.count() == 1
    holder.scroll_into_view_if_needed()
    frame = holder.frame_locator("iframe").first
    frame.locator(MAP_READY).wait_for(timeout=15000)
    # every country outline (one country's in the capstone) and the markers, all SVG paths
    least = 5 if path.endswith("08_review_capstone.html") else 150
    assert frame.locator(".leaflet-overlay-pane path.leaflet-interactive").count() >= least
    assert frame.locator(".leaflet-overlay-pane path.leaflet-interactive, .leaflet-marker-icon").count() > 0
    assert frame.locator(".leaflet-control-layers").count() == 1
    page.wait_for_load_state("networkidle")
    assert record.blocked_external == [] and record.failed_local == [] and record.console_errors == [], (
        record.blocked_external,
        record.failed_local,
        record.console_errors,
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    holder.screenshot(path=str(SCREENSHOTS / f"{path.replace('/', '__')[:-5]}__folium.png"))
