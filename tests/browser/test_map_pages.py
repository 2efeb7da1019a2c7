"""Every built page with a course map (shared_future.maps) works offline in Chromium.

Map pages are found by the wrapper every map emits (`<div class="sf-map" data-sf-map=NAME>`).
For each map: the Leaflet container renders, shapes and markers are in the DOM in the numbers
the data files imply, a popup opens on click with the right name, the legend and layer control
show, the BRI time control changes what is shown, and turning the tile layer on asks only the
tile server. Screenshots go to _build/screenshots/. Weight: each map page <= 1 MB gzipped, each
map's share <= 100 KB gzipped.

At a desktop (1280 x 900) and a phone (390 x 844) viewport: the map opens on every feature it
draws (each marker, area and line intersects the visible map; the participation and corridor
maps show China and the whole of Southeast Asia), its controls cover at most 40% of it, the time
control is clear of the attribution, and on the phone the legend and layer list start folded
behind buttons that say so (aria-expanded).
"""

from __future__ import annotations

import gzip
import json
import re

import pandas as pd
import pytest
from conftest import BUILD_HTML, built_pages

from shared_future.data import data_dir
from shared_future.map_assets import MARKER_CLASS
from shared_future.maps import BRI_PERIODS, REGION_POINTS, SOUTHEAST_ASIA
from tools.browser import MAP_READY

SCREENSHOTS = BUILD_HTML.parent / "screenshots"
MAP_RE = re.compile(rf'<div class="{MARKER_CLASS}" data-sf-map="([\w-]+)"')
TILE_HOST = "tile.openstreetmap.org"
PAGE_BUDGET, MAP_BUDGET = 1_000_000, 100_000
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CONTROLS_SHARE = 0.40  # of the map's area, at most, at load


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
    return int(
        (
            pd.to_numeric(frame["lat"], errors="coerce").notna() & pd.to_numeric(frame["lon"], errors="coerce").notna()
        ).sum()
    )


def year(value: str) -> int | None:
    match = re.match(r"(\d{4})", value.strip())
    return int(match.group(1)) if match else None


def open_map(visit, path: str, name: str, index: int, viewport: str = "desktop"):
    page, record, response = visit(path, viewport=VIEWPORTS[viewport])
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


def open_layer_list(frame):
    """Unfold the layer list (folded behind its button on a phone)."""
    toggle = frame.locator(".leaflet-control-layers .sf-toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"


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
    iso = next(c[len("sf-iso-") :] for c in path.get_attribute("class").split() if c.startswith("sf-iso-"))
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
        parts = sum(
            1 if f["geometry"]["type"] == "LineString" else len(f["geometry"]["coordinates"])
            for f in collection["features"]
        )
        assert frame.locator("path.sf-line").count() == parts
        assert frame.locator(".sf-label").count() >= parts
        assert marker_total(frame) == located(csv("projects.csv"))
        open_layer_list(frame)
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
        iso = next(c[len("sf-iso-") :] for c in area.get_attribute("class").split() if c.startswith("sf-iso-"))
        projects = csv("projects.csv")
        assert marker_total(frame) == located(projects[projects["iso3"].str.split(";").apply(lambda c: iso in c)])
        click_marker_and_check_popup(frame)
        click_area_and_check_popup(frame, "sf-profile", names)
    else:
        pytest.fail(f"unknown map {name!r}: add its checks here")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path,name,index", MAPS, ids=[f"{p}:{n}" for p, n, _ in MAPS])
def test_map_renders_and_works_offline(visit, path, name, index, viewport):
    page, record, holder, frame = open_map(visit, path, name, index, viewport)
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
    holder.screenshot(path=str(SCREENSHOTS / f"{path.replace('/', '__')[:-5]}__{name}__{viewport}.png"))


# Every feature the course draws, and whether it meets the visible map; China's and Southeast
# Asia's outlines, and whether they lie inside it (Leaflet's own bounds, in the map's frame).
FEATURES_IN_VIEW = """([china, region]) => {
  const map = Object.values(window).find(v => v instanceof L.Map), view = map.getBounds(), out = [];
  const check = (layer, kind) => {
    const seen = layer.getLatLng ? view.contains(layer.getLatLng()) : view.intersects(layer.getBounds());
    out.push([kind, seen, layer.getLatLng ? layer.getLatLng().toString() : layer.getBounds().toBBoxString()]);
  };
  map.eachLayer(layer => {
    if (L.MarkerClusterGroup && layer instanceof L.MarkerClusterGroup) {
      layer.getLayers().forEach(m => check(m, 'clustered marker'));
    } else if (layer.options && /sf-(area|line)/.test(layer.options.className || '')) {
      check(layer, layer.options.className.includes('sf-line') ? 'line' : 'area');
    } else if (layer.options && layer.options.icon && /sf-marker/.test(layer.options.icon.options.className || '')) {
      check(layer, 'marker');
    }
  });
  const inside = [china, ...region].filter(iso => {
    const shape = L.geoJSON(SF.outline(iso));
    return !view.contains(shape.getBounds());
  });
  return {features: out, outside: inside};
}"""

CONTROLS_COVER = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  let covered = 0;
  for (const c of document.querySelectorAll('.leaflet-control')) {
    const r = c.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, map.right) - Math.max(r.left, map.left));
    const h = Math.max(0, Math.min(r.bottom, map.bottom) - Math.max(r.top, map.top));
    covered += w * h;
  }
  return covered / (map.width * map.height);
}"""


def box_of(frame, selector: str) -> dict:
    return frame.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; }"
    )


def overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path,name,index", MAPS, ids=[f"{p}:{n}" for p, n, _ in MAPS])
def test_map_opens_on_its_features_and_controls_leave_it_readable(visit, path, name, index, viewport):
    page, record, holder, frame = open_map(visit, path, name, index, viewport)
    found = frame.locator(MAP_READY).evaluate(f"(el, args) => ({FEATURES_IN_VIEW})(args)", ["CHN", SOUTHEAST_ASIA])
    assert found["features"], f"{name}: no feature found"
    missed = [f for f in found["features"] if not f[1]]
    assert missed == [], f"{name} at {viewport}: features outside the opening view: {missed[:5]}"
    if name in ("bri_participation", "corridors"):
        assert found["outside"] == [], f"{name} at {viewport}: not wholly shown: {found['outside']}"
    share = frame.locator(MAP_READY).evaluate(f"el => ({CONTROLS_COVER})()")
    assert share <= CONTROLS_SHARE, f"{name} at {viewport}: controls cover {share:.0%} of the map"
    print(f"{path}:{name} at {viewport}: controls cover {share:.0%}")
    if frame.locator(".sf-time").count():
        assert not overlap(box_of(frame, ".sf-time"), box_of(frame, ".leaflet-control-attribution")), (
            "the time control is under the attribution"
        )
    title = frame.locator(".sf-title")
    narrow = VIEWPORTS[viewport]["width"] < 600
    for toggle in (frame.locator(".sf-legend .sf-toggle"), frame.locator(".leaflet-control-layers .sf-toggle")):
        assert toggle.evaluate("b => b.tagName") == "BUTTON" and toggle.inner_text().strip()
        assert toggle.get_attribute("aria-expanded") == ("false" if narrow else "true"), viewport
    if narrow:
        line = title.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
        assert title.evaluate("el => el.clientHeight") <= line + 12, "the title takes more than one line"
        assert not frame.locator(".leaflet-control-layers-list").is_visible()
        assert not frame.locator(".sf-legend .sf-body").is_visible()


@pytest.mark.parametrize("path", sorted(MAP_PAGES))
def test_tiles_are_the_only_network_use(visit, path):
    """Tiles are off under automation; switched on, the only requests that fail are tiles."""
    page, record, holder, frame = open_map(visit, path, MAP_PAGES[path][0], 0)
    open_layer_list(frame)
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
        page.locator(f'div.{MARKER_CLASS}[data-sf-map="{name}"] iframe').first.scroll_into_view_if_needed()
        page.frame_locator(f'div.{MARKER_CLASS}[data-sf-map="{name}"] iframe').first.locator(MAP_READY).wait_for(
            timeout=15000
        )
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
    for name, html in zip(
        MAP_PAGES[path], page.eval_on_selector_all(f"div.{MARKER_CLASS}", "ds => ds.map(d => d.outerHTML)")
    ):
        own = gzip_size(html.encode())
        # Upper bound: as if the map were alone on its page and loaded every shared file it uses itself
        # (a page's other maps, e.g. a student's folium map with folium's jQuery, may load more).
        uses = set(re.findall(r"_vendor/([\w./-]+)", html))
        assert uses, f"{path}:{name}: the map links no file of _vendor/"
        # the files it links, and every image the page loaded from _vendor/ (stylesheets load those)
        shared = sum(size for file, size in vendor.items() if file in uses or file.endswith(".png"))
        assert own + shared <= MAP_BUDGET, f"{path}:{name}: {own} + {shared} shared bytes gzipped"
        print(f"{path}:{name}: own {own} B, shared {shared} B, page {total} B (gzip)")
