"""folium's own API on the course maps and on a student's own `folium.Map`, offline.

For each course map, a student's additions (Marker with Popup, Tooltip or DivIcon,
CircleMarker, PolyLine, GeoJson with style_function, GeoJsonTooltip and GeoJsonPopup, a
FeatureGroup, a LayerControl, plugins.MarkerCluster) are rendered two ways and opened in
Chromium with every other host blocked:
- the JupyterLab way: what the notebook shows (`_repr_html_`, every file inline);
- the book way: the same HTML after the build's rewrite (`map_assets.link_assets`) on a page one
  folder down, the files under `_vendor/` (what `book/_ext/course_map_files.py` writes).
Checked: no console error, no request to another host or failing locally, the student's
markers, circle, line and polygon drawn, the default marker image loaded, a popup opens on
click, the cluster drawn, one layer control listing the student's layer beside the course's, the
student's layers named in the legend; at a desktop's width and (the book way) a phone's, where the
layer list starts folded behind its button.
A map built from scratch with `folium.Map` and a Marker with a Popup draws both ways too.
"""

from __future__ import annotations

import folium
import pytest
from folium import plugins

from shared_future import capstone, map_assets, map_display, maps
from tools.browser import MAP_READY, keep_local, serve

STUDENT_LAYER = "My places"
POPUP_TEXT = "Hello from a student"
SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Student square", "note": "drawn with GeoJson"},
            "geometry": {"type": "Polygon", "coordinates": [[[60, -30], [70, -30], [70, -20], [60, -20], [60, -30]]]},
        }
    ],
}


def add_student_layers(m: folium.Map) -> folium.Map:
    """What a folium tutorial has a student add to a map."""
    group = folium.FeatureGroup(name=STUDENT_LAYER).add_to(m)
    folium.Marker([-10, 40], popup=folium.Popup(POPUP_TEXT), tooltip="student marker").add_to(group)
    folium.Marker([-12, 50], icon=folium.DivIcon(html='<b class="student-divicon">D</b>')).add_to(group)
    folium.Marker([-14, 55], tooltip=folium.Tooltip("student tooltip")).add_to(group)
    folium.CircleMarker([-20, 45], radius=8, class_name="student-circle", popup="circle").add_to(group)
    folium.PolyLine([[-25, 30], [-28, 40]], class_name="student-line", color="#D55E00").add_to(group)
    folium.GeoJson(
        SQUARE,
        name="Student square",
        style_function=lambda f: {"fillColor": "#009E73", "color": "#000", "className": "student-area"},
        tooltip=folium.GeoJsonTooltip(fields=["name"]),
        popup=folium.GeoJsonPopup(fields=["note"]),
    ).add_to(m)
    cluster = plugins.MarkerCluster(name="Student cluster").add_to(m)
    for offset in (0, 0.01, 0.02):
        folium.Marker([-35 + offset, 20 + offset]).add_to(cluster)
    folium.LayerControl().add_to(m)
    return m


def course_maps():
    made = [make() for make in maps.ALL_MAPS]
    made.append(capstone.profile_map(capstone.country_profile("PAK")))
    return [add_student_layers(m) for m in made]


def scratch_map() -> folium.Map:
    m = folium.Map(location=[0, 20], zoom_start=3)
    folium.Marker([0, 20], popup=POPUP_TEXT).add_to(m)
    return m


def page(body: str) -> str:
    head = '<meta charset="utf-8"><title>map</title>'
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{body}</body></html>'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Both renditions of every map on a local site: kernel/<name>.html and book/<name>.html."""
    root = tmp_path_factory.mktemp("folium-site")
    files = map_assets.vendor_files()
    for relative, content in files.items():
        target = root / map_assets.VENDOR_DIR / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    (root / "kernel").mkdir()
    (root / "book").mkdir()
    names = []
    for m in [*course_maps(), scratch_map()]:
        shown = map_display.map_html(m)
        name = getattr(m, "sf_name", "scratch")
        (root / "kernel" / f"{name}.html").write_text(page(shown), encoding="utf-8")
        (root / "book" / f"{name}.html").write_text(page(map_assets.link_assets(shown, "../", files)), encoding="utf-8")
        names.append(name)
    with serve(root) as url:
        yield url, names


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def open_frame(browser, url: str, viewport: str = "desktop"):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    blocked, errors, failed = [], [], []
    keep_local(context, url, blocked)
    tab = context.new_page()
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on(
        "requestfailed",
        lambda r: r.url.startswith(url.split("/")[0] + "//" + url.split("/")[2]) and failed.append(r.url),
    )
    tab.goto(url, wait_until="load")
    frame = tab.frame_locator(f"div.{map_assets.MARKER_CLASS} iframe").first
    frame.locator(".leaflet-container").wait_for(timeout=15000)
    return context, tab, frame, blocked, errors, failed


def show_student_area(frame) -> None:
    """Centre the map on the student's additions (a one-country map opens zoomed elsewhere)."""
    frame.locator(".leaflet-container").evaluate(
        "el => Object.values(el.ownerDocument.defaultView).find(v => v instanceof L.Map)"
        ".setView([-22, 40], 3, {animate: false})"
    )
    frame.locator(".marker-cluster").first.wait_for(timeout=5000)


def open_popup(frame, target) -> str:
    target.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    frame.locator(".leaflet-popup-close-button").first.dispatch_event("click")
    frame.locator(".leaflet-popup").first.wait_for(state="detached", timeout=5000)
    return text


@pytest.mark.parametrize("way,viewport", [("kernel", "desktop"), ("book", "desktop"), ("book", "phone")])
def test_student_folium_layers_on_every_course_map(browser, site, way, viewport):
    url, names = site
    for name in names[:-1]:
        context, tab, frame, blocked, errors, failed = open_frame(browser, f"{url}{way}/{name}.html", viewport)
        try:
            frame.locator(MAP_READY).wait_for(timeout=15000)
            tab.wait_for_load_state("networkidle")
            show_student_area(frame)
            assert blocked == [] and failed == [] and errors == [], (name, blocked, failed, errors)
            icons = frame.locator("img.leaflet-marker-icon")
            assert icons.count() >= 2, f"{name}: the student's default markers are not drawn"
            assert icons.first.evaluate("img => img.complete && img.naturalWidth > 0"), f"{name}: no marker image"
            assert frame.locator(".student-divicon").count() == 1
            assert frame.locator("path.student-circle").count() == 1
            assert frame.locator("path.student-line").count() == 1
            assert frame.locator("path.student-area").count() == 1
            assert frame.locator(".marker-cluster").count() >= 1, f"{name}: the student's cluster is not drawn"
            controls = frame.locator(".leaflet-control-layers")
            assert controls.count() == 1, f"{name}: {controls.count()} layer controls"
            folded = controls.locator(".sf-toggle")
            assert folded.get_attribute("aria-expanded") == ("false" if viewport == "phone" else "true")
            if viewport == "phone":
                folded.click()
            legend = frame.locator(".sf-legend .sf-body").evaluate("el => el.textContent")
            assert STUDENT_LAYER in legend and "Student square" in legend and "Student cluster" in legend, legend
            labels = controls.first.inner_text()
            assert STUDENT_LAYER in labels and "Student square" in labels, labels
            assert maps.TILES["name"] in labels, f"{name}: the course's layers left the control: {labels}"
            assert POPUP_TEXT in open_popup(frame, icons.first)
            assert "drawn with GeoJson" in open_popup(frame, frame.locator("path.student-area"))
            frame.locator("img.leaflet-marker-icon").nth(1).dispatch_event("mouseover")
            assert frame.locator(".leaflet-tooltip", has_text="student").count() >= 1
            toggle = controls.locator("label", has_text=STUDENT_LAYER).locator("input")
            toggle.uncheck()
            assert frame.locator(".student-divicon").count() == 0
            toggle.check()
            assert frame.locator(".student-divicon").count() == 1
        finally:
            context.close()


@pytest.mark.parametrize("way", ["kernel", "book"])
def test_a_map_built_from_scratch_draws_offline(browser, site, way):
    url, _ = site
    context, tab, frame, blocked, errors, failed = open_frame(browser, f"{url}{way}/scratch.html")
    try:
        marker = frame.locator("img.leaflet-marker-icon")
        marker.wait_for(timeout=10000)
        tab.wait_for_load_state("networkidle")
        assert marker.evaluate("img => img.complete && img.naturalWidth > 0")
        assert POPUP_TEXT in open_popup(frame, marker)
        # folium's default OpenStreetMap tiles are the only thing asked of another host.
        assert all("tile.openstreetmap.org" in u for u in blocked), blocked
        assert failed == [], failed
        assert [e for e in errors if "ERR_FAILED" not in e] == [], errors
    finally:
        context.close()
