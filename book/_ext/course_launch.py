"""Launch buttons open the student edition: Binder, Colab and JupyterHub links of a chapter
page point at `student/<chapter>.ipynb` (shared_future/student_edition.py), the notebook that
renders in any Jupyter, instead of the MyST source in `notebooks/` that the theme links.
The ".ipynb" download stays the source."""

from __future__ import annotations

from pathlib import Path

SOURCE, STUDENT = "notebooks", "student"
LAUNCHERS = ("Binder", "Colab", "JupyterHub")


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


def setup(app):
    app.connect("html-page-context", _point_at_student_edition, priority=600)  # after the theme's 501
    return {"parallel_read_safe": True, "parallel_write_safe": True}
