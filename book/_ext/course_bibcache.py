"""Sphinx extension: sphinxcontrib-bibtex formats the references again only when they can change.

sphinxcontrib-bibtex formats every entry of every bibliography (220 references, about 2 s) on
each build, in its domain's `env_updated`, even when no page was read and no `.bib` file
changed. Its results (the domain's `citations`) are pickled with the environment, so when this
build read no page, removed none, and the `.bib` files and bibtex settings are as they were,
the pickled citations are still right and the formatting is skipped.

The domain is replaced by a subclass (Sphinx's `add_domain(..., override=True)`), so nothing
outside this build is changed.
"""
from __future__ import annotations

from pathlib import Path

from sphinxcontrib.bibtex.domain import BibtexDomain

SETTINGS = ("bibtex_bibfiles", "bibtex_default_style", "bibtex_reference_style", "bibtex_tooltips",
            "bibtex_tooltips_style", "bibtex_encoding")


def inputs_stamp(srcdir: str, config) -> tuple:
    """What the formatted references depend on besides the pages: the .bib files and settings."""
    files = []
    for name in config.bibtex_bibfiles or []:
        path = Path(srcdir) / name
        info = path.stat() if path.exists() else None
        files.append((name, info.st_mtime_ns if info else None, info.st_size if info else None))
    return tuple(files), tuple(repr(getattr(config, key, None)) for key in SETTINGS)


class CachedBibtexDomain(BibtexDomain):
    """The bibtex domain, skipping `env_updated` when nothing it reads has changed."""

    def env_updated(self):
        env = self.env
        stamp = inputs_stamp(env.srcdir, env.config)
        unchanged = (getattr(env, "course_bib_docs_changed", True) is False
                     and getattr(env, "course_bib_stamp", None) == stamp and self.citations)
        env.course_bib_stamp = stamp
        if unchanged:
            return []
        return super().env_updated()


def _note_outdated(app, env, added, changed, removed):
    env.course_bib_removed = bool(removed)
    return []


def _note_reads(app, env, docnames):
    env.course_bib_docs_changed = bool(docnames) or getattr(env, "course_bib_removed", True)


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_domain(CachedBibtexDomain, override=True)
    app.connect("env-get-outdated", _note_outdated)
    app.connect("env-before-read-docs", _note_reads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
