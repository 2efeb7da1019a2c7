"""Every built page with a course map (shared_future.maps) works offline in Chromium.

Map pages are found by the wrapper every map emits (`<div class="sf-map" data-sf-map=NAME>`).
For each map: the Leaflet container renders, shapes and markers are in the DOM in the numbers
the data files imply, a popup opens on click with the right name, the legend and layer control
show, the BRI time control changes what is shown, and turning the tile layer on asks only the
tile server. Screenshots go to _build/screenshots/. Weight: each map page <= 1 MB gzipped, each
map's share <= 100 KB gzipped.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import BUILD_HTML, built_pages
from tools.browser import MAP_READY

from shared_future.data import data_dir
from shared_future.map_assets import MARKER_CLASS
from shared_future.maps import BRI_PERIODS, REGION_POINTS

SCREENSHOTS = BUILD_HTML.parent / "screenshots"
MAP_RE = re.compile(rf'<div class="{MARKER_CLASS}" data-sf-map="([\w-]+)"')
TILE_HOST = "tile.openstreetmap.org"
PAGE_BUDGET, MAP_BUDGET = 1_000_000, 100_000


def map_pages() -> dict[str, list[str]]:
    found = {}
    for path in built_pages():
        names = MAP_RE.findall((BUILD_HTML / path).read_text(encoding="utf-8"))
        if names:
            found[path] = names
    return found


MAP_PAGES = map_pages()
# Course maps; a student's own folium map in a chapter ("folium") is checked in test_map_table_pages.py.
MAPS = [(path, name, i) for path, names in MAP_PAGES.items() for i, name in enumerate(names) if name != "folium"]
if not MAP_PAGES:
    pytestmark = pytest.mark.skip(reason="no built page contains a course map")


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(data_dir() / name, dtype=str, keep_default_na=False)


def shapes() -> dict[str, str]:
    collection = json.loads((data_dir() / "countries.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["iso3"]: f["properties"]["name"] for f in collection["features"]}


def located(frame: pd.DataFrame) -> int:
    return int((pd.to_numeric(frame["lat"], errors="coerce").notna()
                & pd.to_numeric(frame["lon"], errors="coerce").notna()).sum())


def year(value: str) -> int | None:
    match = re.match(r"(\d{4})", value.strip())
    return int(match.group(1)) if match else None


def open_map(visit, path: str, name: str, index: int):
    page, record, response = visit(path, viewport={"width": 1200, "height": 900})
    assert response.status == 200
    holder = page.locator(f'div.{MARKER_CLASS}[data-sf-map="{name}"]').nth(0 if index is None else 0)
    holder.scroll_into_view_if_needed()
    frame = page.frame_locator(f'div.{MARKER_CLASS}[data-sf-map="{name}"] iframe').first
    frame.locator(MAP_READY).wait_for(timeout=15000)
    return page, record, holder, frame


def marker_total(frame) -> int:
    """Markers on the map: single markers plus the counts shown on cluster icons."""
    singles = frame.locator(".sf-marker").count()
    clusters = frame.locator(".sf-cluster span").all_inner_texts()
    return singles + sum(int(t) for t in clusters)


def close_popups(frame):
    while frame.locator(".leaflet-popup-close-button").count():
        frame.locator(".leaflet-popup-close-button").first.dispatch_event("click")
        frame.locator(".leaflet-popup").first.wait_for(state="detached", timeout=5000)


def click_marker_and_check_popup(frame):
    close_popups(frame)
    marker = frame.locator(".sf-marker").first
    title = marker.get_attribute("title")
    marker.dispatch_event("click")  # the event a click sends, even where a legend covers the marker
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert title and title in popup.inner_text(), f"popup {popup.inner_text()!r} does not name {title!r}"
    return title


def click_area_and_check_popup(frame, css: str, names: dict[str, str]):
    close_popups(frame)
    path = frame.locator(f"path.{css}").first
    iso = next(c[len("sf-iso-"):] for c in path.get_attribute("class").split() if c.startswith("sf-iso-"))
    box = path.bounding_box()
    path.dispatch_event("click", {"clientX": box["x"] + 1, "clientY": box["y"] + 1})
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert names[iso] in popup.inner_text(), f"popup {popup.inner_text()!r} should name {names[iso]!r}"


def check_each_map_kind(name: str, frame):
    names = shapes()
    assert frame.locator("path.sf-country").count() == len(names)
    if name == "key_moments":
        assert marker_total(frame) == located(csv("timeline.csv"))
        click_marker_and_check_popup(frame)
    elif name == "projects":
        assert marker_total(frame) == located(csv("projects.csv"))
        click_marker_and_check_popup(frame)
    elif name == "corridors":
        collection = json.loads((data_dir() / "corridors.geojson").read_text(encoding="utf-8"))
        parts = sum(1 if f["geometry"]["type"] == "LineString" else len(f["geometry"]["coordinates"])
                    for f in collection["features"])
        assert frame.locator("path.sf-line").count() == parts
        assert frame.locator(".sf-label").count() >= parts
        assert marker_total(frame) == located(csv("projects.csv"))
        toggle = frame.locator(".leaflet-control-layers label", has_text="Projects").locator("input")
        toggle.uncheck()
        assert marker_total(frame) == 0, "switching the project layer off leaves markers"
        toggle.check()
        assert marker_total(frame) == located(csv("projects.csv"))
    elif name == "bri_participation":
        rows = csv("bri_countries.csv")
        rows = rows[rows["iso3"].isin(names)]
        years = rows["first_signed"].map(year)
        assert frame.locator("path.sf-bri").count() == int(years.notna().sum())
        slider = frame.locator(".sf-time input[type=range]")
        slider.fill("0")
        first_end = BRI_PERIODS[0][1]
        assert frame.locator("path.sf-bri").count() == int((years <= first_end).sum())
        assert str(BRI_PERIODS[0][0]) in frame.locator(".sf-time output").inner_text()
        slider.fill(str(len(BRI_PERIODS) - 1))
        assert frame.locator("path.sf-bri").count() == int(years.notna().sum())
        withdrawn = rows[rows["status"] == "withdrawn"]
        for iso in withdrawn["iso3"]:
            assert frame.locator(f"path.sf-iso-{iso}").get_attribute("stroke-dasharray"), iso
        click_area_and_check_popup(frame, "sf-bri", names)
    elif name == "aiib_members":
        rows = csv("aiib_members.csv")
        assert frame.locator("path.sf-aiib").count() == int(rows["iso3"].isin(names).sum())
        assert frame.locator(".sf-chart svg polyline").count() == 1
        click_area_and_check_popup(frame, "sf-aiib", names)
    elif name == "communities":
        rows = csv("communities.csv")
        bilateral = set(rows.loc[rows["scope"] == "bilateral", "partner"]) & set(names)
        regional = set(rows.loc[rows["scope"] == "regional", "partner"]) & set(REGION_POINTS)
        assert frame.locator("path.sf-community").count() == len(bilateral)
        assert frame.locator(".sf-marker").count() == len(regional)
        click_marker_and_check_popup(frame)
        click_area_and_check_popup(frame, "sf-community", names)
    elif name == "country":  # the capstone's one-country map (shared_future.capstone.profile_map)
        area = frame.locator("path.sf-profile")
        assert area.count() == 1
        iso = next(c[len("sf-iso-"):] for c in area.get_attribute("class").split() if c.startswith("sf-iso-"))
        projects = csv("projects.csv")
        assert marker_total(frame) == located(projects[projects["iso3"].str.split(";").apply(lambda c: iso in c)])
        click_marker_and_check_popup(frame)
        click_area_and_check_popup(frame, "sf-profile", names)
    else:
        pytest.fail(f"unknown map {name!r}: add its checks here")


@pytest.mark.parametrize("path,name,index", MAPS, ids=[f"{p}:{n}" for p, n, _ in MAPS])
def test_map_renders_and_works_offline(visit, path, name, index):
    page, record, holder, frame = open_map(visit, path, name, index)
    assert record.blocked_external == [], f"{path} asked the network for {record.blocked_external}"
    assert record.failed_local == [], record.failed_local
    assert record.console_errors == [], record.console_errors
    assert frame.locator(".sf-title").inner_text().strip()
    assert frame.locator(".sf-legend").is_visible()
    assert frame.locator(".sf-legend .sf-row").count() >= 2
    assert frame.locator(".leaflet-control-layers").is_visible()
    assert "Natural Earth" in frame.locator(".leaflet-control-attribution").inner_text()
    check_each_map_kind(name, frame)
    close_popups(frame)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    holder.screenshot(path=str(SCREENSHOTS / f"{path.replace('/', '__')[:-5]}__{name}.png"))


@pytest.mark.parametrize("path", sorted(MAP_PAGES))
def test_tiles_are_the_only_network_use(visit, path):
    """Tiles are off under automation; switched on, the only requests that fail are tiles."""
    page, record, holder, frame = open_map(visit, path, MAP_PAGES[path][0], 0)
    frame.locator(".leaflet-control-layers label", has_text="OpenStreetMap").locator("input").check()
    page.wait_for_timeout(500)
    assert record.blocked_external, "turning the tile layer on requested no tiles"
    assert all(TILE_HOST in url for url in record.blocked_external), record.blocked_external
    others = [e for e in record.console_errors if "ERR_FAILED" not in e]
    assert others == [], others


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, 6))


@pytest.mark.parametrize("path", sorted(MAP_PAGES))
def test_map_page_weight(visit, path):
    page, record, response = visit(path)
    for name in MAP_PAGES[path]:
        page.frame_locator(f'div.{MARKER_CLASS}[data-sf-map="{name}"] iframe').first.locator(
            MAP_READY).wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    bodies = {}
    for r in record.local_responses:
        try:
            bodies[r.url] = r.body()
        except Exception:  # a redirect or an aborted response has no body
            continue
    total = sum(gzip_size(b) for b in bodies.values())
    assert total <= PAGE_BUDGET, f"{path}: {total} bytes gzipped"
    vendor = {url.split("/_vendor/", 1)[1]: gzip_size(b) for url, b in bodies.items() if "/_vendor/" in url}
    for name, html in zip(MAP_PAGES[path], page.eval_on_selector_all(
            f"div.{MARKER_CLASS}", "ds => ds.map(d => d.outerHTML)")):
        own = gzip_size(html.encode())
        # Upper bound: as if the map were alone on its page and loaded every shared file it uses itself
        # (a page's other maps, e.g. a student's folium map with folium's jQuery, may load more).
        uses = {file.split("/")[0] for file in re.findall(r"_vendor/([\w./-]+)", html)}  # with their images
        assert uses, f"{path}:{name}: the map links no file of _vendor/"
        shared = sum(size for file, size in vendor.items() if file.split("/")[0] in uses)
        assert own + shared <= MAP_BUDGET, f"{path}:{name}: {own} + {shared} shared bytes gzipped"
        print(f"{path}:{name}: own {own} B, shared {shared} B, page {total} B (gzip)")
