"""Sphinx extension: an edition in another language reads the language variants of files.

A file may have a variant in the edition's language beside it, `name.zh_CN.md` beside `name.md`
(`shared_future.i18n.variant_path`): the generated pages of the Chinese edition (answer keys,
the progress page, the list of question banks), written in Chinese from the package's labels
and the quiz catalogs, and the capstone rubric, which chapter 8 and the rubrics page share.
The English build never sees them (`_config.yml` excludes `**.zh_CN.md` from the documents),
and each build writes only its own language's files (the Chinese one writes an English page
only where it is missing, as Sphinx finds a document by its English file), so neither overwrites
the other's and a no-change English build after a Chinese one reads nothing.

In a build whose `language` has variants, this extension reads

- a document's variant instead of its file (`source-read`);
- an included file's variant (`include-read`, MyST's `{include}`); for `make locale` (the
  gettext builder) an included file with a variant gives no text, as it is translated at its
  source, not in the including page's catalog;
- a `{raw}` directive's `:file:` variant;

and reads a document again when a variant it uses changed, or appeared since (`env-get-outdated`;
Sphinx sees a variant that changed, as it is noted as a dependency). Text read from a variant is
in Chinese already, so the manifest check (course_languages.py) asks no catalog for it.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils.parsers.rst.directives.misc import Raw

from shared_future.i18n import from_locale, variant_path

__all__ = ["LocalizedRaw", "edition_language", "variant_of"]


def edition_language(config) -> str:
    """The package's language of a build ('en' or 'zh'), from its `language` setting."""
    return from_locale(config.language)


def variant_of(path: str | Path, lang: str) -> Path | None:
    """The `lang` variant of a file, when the language has one and it exists."""
    if lang == "en":
        return None
    variant = variant_path(Path(path), lang)
    return variant if variant.is_file() else None


def _for_catalogs(app) -> bool:
    return app.builder.name == "gettext"


def _read_document(app, docname: str, source: list[str]) -> None:
    variant = variant_of(app.env.doc2path(docname), edition_language(app.config))
    if variant is None or _for_catalogs(app):  # `make locale`: the pages with variants have no catalog
        return
    source[0] = variant.read_text(encoding="utf-8")
    app.env.note_dependency(str(variant))


def _read_included(app, relative: Path, parent: str, content: list[str]) -> None:
    variant = variant_of(Path(app.srcdir) / relative, edition_language(app.config))
    if variant is None:
        return
    content[0] = "" if _for_catalogs(app) else variant.read_text(encoding="utf-8")
    app.env.note_dependency(str(variant))


class LocalizedRaw(Raw):
    """docutils' `raw` directive, reading the edition's variant of its `:file:` where one exists."""

    def run(self):
        settings = self.state.document.settings
        env = getattr(settings, "env", None)
        if env is not None and "file" in self.options:
            folder = Path(self.state.document.current_source or env.doc2path(env.docname)).parent
            variant = variant_of(folder / self.options["file"], edition_language(env.config))
            if variant is not None:
                self.options["file"] = os.path.join(os.path.dirname(self.options["file"]), variant.name)
        return super().run()


def _variants_appeared(app, env, added, changed, removed) -> list[str]:
    """Documents with a variant of their file or of a file they use that they did not read."""
    lang = edition_language(app.config)
    if lang == "en":
        return []
    outdated = []
    for docname in sorted(env.found_docs - added - changed - removed):
        used = {Path(env.srcdir, dep).resolve() for dep in env.dependencies.get(docname, ())}
        for path in [Path(env.doc2path(docname)), *used]:
            variant = variant_of(path, lang)
            if variant is not None and variant.resolve() not in used:
                outdated.append(docname)
                break
    return outdated


def setup(app):
    app.connect("source-read", _read_document)
    app.connect("include-read", _read_included)
    app.connect("env-get-outdated", _variants_appeared)
    app.add_directive("raw", LocalizedRaw, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
