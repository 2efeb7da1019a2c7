"""Launch buttons open the student edition: Binder, Colab and JupyterHub links of a chapter
page point at `student/<chapter>.ipynb` (shared_future/student_edition.py), the notebook that
renders in any Jupyter, instead of the MyST source in `notebooks/` that the theme links.
The ".ipynb" download stays the source. Beside them, "Run in your browser" opens the chapter
in the book's own JupyterLite site (`lite/`, built by `make lite`: scripts/lite.py)."""

from __future__ import annotations

from pathlib import Path

SOURCE, STUDENT = "notebooks", "student"
LAUNCHERS = ("Binder", "Colab", "JupyterHub")
LITE_APP = "lite/notebooks/index.html"  # the JupyterLite site's Notebook: one document, fits a phone
IN_THE_BROWSER = "Run in your browser"


def _point_at_student_edition(app, pagename, templatename, context, doctree):
    folder, _, name = pagename.partition("/")
    if folder != SOURCE or not (Path(app.srcdir) / STUDENT / f"{name}.ipynb").is_file():
        return
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        for button in group["buttons"]:
            if button.get("text") in LAUNCHERS:
                button["url"] = (
                    button["url"]
                    .replace(f"{SOURCE}/{name}.ipynb", f"{STUDENT}/{name}.ipynb")
                    .replace(f"{SOURCE}%2F{name}.ipynb", f"{STUDENT}%2F{name}.ipynb")
                )
        group["buttons"].insert(0, _browser_button(pagename, name))


def _browser_button(pagename: str, name: str) -> dict:
    """The chapter in JupyterLite served by the book itself (a link relative to the page)."""
    return {
        "type": "link",
        "text": IN_THE_BROWSER,
        "tooltip": "JupyterLite: nothing to install",
        "icon": "fas fa-laptop-code",  # a glyph of the icon font every page loads, not one more image
        "url": f"{'../' * pagename.count('/')}{LITE_APP}?path={name}.ipynb",
    }


def setup(app):
    app.connect("html-page-context", _point_at_student_edition, priority=600)  # after the theme's 501
    return {"parallel_read_safe": True, "parallel_write_safe": True}
