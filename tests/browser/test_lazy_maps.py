"""Maps in the book draw when they come near the viewport, not at page load (course_lazy_maps).

At load a map far below the fold has no document yet (its srcdoc waits in data-sf-srcdoc, so
Leaflet, the course map code and the outlines are neither fetched nor run); scrolling to it
draws it; `?maps=eager` (handouts, tests) and printing draw every map at once.
"""

from __future__ import annotations

from tools.browser import EAGER_MAPS, MAP_FRAMES, MAP_READY

PAGE = "notebooks/04_belt_and_road.html"  # three maps, all below the first screen on a phone
PHONE = {"width": 390, "height": 844}


def drawn(page) -> list[bool]:
    """For each map of the page (at least two), whether its document is in place."""
    shown = page.eval_on_selector_all(MAP_FRAMES, "fs => fs.map(f => f.hasAttribute('srcdoc'))")
    assert len(shown) >= 2, f"{PAGE} should have several maps"
    return shown


def test_maps_wait_until_scrolled_to(visit):
    page, record, _ = visit(PAGE, viewport=PHONE)
    assert not any(drawn(page))
    assert not [r.url for r in record.local_responses if "/_vendor/" in r.url], "map files loaded at page load"
    page.locator(MAP_FRAMES).first.scroll_into_view_if_needed()
    page.frame_locator(MAP_FRAMES).first.locator(MAP_READY).wait_for(timeout=15_000)
    assert drawn(page)[0]
    assert any("/_vendor/leaflet/leaflet.js" in r.url for r in record.local_responses)
    assert record.console_errors == [], record.console_errors


def test_eager_flag_draws_every_map(visit):
    page, record, _ = visit(PAGE + EAGER_MAPS, viewport=PHONE)
    assert all(drawn(page))
    for i in range(len(drawn(page))):
        page.frame_locator(MAP_FRAMES).nth(i).locator(MAP_READY).wait_for(timeout=15_000)
    assert record.console_errors == [], record.console_errors


def test_printing_draws_every_map(visit):
    page, record, _ = visit(PAGE, viewport=PHONE)
    assert not any(drawn(page))
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert all(drawn(page))
    page.frame_locator(MAP_FRAMES).nth(1).locator(MAP_READY).wait_for(timeout=15_000)
