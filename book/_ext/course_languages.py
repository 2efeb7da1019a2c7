"""Sphinx extension: the English and the Chinese editions link to each other, page by page.

The Chinese edition (`make book-zh`, `scripts/book_zh.py`) is the same book built with
`language = "zh_CN"` into `zh/` inside the English site. On every page of both editions this
extension puts a language switch above the content that opens the same page in the other
edition (and `<link rel="alternate" hreflang>` in the head). A Chinese page that is not in the
manifest of translated pages, `locale/zh_CN/manifest.yml`, says so at the top, in Chinese and in
English, and links to the English page; while its text is still mostly English, that text is
marked `lang="en"` for screen readers and hyphenation. The stylesheet (the switch, the notice,
the Chinese font fallback stack, system fonts only, and a phone rule that lets long inline code
break), `course_languages.css`, goes inline into each page's head.
"""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.locale import _
from sphinx.locale import init as init_locale
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

__all__ = [
    "cjk_share",
    "edition_roots",
    "is_chinese",
    "other_edition_url",
    "prose_text",
    "stylesheet",
    "translated_pages",
]

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "locale" / "zh_CN" / "manifest.yml"
STYLESHEET = Path(__file__).with_name("course_languages.css")
CHINESE_FOLDER = "zh"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CITATION_LINK = re.compile(r"(^|/)references\.html#")  # a link into the bibliography page
URL = re.compile(r"(?:https?://|www\.)\S+")
LETTER = re.compile(r"[^\W\d_]")
TRANSLATED_IN_CONFIG = {"404"}  # its text is `notfound_context` in the edition's configuration
MOSTLY_ENGLISH = 0.3  # below this share of CJK letters, a page's text is marked lang="en"
WRITTEN_IN_CHINESE = 0.5  # from this share of CJK letters, a message is Chinese already


def is_chinese(language: str | None) -> bool:
    return (language or "").lower().startswith("zh")


def translated_pages(manifest: Path = MANIFEST) -> list[str]:
    """The docnames the manifest counts as translated (a ValueError naming the file when malformed)."""
    data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    pages = data.get("translated") if isinstance(data, dict) else None
    if not isinstance(pages, list) or not all(isinstance(page, str) for page in pages):
        raise ValueError(f"{manifest}: field translated: expected a list of page names (docnames)")
    return pages


def other_edition_url(pagename: str, target_uri: str, chinese: bool) -> str:
    """The relative URL, from page `pagename`, of the same page in the other edition."""
    up = "../" * pagename.count("/")
    return f"{up}../{target_uri}" if chinese else f"{up}{CHINESE_FOLDER}/{target_uri}"


class _Prose(HTMLParser):
    """Collects the text of paragraphs, list items, headings and definitions, leaving out code,
    scripts, tables (source data), citations, URLs and the terms a definition list defines (the
    glossary's headwords are bilingual by design: Chinese, pinyin and the English term)."""

    PROSE = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd"}
    SKIP = {"nav", "code", "pre", "script", "style", "table", "kbd", "samp", "math", "svg", "iframe", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.skipping: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        skip = (
            tag in self.SKIP
            or "cite" in classes  # sphinxcontrib-bibtex's citations: author names and years
            or "headerlink" in classes
            or (tag == "a" and bool(CITATION_LINK.search(attributes.get("href") or "")))  # author_year citations
        )
        self.open.append(tag)
        self.skipping.append(skip or bool(self.skipping and self.skipping[-1]))

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open:
                self.skipping.pop()
                if self.open.pop() == tag:
                    break

    def handle_data(self, data):
        if self.skipping and self.skipping[-1]:
            return
        if self.PROSE & set(self.open):
            self.parts.append(URL.sub(" ", data))


def prose_text(page_html: str) -> str:
    """The prose of an HTML page or fragment: paragraphs, list items, headings, definitions (not their terms)."""
    parser = _Prose()
    parser.feed(page_html)
    return " ".join(parser.parts)


def cjk_share(text: str) -> float:
    """The share of CJK characters among the letters of `text` (0 when it has none)."""
    letters = len(LETTER.findall(text))
    return len(CJK.findall(text)) / letters if letters else 0.0


def _switch(url: str, chinese: bool) -> str:
    if chinese:
        link = f'<a href="{html.escape(url, quote=True)}" hreflang="en" lang="en">English</a>'
        label = "语言 / Language"
    else:
        link = f'<a href="{html.escape(url, quote=True)}" hreflang="zh-CN" lang="zh-CN">中文</a>'
        label = "Language / 语言"
    return f'<nav class="sf-languages" aria-label="{label}">{link}</nav>\n'


def _untranslated_notice(url: str) -> str:
    href = html.escape(url, quote=True)
    return (
        '<div class="sf-untranslated" role="note">\n'
        f'<p lang="zh-CN">本页尚未译成中文，下面是英文原文。<a href="{href}" hreflang="en">阅读英文版</a></p>\n'
        f'<p lang="en">This page is not translated into Chinese yet; the text below is the English original. '
        f'<a href="{href}" hreflang="en">Read the English page</a></p>\n'
        "</div>\n"
    )


def mark_english(body: str) -> str:
    """`body` with its first section (the page's content under its title) marked lang="en"."""
    return re.sub(r"<section\b", '<section lang="en"', body, count=1)


def edition_roots(baseurl: str, chinese: bool) -> tuple[str, str]:
    """The published addresses of the English and the Chinese sites, from this build's `html_baseurl`."""
    base = baseurl if baseurl.endswith("/") else baseurl + "/"
    if chinese:
        return base.removesuffix(f"{CHINESE_FOLDER}/"), base
    return base, f"{base}{CHINESE_FOLDER}/"


def _link_editions(app, pagename, templatename, context, doctree) -> None:
    chinese = is_chinese(app.config.language)
    target = app.builder.get_target_uri(pagename)
    english_root, chinese_root = edition_roots(app.config.html_baseurl, chinese)
    context["metatags"] = context.get("metatags", "") + (
        f"\n<style>{app.course_stylesheet}</style>"  # inline: a request of its own weighed more (page budgets)
        f'\n<link rel="alternate" hreflang="en" href="{html.escape(english_root + target, quote=True)}">'
        f'\n<link rel="alternate" hreflang="zh-CN" href="{html.escape(chinese_root + target, quote=True)}">'
    )
    if chinese and context.get("theme_search_bar_text") == "Search...":
        # sphinx-book-theme's catalog lacks "Search" (its default here); Sphinx's own has it
        context["theme_search_bar_text"] = _("Search") + "..."
    body = context.get("body")
    if not body:
        return
    url = other_edition_url(pagename, target, chinese)
    top = _switch(url, chinese)
    if chinese and pagename not in app.course_translated_pages and pagename not in TRANSLATED_IN_CONFIG:
        top += _untranslated_notice(url)
        if cjk_share(prose_text(body)) < MOSTLY_ENGLISH:
            body = mark_english(body)
    context["body"] = top + body


def _check_translated_page(app, doctree) -> None:
    """A page in the manifest whose text is not all in its catalog (an English edit not yet
    translated, or not brought in with `make locale`) is a warning, so the strict build fails.
    A message already in Chinese was written in Chinese where it comes from (a file's Chinese
    variant, book/_ext/course_variants.py; a cell's output, from code run in Chinese): no catalog
    has it, and none needs to."""
    docname = app.env.docname
    if docname not in app.course_translated_pages:
        return
    untranslated = [
        node.astext()
        for node in doctree.findall(nodes.Element)
        if node.get("translated") is False and cjk_share(node.astext()) < WRITTEN_IN_CHINESE
    ]
    if untranslated:
        shown = "; ".join(repr(text[:50]) for text in untranslated[:3])
        logger.warning(
            f"{docname} is in {app.config.course_manifest} but {len(untranslated)} of its messages are not "
            f"translated ({shown}): translate them in locale/zh_CN/LC_MESSAGES/{docname}.po "
            "(`make locale` brings new English text there) or take the page out of the manifest",
            location=docname,
        )


def _translate_toc_captions(app, doctree) -> None:
    """The part captions of `_toc.yml` in the page's catalog's words: sphinx-external-toc adds its
    toctrees (InsertToctrees) after Sphinx has translated the page, so the sidebar kept them in
    English although `make locale` puts them in the root page's catalog."""
    if not is_chinese(app.config.language):
        return
    toctrees = [node for node in doctree.findall(addnodes.toctree) if node.get("rawcaption")]
    if not toctrees:
        return
    domain = docname_to_domain(app.env.docname, app.config.gettext_compact)
    dirs = [str(Path(app.srcdir, folder)) for folder in app.config.locale_dirs]
    catalog, found = init_locale(dirs, app.config.language, domain)
    if not found:
        return
    for node in toctrees:
        node["caption"] = catalog.gettext(node["rawcaption"])


def _unique_ids(app, doctree, docname) -> None:
    """Each id once per page: Sphinx parses every translated message as a document of its own, so
    the citations of two translated paragraphs can both get `id2` (sphinxcontrib-bibtex numbers
    them per document). A repeated id gets a suffix (nothing links to a citation's own id)."""
    if not is_chinese(app.config.language):
        return
    taken = {i for node in doctree.findall(nodes.Element) for i in node.get("ids", [])}
    seen: set[str] = set()
    for node in doctree.findall(nodes.Element):
        ids = node.get("ids", [])
        for n, old in enumerate(ids):
            if old in seen:
                new, k = old, 1
                while new in taken:
                    k += 1
                    new = f"{old}-{k}"
                ids[n] = new
                taken.add(new)
            seen.add(ids[n])


def _read_manifest(app) -> None:
    app.course_stylesheet = stylesheet()
    chinese = is_chinese(app.config.language)
    app.course_translated_pages = set(translated_pages(Path(app.config.course_manifest))) if chinese else set()


def _pages_changing_status(app, env, added, changed, removed) -> list[str]:
    """Pages that entered or left the manifest since the last build: read and written again."""
    before = getattr(env, "course_translated_pages", set())
    env.course_translated_pages = app.course_translated_pages
    return sorted((before ^ app.course_translated_pages) & env.found_docs)


def stylesheet() -> str:
    """The switch's, the notice's and the Chinese fonts' rules, without comments or indentation."""
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s*\n\s*", "", css)


def setup(app):
    app.add_config_value("course_manifest", str(MANIFEST), "env")
    # the stylesheet's digest as an "html" setting: a change to the rules writes every page again
    app.add_config_value("course_stylesheet_digest", hashlib.sha256(STYLESHEET.read_bytes()).hexdigest(), "html")
    app.connect("builder-inited", _read_manifest)
    app.connect("doctree-read", _check_translated_page)
    app.connect("doctree-read", _translate_toc_captions)
    app.connect("doctree-resolved", _unique_ids, priority=900)  # after the citations are resolved
    app.connect("env-get-outdated", _pages_changing_status)
    app.connect("html-page-context", _link_editions, priority=700)  # after the lazy maps and launch buttons
    return {"parallel_read_safe": True, "parallel_write_safe": True}
