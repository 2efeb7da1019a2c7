"""Sphinx extension with the course's own build fixes.

- Jupyter Book 1 registers the inline configuration scripts of sphinx-thebe and
  sphinx-togglebutton twice; the second `const THEBE_JS_URL` throws in the browser.
  Drop repeated inline scripts from each page.
"""
from __future__ import annotations


def _drop_repeated_inline_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        body = script.attributes.get("body") if not script.filename else None
        if body is not None:
            if body in seen:
                continue
            seen.add(body)
        kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", _drop_repeated_inline_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
