"""Accessibility: axe-core (npm, pinned in package.json) audits every built page in Chromium,
maps' iframes included: no serious or critical violation. And a map is usable by keyboard
alone: Tab reaches the map, its zoom buttons, layer switches, legend toggle and time control;
Enter, Space and the arrow keys operate them. (Keyboard-only quizzes: test_quiz_pages.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUILD_HTML, built_pages

from shared_future.map_assets import MARKER_CLASS
from shared_future.maps import BRI_PERIODS, bri_participation_map, key_moments_map
from tools.browser import MAP_READY

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
PAGES = [p for p in built_pages() if p != "index.html"]  # index.html only redirects
# Violations of the theme (pydata-sphinx-theme 0.17.1 via sphinx-book-theme 1.3.0), not of the
# course, allowed only on these elements: rule id -> CSS selector of the theme's element.
THEME = {
    # The theme's search button is named by aria-label="Search" while its visible text is
    # "Search Ctrl+K" (the keyboard shortcut in a <kbd>): the name does not contain all the
    # visible text. It is the theme's template (layout/_search-button.html); nothing to fix here.
    "label-content-name-mismatch": "button.search-button__button",
}


def axe_source() -> str:
    if not AXE.is_file():
        raise RuntimeError(f"{AXE} is missing: run `npm ci` (make npm) first.")
    return AXE.read_text(encoding="utf-8")


def wait_for_maps(page) -> int:
    maps = page.locator(f"div.{MARKER_CLASS} iframe")
    for i in range(maps.count()):
        maps.nth(i).scroll_into_view_if_needed()  # a map draws when it comes near the viewport
        page.frame_locator(f"div.{MARKER_CLASS} iframe").nth(i).locator(MAP_READY).wait_for(timeout=15000)
    return maps.count()


def run_axe(page) -> dict:
    """axe-core injected into the page and each of its frames (so it audits the maps too)."""
    source = axe_source()
    for frame in page.frames:
        frame.add_script_tag(content=source)
    return page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")


def allowed(rule: str, node: dict, page) -> bool:
    selector = THEME.get(rule)
    return (
        bool(selector)
        and len(node["target"]) == 1
        and page.locator(node["target"][0]).evaluate("(el, sel) => el.matches(sel)", selector)
    )


def blocking_problems(page) -> list[str]:
    """axe's serious and critical violations on the page and in its frames, the theme's allowed ones aside."""
    problems = []
    for violation in run_axe(page)["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            if not allowed(violation["id"], node, page):
                problems.append(
                    f"{violation['impact']} {violation['id']} ({violation['help']}): "
                    f"{' >> '.join(node['target'])}: {node['html'][:160]}"
                )
    return problems


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(visit, path):
    page, record, _ = visit(path)
    maps = wait_for_maps(page)
    problems = blocking_problems(page)
    assert problems == [], f"{path}:\n" + "\n".join(problems)
    if maps:  # the audit really reached inside the map frames
        assert page.frames[1].evaluate("typeof axe") == "object"


# ---------------------------------------------------------------------------- keyboard and maps

VIEWPORTS = {"desktop": {"width": 1100, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def map_page(browser, request):
    """A page with no network at all, showing one course map document (assets inline), at a
    desktop's and a phone's width (where the legend and the layer list start folded)."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    context.route("**/*", lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def show(course_map):
        page.set_content(course_map.document())
        page.locator(MAP_READY).wait_for(timeout=15000)
        return page

    yield show
    assert errors == []
    context.close()


def tab_to(page, selector: str, label: str = "", limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector` (and its <label> holds `label`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "([s, text]) => { const el = document.activeElement; return !!el && el.matches(s) && "
            "(!text || (el.closest('label') || {textContent: ''}).textContent.includes(text)); }",
            [selector, label],
        ):
            return
    pytest.fail(f"Tab never reached {selector} {label}")


FIND_MAP = "Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map)"


def leaflet_map(page, expression: str):
    """Evaluate `expression` on the page's Leaflet map, named `map`."""
    return page.evaluate(f"() => {{ const map = {FIND_MAP}; return {expression}; }}")


def test_map_controls_by_keyboard(map_page):
    page = map_page(key_moments_map())
    markers = lambda: page.locator(".sf-marker").count() + page.locator(".sf-cluster").count()  # noqa: E731
    tab_to(page, ".leaflet-container")  # the map itself takes the arrow keys
    centre = leaflet_map(page, "map.getCenter().lng")
    page.keyboard.press("ArrowRight")
    # moved, and the pan has finished (a zoom pressed during the pan's animation can be lost)
    page.wait_for_function(
        f"() => {{ const map = {FIND_MAP}; return map.getCenter().lng > {centre} "
        "&& !(map._panAnim && map._panAnim._inProgress); }"
    )

    zoom = leaflet_map(page, "map.getZoom()")
    tab_to(page, ".leaflet-control-zoom-in")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => {FIND_MAP}.getZoom() > {zoom}")

    assert markers() > 0
    layers = page.locator(".leaflet-control-layers .sf-toggle")
    if layers.get_attribute("aria-expanded") == "false":  # folded on a phone: its button opens it
        tab_to(page, ".leaflet-control-layers .sf-toggle")
        page.keyboard.press("Enter")
        assert layers.get_attribute("aria-expanded") == "true"
    tab_to(page, ".leaflet-control-layers input", label="Key moments")
    page.keyboard.press("Space")
    assert markers() == 0, "Space on the layer switch left the markers on"
    page.keyboard.press("Space")
    assert markers() > 0

    toggle, body = page.locator(".sf-legend .sf-toggle"), page.locator(".sf-legend .sf-body")
    tab_to(page, ".sf-legend .sf-toggle")
    was_open = toggle.get_attribute("aria-expanded") == "true"
    assert body.is_visible() == was_open
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == ("false" if was_open else "true")
    assert body.is_visible() != was_open
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == ("true" if was_open else "false")
    assert body.is_visible() == was_open


def test_time_control_by_keyboard(map_page):
    page = map_page(bri_participation_map())
    shaded = lambda: page.locator("path.sf-bri").count()  # noqa: E731
    slider, output = page.locator(".sf-time input[type=range]"), page.locator(".sf-time output")
    every = shaded()
    tab_to(page, ".sf-time input[type=range]")
    page.keyboard.press("Home")
    assert slider.input_value() == "0" and str(BRI_PERIODS[0][0]) in output.inner_text()
    assert slider.get_attribute("aria-valuetext") == output.inner_text()
    first = shaded()
    page.keyboard.press("ArrowRight")
    assert slider.input_value() == "1" and shaded() >= first
    page.keyboard.press("End")
    assert shaded() == every and first < every

    play = page.locator(".sf-time button")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.matches('.sf-time button')")
    page.keyboard.press("Enter")
    assert play.get_attribute("aria-label") == "Pause"
    page.keyboard.press("Enter")
    assert play.get_attribute("aria-label") == "Play"


MAP_PAGES = [p for p in PAGES if 'data-sf-map="' in (BUILD_HTML / p).read_text(encoding="utf-8")]


def test_the_book_has_a_map_page():
    assert "notebooks/02_origins.html" in MAP_PAGES


@pytest.mark.parametrize("path", MAP_PAGES)
def test_map_pages_on_a_phone_have_no_serious_or_critical_violations(visit, path):
    """The axe audit of the map pages again at a phone's width, where the map controls fold."""
    page, record, _ = visit(path, viewport=VIEWPORTS["phone"])
    assert wait_for_maps(page)
    problems = blocking_problems(page)
    assert problems == [], f"{path}:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("path", MAP_PAGES)
def test_tab_enters_a_built_map(visit, path, viewport):
    """In the book, Tab from the map frame's element lands on the map's own controls."""
    page, record, _ = visit(path, viewport=VIEWPORTS[viewport])
    assert wait_for_maps(page)
    holder = page.locator(f"div.{MARKER_CLASS} iframe").first
    assert holder.get_attribute("tabindex") in (None, "0")
    holder.focus()
    page.keyboard.press("Tab")
    frame = page.frames[1]
    assert frame.evaluate("!!document.activeElement.closest('.leaflet-container')"), frame.evaluate(
        "document.activeElement.outerHTML"
    )
