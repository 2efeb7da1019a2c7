"""The theme still works with its CSS cut to the rules the pages use (book/_ext/course_purge.py).

On a chapter page and a teacher's page, on a phone (390x844) and a laptop (1280x900): the search
dialog opens, dark mode switches the colours, the sidebar toggle opens or hides the navigation,
the launch and download dropdowns open, the copy buttons are placed on code cells. Each check
looks at what the CSS does (visible, colours, size), not only at a class. Screenshots of each
page in light and dark mode are written to `_build/screens/` to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUILD_HTML

PAGES = ["notebooks/04_belt_and_road.html", "book/teachers/lesson-plans.html"]
PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
SCREENS = BUILD_HTML.parent / "screens"
CUT_STYLESHEET = BUILD_HTML / "_static" / "styles" / "pydata-sphinx-theme.css"


def shot(page, path: str, label: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{Path(path).stem}-{label}.png"))


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_the_theme_css_is_cut():
    """The check below runs on the cut CSS, not on the theme's full file."""
    assert CUT_STYLESHEET.stat().st_size < 200_000, "pydata-sphinx-theme.css is not cut (397 KB uncut)"


@pytest.mark.parametrize("path", PAGES)
def test_search_dialog_opens(visit, path):
    page, record, _ = visit(path, viewport=LAPTOP)
    page.locator("button.search-button-field").first.click()
    dialog = page.locator("#pst-search-dialog")
    dialog.wait_for(state="visible", timeout=5000)
    field = dialog.locator("input[name=q]")
    assert field.is_visible() and field.evaluate("el => el === document.activeElement")
    box = dialog.bounding_box()
    assert box and box["width"] > 300, box
    shot(page, path, "search")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=5000)
    assert record.console_errors == [], record.console_errors


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_dark_mode_toggles(visit, path, viewport):
    page, record, _ = visit(path, viewport=viewport)
    light = background(page)
    shot(page, path, f"light-{viewport['width']}")
    switch = page.locator("button.theme-switch-button >> visible=true").first
    for _ in range(3):  # the button cycles through the modes (light, dark, auto)
        if page.evaluate("document.documentElement.dataset.mode") == "dark":
            break
        switch.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = background(page)
    assert dark != light, f"the background stayed {light} in dark mode"
    red, green, blue = (int(x) for x in dark[dark.index("(") + 1 : dark.index(")")].split(",")[:3])
    assert red + green + blue < 150, f"dark mode background {dark}"
    shot(page, path, f"dark-{viewport['width']}")
    assert record.console_errors == [], record.console_errors


@pytest.mark.parametrize("path", PAGES)
def test_sidebar_toggle_opens_the_navigation_on_a_phone(visit, path):
    page, record, _ = visit(path, viewport=PHONE)
    nav_link = page.locator("#pst-primary-sidebar-modal a.reference.internal")
    assert not page.locator("#pst-primary-sidebar-modal").is_visible()
    page.locator("button.primary-toggle >> visible=true").first.click()
    nav_link.first.wait_for(state="visible", timeout=5000)
    shot(page, path, "sidebar-390")
    assert record.console_errors == [], record.console_errors


@pytest.mark.parametrize("path", PAGES)
def test_sidebar_toggle_hides_the_navigation_on_a_laptop(visit, path):
    page, record, _ = visit(path, viewport=LAPTOP)
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible() and sidebar.bounding_box()["width"] > 150
    page.locator("button.primary-toggle >> visible=true").first.click()
    sidebar.wait_for(state="hidden", timeout=5000)
    page.locator("button.primary-toggle >> visible=true").first.click()
    sidebar.wait_for(state="visible", timeout=5000)
    assert record.console_errors == [], record.console_errors


@pytest.mark.parametrize("path", PAGES)
def test_download_dropdown_opens(visit, path):
    page, record, _ = visit(path, viewport=LAPTOP)
    dropdown = page.locator(".dropdown-download-buttons")
    menu = dropdown.locator(".dropdown-menu")
    assert not menu.is_visible()
    dropdown.locator("button.dropdown-toggle").click()
    menu.wait_for(state="visible", timeout=5000)
    assert menu.locator("a").first.is_visible()
    box = menu.bounding_box()
    assert box and box["height"] > 20, box
    shot(page, path, "dropdown")
    assert record.console_errors == [], record.console_errors


def test_launch_dropdown_and_copy_buttons_on_a_chapter(visit):
    page, record, _ = visit(PAGES[0], viewport=LAPTOP)
    launch = page.locator(".dropdown-launch-buttons")
    launch.locator("button.dropdown-toggle").click()
    launch.locator(".dropdown-menu a", has_text="Binder").wait_for(state="visible", timeout=5000)
    copy = page.locator("div.cell_input button.copybtn").first
    copy.wait_for(state="attached", timeout=5000)
    assert copy.evaluate("b => getComputedStyle(b).position") == "absolute"
    assert record.console_errors == [], record.console_errors
