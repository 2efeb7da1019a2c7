"""Sphinx extension: sphinxcontrib-bibtex formats a reference again only when it can change.

sphinxcontrib-bibtex formats every entry of every bibliography (220 references, about 2 s) on
each build, in its domain's `env_updated`, after any page was read. Two savings, both exact:

- When this build read no page, removed none, and the `.bib` files and bibtex settings are as
  they were, the domain's pickled `citations` are still right and `env_updated` is skipped.
- Otherwise every formatted entry is looked up in a cache kept in the environment (so it is
  pickled with it) before pybtex formats it. The key is what the formatting reads: the style
  (name, class, pybtex and sphinxcontrib-bibtex versions), the entry's label and the entry itself
  (type, fields, persons). An edit that leaves the references as they were formats nothing; one
  that adds an entry or a citation formats only the entries whose text or label changed.
  Entries with a `crossref` (formatted from another entry too) and entries that failed to
  format (so their warning is given again) are never cached.
- sphinxcontrib-bibtex rewrites only the pages Sphinx read, so after a `.bib` edit a page citing
  the edited entry kept its old text (the tooltip) until it was next edited. Every page citing a
  key whose formatted entry, label or bibliography changed is now rewritten too, so an
  incremental build gives the same pages as a fresh one.

Each citation a page resolves also asked pybtex for its plain-text backend, which scans every
installed package's entry points (about 10 ms a citation, 460 citations); the backend is
registered once, by name, with pybtex's own `register_plugin`.

The domain is replaced by a subclass (Sphinx's `add_domain(..., override=True)`), so nothing
outside this build is changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pybtex.plugin
from pybtex.richtext import Tag
from pybtex.style import FormattedEntry
from pybtex.style.template import FieldIsMissing
from sphinx.util import logging
from sphinxcontrib.bibtex.domain import BibtexDomain

logger = logging.getLogger(__name__)

SETTINGS = (
    "bibtex_bibfiles",
    "bibtex_default_style",
    "bibtex_reference_style",
    "bibtex_tooltips",
    "bibtex_tooltips_style",
    "bibtex_encoding",
)
LIBRARIES = (version("pybtex"), version("sphinxcontrib-bibtex"))


def inputs_stamp(srcdir: str, config) -> tuple:
    """What the formatted references depend on besides the pages: the .bib files and settings."""
    files = []
    for name in config.bibtex_bibfiles or []:
        path = Path(srcdir) / name
        info = path.stat() if path.exists() else None
        files.append((name, info.st_mtime_ns if info else None, info.st_size if info else None))
    return tuple(files), tuple(repr(getattr(config, key, None)) for key in SETTINGS)


def style_name(style) -> str:
    """A style as the cache knows it: its class (its name in the config may alias another)."""
    kind = type(style)
    return f"{kind.__module__}.{kind.__qualname__}" if style is not None else ""


def entry_cache_key(style, tooltip_style, label: str, entry) -> str | None:
    """The cache key of one formatted entry; None for an entry that reads another (crossref)."""
    if "crossref" in entry.fields:
        return None
    text = repr((LIBRARIES, style_name(style), style_name(tooltip_style), label, entry.key, repr(entry)))
    return hashlib.sha256(text.encode()).hexdigest()


class FormattedEntries:
    """The formatted entries of the last build (`previous`), and those this build uses."""

    def __init__(self, previous: dict[str, tuple[Any, Any]]):
        self.previous = previous
        self.used: dict[str, tuple[Any, Any]] = {}
        self.formatted = 0  # entries pybtex formatted in this build
        self.reused = 0  # entries taken from the cache
        self.keys: dict[tuple[str, str], str | None] = {}  # (bibliography page, citation key) -> cache key


class CachedBibtexDomain(BibtexDomain):
    """The bibtex domain: skips `env_updated` when nothing it reads has changed, and formats
    each entry through the environment's cache of formatted entries."""

    def env_updated(self):
        env = self.env
        stamp = inputs_stamp(env.srcdir, env.config)
        unchanged = (
            getattr(env, "course_bib_docs_changed", True) is False
            and getattr(env, "course_bib_stamp", None) == stamp
            and self.citations
        )
        env.course_bib_stamp = stamp
        if unchanged:
            return []
        self.cache = FormattedEntries(getattr(env, "course_bib_formatted", {}))
        updated = list(super().env_updated())
        env.course_bib_formatted = self.cache.used  # only the entries still in use: no stale growth
        env.course_bib_formatted_now = self.cache.formatted
        logger.verbose(
            "[course_bibcache] %d references formatted, %d from the cache", self.cache.formatted, self.cache.reused
        )
        signatures, previous = self.citation_signatures(), getattr(env, "course_bib_signatures", {})
        env.course_bib_signatures = signatures
        changed = {key for key in signatures.keys() | previous.keys() if signatures.get(key) != previous.get(key)}
        return updated + sorted(self.pages_citing(changed))

    def citation_signatures(self) -> dict[str, tuple]:
        """What a citation of each key renders from: its bibliographies, ids and formatted
        entries (their cache key, or their text for an entry that is not cached)."""
        signatures: dict[str, list] = {}
        for citation in self.citations:
            where = citation.bibliography_key.docname
            tooltip = citation.tooltip_entry.text if citation.tooltip_entry else None
            formatted = self.cache.keys.get((where, citation.key)) or repr(
                (citation.formatted_entry.label, citation.formatted_entry.text, tooltip)
            )
            signatures.setdefault(citation.key, []).append((where, citation.citation_id, formatted))
        return {key: tuple(sorted(parts)) for key, parts in signatures.items()}

    def pages_citing(self, keys: set[str]) -> set[str]:
        """The pages that cite any of `keys`: sphinxcontrib-bibtex rewrites only the pages it
        read, so a page whose cited entry changed in a .bib file would keep the old text."""
        return {ref.docname for ref in self.citation_refs if any(target.key in keys for target in ref.targets)}

    def get_formatted_entries(
        self, bibliography_key, docnames, tooltips: bool, tooltips_style: str
    ) -> Iterator[tuple[Any, FormattedEntry, FormattedEntry | None]]:
        """As sphinxcontrib-bibtex's own (same entries, order, labels and warnings), with each
        `format_entry` looked up in the cache first."""
        bibliography = self.bibliographies[bibliography_key]
        entries = dict(self.get_sorted_entries(bibliography_key, docnames))
        style = pybtex.plugin.find_plugin("pybtex.style.formatting", bibliography.style)()
        tooltip_style = None
        if tooltips:
            tooltip_style = (
                pybtex.plugin.find_plugin("pybtex.style.formatting", tooltips_style)() if tooltips_style else style
            )
        sorted_entries = list(style.sort(entries.values()))
        labels = style.format_labels(sorted_entries)
        for label, entry in zip(labels, sorted_entries, strict=True):
            full_label = bibliography.labelprefix + label
            key = entry_cache_key(style, tooltip_style, full_label, entry)
            self.cache.keys[(bibliography_key.docname, bibliography.keyprefix + entry.key)] = key
            cached = (self.cache.used.get(key) or self.cache.previous.get(key)) if key else None
            if cached is not None:
                self.cache.used[key] = cached
                self.cache.reused += 1
                yield (entry, *cached)
                continue
            try:
                formatted = (
                    style.format_entry(full_label, entry),
                    tooltip_style.format_entry(full_label, entry) if tooltip_style else None,
                )
            except FieldIsMissing as exc:
                logger.warning(
                    str(exc),
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="missing_field",
                )
                yield entry, FormattedEntry(entry.key, Tag("b", str(exc)), full_label), None
                continue
            self.cache.formatted += 1
            if key:
                self.cache.used[key] = formatted
            yield (entry, *formatted)


def register_plaintext_backend(app, env, docnames) -> None:
    """Resolve pybtex's plain-text backend once, instead of once per citation (each lookup
    scans every installed package's entry points); only in a build that reads pages."""
    if not docnames:
        return
    group, name = "pybtex.backends", "plaintext"
    pybtex.plugin.register_plugin(group, name, pybtex.plugin.find_plugin(group, name), force=True)


def _note_outdated(app, env, added, changed, removed):
    env.course_bib_removed = bool(removed)
    return []


def _note_reads(app, env, docnames):
    env.course_bib_docs_changed = bool(docnames) or getattr(env, "course_bib_removed", True)


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_domain(CachedBibtexDomain, override=True)
    app.connect("env-before-read-docs", register_plaintext_backend)
    app.connect("env-get-outdated", _note_outdated)
    app.connect("env-before-read-docs", _note_reads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
