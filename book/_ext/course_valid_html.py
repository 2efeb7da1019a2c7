"""Sphinx extension: pages that pass the HTML validator (W3C Nu checker, `vnu-jar`).

- Unique ids for exercises and solutions: sphinx-exercise gives the content section of every
  exercise `id="exercise-content"` and of every solution `id="solution-content"`, so a page
  with four exercises repeats each id four times (which breaks `aria-labelledby`, in-page
  links and scripts). Each becomes `<owner id>-content`, keeping the old id as a class.
- Styles in `<head>`: a notebook output may carry a `<style>` element (the course quiz's
  stylesheet, which must travel inside the output to work in JupyterLab; pandas' `<style
  scoped>` before each DataFrame). `<style>` is not allowed in the body (and `scoped` is not
  HTML), so in the built page each distinct one moves to the page's `<head>`, once.
- Citations (references page): docutils writes `<div role="list">` around entries with the
  deprecated DPUB role `doc-biblioentry`, which is not a list item to assistive technology (axe
  rule aria-required-children, critical). Each entry becomes `role="listitem"`.
- The site's root `index.html`: sphinx-external-toc writes a bare `<meta http-equiv="Refresh">`
  line when the file is missing (no doctype, no title). A complete page that redirects, with a
  link for readers whose browser does not, is written first.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from course_pages import write_if_changed
from docutils import nodes

SHARED_IDS = {"exercise-content", "solution-content"}
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)


def _owner_id(node: nodes.Element) -> str | None:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get("ids"):
            return parent["ids"][0]
        parent = parent.parent
    return None


def _unique_content_ids(app, doctree, docname) -> None:
    seen: set[str] = set()
    for section in doctree.findall(nodes.section):
        shared = [i for i in section["ids"] if i in SHARED_IDS]
        if not shared:
            continue
        kind = shared[0]
        base = f"{_owner_id(section) or docname.replace('/', '-')}-{kind.split('-')[0]}-content"
        new_id, n = base, 1
        while new_id in seen:
            n += 1
            new_id = f"{base}-{n}"
        seen.add(new_id)
        section["ids"] = [new_id if i == kind else i for i in section["ids"]]
        section["classes"].append(kind)


def hoist_styles(body: str) -> tuple[str, list[str]]:
    """The body without its <style> elements, and their distinct contents in order."""
    found: list[str] = []
    for css in STYLE.findall(body):
        if css.strip() and css not in found:
            found.append(css)
    return STYLE.sub("", body), found


def _styles_to_head(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body") or ""
    if "<style" not in body.lower():
        return
    context["body"], styles = hoist_styles(body)
    context["metatags"] = context.get("metatags", "") + "".join(f"\n<style>{css}</style>" for css in styles)


def redirect_page(title: str, target: str, lang: str = "en") -> str:
    """A valid HTML page in language `lang` that sends the reader to `target` (a relative URL)."""
    title, target, lang = html.escape(title), html.escape(target, quote=True), html.escape(lang, quote=True)
    start = "：从这里开始" if lang.startswith("zh") else ": start here"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<meta http-equiv="Refresh" content="0; url={target}">\n<link rel="canonical" href="{target}">\n'
        f'</head>\n<body>\n<p><a href="{target}">{title}{start}</a></p>\n</body>\n</html>\n'
    )


def _citations_as_list_items(app, pagename, templatename, context, doctree):
    if 'role="doc-biblioentry"' in context.get("body", ""):
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _write_root_redirect(app, exception) -> None:
    if exception or app.builder.format != "html" or app.config.root_doc == "index":
        return
    lang = (app.config.language or "en").replace("_", "-")
    text = redirect_page(app.config.html_title or app.config.project, f"{app.config.root_doc}.html", lang)
    write_if_changed(Path(app.outdir) / "index.html", text)


def setup(app):
    app.connect("build-finished", _write_root_redirect, priority=400)  # before sphinx-external-toc's
    app.connect("doctree-resolved", _unique_content_ids)
    app.connect("html-page-context", _styles_to_head)
    app.connect("html-page-context", _citations_as_list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
