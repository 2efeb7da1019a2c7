"""Sphinx extension: where the book is published, from one setting.

The one setting is `repository.url` in `_config.yml` (Jupyter Book passes it to the theme's
launch and repository buttons; `shared_future.hub_links` and the Colab cell read it too). The
book is published by `.github/workflows/publish.yml` to that repository's GitHub Pages site,
so the site's address follows from it: `https://github.com/OWNER/REPO` ->
`https://OWNER.github.io/REPO/`. From that address this extension sets `html_baseurl` (the
sitemap's base), `ogp_site_url` (Open Graph) and `notfound_urls_prefix` (the 404 page's links).
A book served elsewhere sets `html_baseurl` in `_config.yml` (`sphinx: config:`) and the rest
follows from it.

It also writes `sitemap.xml`, listing every page of the book (all documents Sphinx knows, not
only those written by this build: sphinx-sitemap lists only the pages an incremental build
rewrote, so a one-page edit would publish a one-page sitemap).

And it loads sphinxext-opengraph: that extension imports matplotlib (0.5 s of CPU on every
build, a third of a no-change rebuild) only to draw social-card images; with the cards off
(`ogp_social_cards: {enable: false}`, as in `_config.yml`) it is given a stand-in for its card
module, so matplotlib is not imported. With the cards on, it loads as it is.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from course_pages import write_if_changed

NOT_IN_SITEMAP = {"search", "genindex", "404"}


def pages_url(repository_url: str) -> str:
    """The GitHub Pages address of a GitHub repository (ValueError for any other URL)."""
    parts = urlsplit(repository_url.rstrip("/").removesuffix(".git"))
    path = [p for p in parts.path.split("/") if p]
    if parts.scheme != "https" or parts.netloc != "github.com" or len(path) != 2:
        raise ValueError(
            f"repository.url {repository_url!r}: expected https://github.com/OWNER/REPO, "
            "or set html_baseurl for a book served elsewhere"
        )
    owner, repo = path
    return f"https://{owner.lower()}.github.io/{repo}/"


def _set_published_location(app, config) -> None:
    if not config.html_baseurl:
        repository = (config.html_theme_options or {}).get("repository_url", "")
        config.html_baseurl = pages_url(repository)
    if not config.html_baseurl.endswith("/"):
        config.html_baseurl += "/"
    config.ogp_site_url = config.html_baseurl
    config.ogp_site_name = config.html_title or config.project
    config.notfound_urls_prefix = urlsplit(config.html_baseurl).path


def sitemap_xml(base_url: str, uris: list[str]) -> str:
    """A sitemap (sitemaps.org 0.9) of the pages at `uris`, relative to `base_url`."""
    entries = "".join(f"<url><loc>{escape(base_url + uri)}</loc></url>" for uri in sorted(uris))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'
    )


def _write_sitemap(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    uris = [app.builder.get_target_uri(doc) for doc in app.env.found_docs if doc not in NOT_IN_SITEMAP]
    text = sitemap_xml(app.config.html_baseurl, uris)
    write_if_changed(Path(app.outdir) / "sitemap.xml", text)


CARDS_MODULE = "sphinxext.opengraph._social_cards"


def load_opengraph(app) -> None:
    """Set up sphinxext-opengraph; without matplotlib when the social cards are off."""
    raw = {**app.config._raw_config, **app.config._overrides}  # conf.py, then Jupyter Book's settings
    cards = raw.get("ogp_social_cards") or {}
    if cards.get("enable", True) is not False or "sphinxext.opengraph" in sys.modules:
        app.setup_extension("sphinxext.opengraph")
        return
    stand_in = types.ModuleType(CARDS_MODULE)
    stand_in.DEFAULT_SOCIAL_CONFIG = {"enable": False}
    stand_in.create_social_card = None  # what the extension checks before drawing a card
    sys.modules[CARDS_MODULE] = stand_in
    try:
        app.setup_extension("sphinxext.opengraph")
    finally:
        del sys.modules[CARDS_MODULE]  # a later import (cards on, another build) gets the real module


def setup(app):
    load_opengraph(app)
    app.connect("config-inited", _set_published_location, priority=100)
    app.connect("build-finished", _write_sitemap)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
