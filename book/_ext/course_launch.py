"""Launch buttons open the student edition: Binder, Colab and JupyterHub links of a chapter
page point at `student/<chapter>.ipynb` (shared_future/student_edition.py), the notebook that
renders in any Jupyter, instead of the MyST source in `notebooks/` that the theme links.
The ".ipynb" download stays the source. Beside them, "Run in your browser" opens the chapter
in the book's own JupyterLite site (`lite/`, built by `make lite`: scripts/lite.py).

In the Chinese edition the buttons' texts and tooltips come from the theme's catalog, with the
course's additions (`locale/zh_CN/LC_MESSAGES/booktheme.po`: they say the notebooks are English),
and a note above the chapter says so and gives the two switches to Chinese: the package's
`shared_future.set_language("zh")` and JupyterLab's Settings > Language (its words: `course.po`;
book/_ext/course_catalogs.py)."""

from __future__ import annotations

import html
from pathlib import Path

from course_languages import is_chinese
from sphinx.locale import get_translation

SOURCE, STUDENT = "notebooks", "student"
LAUNCHERS = ("Binder", "Colab", "JupyterHub")
LITE_APP = "lite/notebooks/index.html"  # the JupyterLite site's Notebook: one document, fits a phone
IN_THE_BROWSER = "Run in your browser"
SWITCH_PACKAGE = 'shared_future.set_language("zh")'  # shared_future/i18n.py
SWITCH_LAB = "Settings > Language > 中文 (简体, 中国)"  # JupyterLab's menu, with its language pack
NOTE = (
    "The launch buttons (under the rocket at the top of the page) open this chapter's notebook in "
    "English. Run {code} in the notebook and the quizzes, maps and timeline of the cells after it are "
    "in Chinese; in JupyterLab, {menu} puts its menus in Chinese too."
)
# inline: the note is on Chinese pages only, and the English pages keep their bytes (page budgets)
NOTE_STYLE = "border-left:0.3rem solid var(--pst-color-info);padding:0.3rem 0.8rem;margin:0 0 1rem;font-size:0.9rem"
translate = get_translation("course")


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
        if is_chinese(app.config.language) and context.get("body"):
            context["body"] = english_notebooks_note() + context["body"]


def english_notebooks_note() -> str:
    """The note of a Chinese chapter page: the notebooks are English, and how to get Chinese."""
    text = html.escape(translate(NOTE), quote=False)
    text = text.replace("{code}", f"<code>{html.escape(SWITCH_PACKAGE, quote=False)}</code>")
    text = text.replace("{menu}", f"<em>{html.escape(SWITCH_LAB, quote=False)}</em>")
    return f'<div class="sf-launch-note" role="note" style="{NOTE_STYLE}"><p style="margin:0">{text}</p></div>\n'


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
