"""The language of what the package writes: `lang="en"` (default) or `lang="zh"`.

A public function that writes labels takes `lang`; when it is not given, the language is the
one of the enclosing `language(...)` block, else the one `set_language` chose for the session
(`shared_future.set_language("zh")` in a notebook: every later cell), else `$SHARED_FUTURE_LANG`
(`en` or `zh`), else English. Labels are English msgids looked up in the package's catalog
`shared_future/locale/<locale>/LC_MESSAGES/shared_future.po`, read with Babel when a Chinese
label is first asked for (English needs no catalog): `_("Projects")`; `N_` marks a label kept
in a constant and translated where it is shown. Placeholders are named (`{year}`), so a
translation may reorder them. `python -m shared_future.i18n update` writes the catalog's
msgids from the `_`/`N_` calls of the package, keeping every translation.

Content catalogs (quiz and data text, `data/locale/`) are read here too (`content`); what
they hold is described in `catalogs.py`. Country names come from pycountry's catalogs.
"""

from __future__ import annotations

import ast
import contextlib
import contextvars
import functools
import gettext
import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from .paths import data_dir

__all__ = [
    "DOMAIN",
    "LANGS",
    "LANG_ENV_VAR",
    "Entry",
    "N_",
    "_",
    "content",
    "content_path",
    "country_name",
    "current",
    "from_locale",
    "human_date",
    "label_catalog_path",
    "label_messages",
    "labels",
    "language",
    "locale_of",
    "localized_file",
    "main",
    "read_po_file",
    "resolve",
    "set_language",
    "speaks",
    "translate",
    "update_labels",
    "variant_path",
]

LANG_ENV_VAR = "SHARED_FUTURE_LANG"
LANGS = {"en": "en", "zh": "zh_CN"}  # the API's language names -> gettext locales
DOMAIN = "shared_future"
PACKAGE = Path(__file__).resolve().parent
F = TypeVar("F", bound=Callable[..., Any])
_active: contextvars.ContextVar[str | None] = contextvars.ContextVar("shared_future_lang", default=None)
# set_language's choice: a plain module variable, since IPython runs each cell in a copy of the
# context (a ContextVar set in one cell is gone in the next)
_session: str | None = None


def resolve(lang: str | None = None) -> str:
    """The language to write in: `lang`, else the enclosing `language` block's, else the
    session's (`set_language`), else $SHARED_FUTURE_LANG, else 'en'. An unknown name is a
    ValueError listing the known ones."""
    chosen = lang or _active.get() or _session or os.environ.get(LANG_ENV_VAR, "").strip() or "en"
    if chosen not in LANGS:
        source = "lang" if lang else LANG_ENV_VAR
        raise ValueError(f"{source}={chosen!r} is not a course language; use one of: {', '.join(LANGS)}")
    return chosen


def set_language(lang: str | None) -> str:
    """Write in `lang` ('en' or 'zh') from now on in this process: in a notebook, every later
    cell's quizzes, maps and timeline. `None` gives the choice back to $SHARED_FUTURE_LANG (else
    English). Returns the language now written; an unknown name is a ValueError listing the known ones."""
    global _session
    if lang is not None and lang not in LANGS:
        raise ValueError(f"set_language({lang!r}): not a course language; use one of: {', '.join(LANGS)}")
    _session = lang
    return resolve()


def current() -> str:
    return resolve()


def locale_of(lang: str | None = None) -> str:
    return LANGS[resolve(lang)]


def from_locale(locale: str | None) -> str:
    """The API's language of a Sphinx `language` setting: 'zh_CN' (or 'zh-CN') -> 'zh'; else 'en'."""
    wanted = str(locale or "en").replace("-", "_")
    return next((lang for lang, code in LANGS.items() if code == wanted), "en")


@contextlib.contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Write in `lang` (resolved as `resolve` does) inside the block."""
    token = _active.set(resolve(lang))
    try:
        yield _active.get() or "en"
    finally:
        _active.reset(token)


def speaks(function: F) -> F:
    """Run `function` in the language of its keyword-only argument `lang` (see `resolve`)."""

    @functools.wraps(function)
    def in_language(*args, **kwargs):
        with language(kwargs.get("lang")):
            return function(*args, **kwargs)

    return in_language  # type: ignore[return-value]


def variant_path(path: Path, lang: str | None = None) -> Path:
    """Where the `lang` version of a course file is: `name.zh_CN.md` beside `name.md`; for
    English, the file itself."""
    chosen = resolve(lang)
    return path if chosen == "en" else path.with_name(f"{path.stem}.{LANGS[chosen]}{path.suffix}")


def localized_file(path: Path, lang: str | None = None) -> Path:
    """The `lang` version of a file where one exists (see `variant_path`), else the file."""
    variant = variant_path(path, lang)
    return variant if variant.is_file() else path


def label_catalog_path(lang: str) -> Path:
    return PACKAGE / "locale" / LANGS[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Entry:
    """One message of a catalog: its English, its translation ('' if none) and whether fuzzy."""

    msgid: str
    msgstr: str
    fuzzy: bool


def read_po_file(path: Path) -> dict[str | None, dict[str, Entry]]:
    """msgctxt -> msgid -> Entry of a .po file (raises ValueError naming the file on bad syntax)."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError) as err:
        raise ValueError(f"{path.name}: not a valid gettext catalog ({err})") from None
    entries: dict[str | None, dict[str, Entry]] = {}
    for message in catalog:
        if message.id and isinstance(message.id, str):
            string = message.string if isinstance(message.string, str) else ""
            entries.setdefault(message.context, {})[message.id] = Entry(message.id, string, message.fuzzy)
    return entries


@functools.cache
def _labels(lang: str) -> dict[str, str]:
    path = label_catalog_path(lang)
    if not path.exists():  # English: the msgids themselves, no catalog
        return {}
    return {e.msgid: e.msgstr for e in read_po_file(path).get(None, {}).values() if e.msgstr and not e.fuzzy}


def labels(lang: str | None = None) -> dict[str, str]:
    """English label -> translation in `lang` (empty for English)."""
    return _labels(resolve(lang))


def _(message: str) -> str:
    """A label in the current language (the English itself where no translation exists)."""
    return labels().get(message, message)


def N_(message: str) -> str:
    """Marks a label for the catalog without translating it (translate it with `_` where shown)."""
    return message


def human_date(year: int, month: int, day: int, precision: str, month_name: str) -> str:
    """A date as a reader writes it at its precision: '7 September 2013', '2013年9月7日'."""
    form = {"day": N_("{day} {month_name} {year}"), "month": N_("{month_name} {year}"), "year": N_("{year}")}
    return _(form.get(precision, form["day"])).format(year=year, month=month, day=day, month_name=month_name)


@functools.cache
def _country_translation(locale: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


def country_name(iso3: str, english: str, lang: str | None = None) -> str:
    """A country's name in `lang`: pycountry's translation of its ISO name, else `english`."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return english
    translation = _country_translation(locale_of(lang))  # none for English: the names stay
    for name in (getattr(country, "common_name", None), country.name):
        if name and translation.gettext(name) != name:
            return translation.gettext(name)
    return english


def content_path(kind: str, name: str, lang: str) -> Path:
    """A content catalog: `data/locale/<locale>/LC_MESSAGES/<kind>/<name>.po`."""
    return data_dir() / "locale" / LANGS[lang] / "LC_MESSAGES" / kind / f"{name}.po"


@functools.lru_cache(maxsize=64)
def _content(path: Path, mtime: float) -> dict[str, Entry]:
    return {context or "": entry for context, by_id in read_po_file(path).items() for entry in by_id.values()}


def content(kind: str, name: str, lang: str | None = None) -> dict[str, Entry]:
    """msgctxt -> Entry of a quiz ('quizzes') or data ('data') catalog; {} for English or a
    missing catalog. A catalog that does not parse is a ValueError naming the file."""
    chosen = resolve(lang)
    path = content_path(kind, name, chosen)  # none for English
    if not path.exists():
        return {}
    try:
        return _content(path, path.stat().st_mtime)
    except ValueError as err:
        raise ValueError(f"{kind}/{name}.po ({LANGS[chosen]}): {err}") from None


def translate(entries: dict[str, Entry], context: str, english: str) -> str:
    """The translation of `english` at `context`, when one exists for exactly this English."""
    entry = entries.get(context)
    if entry is None or entry.fuzzy or not entry.msgstr or entry.msgid != english:
        return english
    return entry.msgstr


def label_messages() -> list[str]:
    """Every label of the package: the string literals given to `_(...)` and `N_(...)` in its
    modules (f-strings included), in the order of the files and lines."""
    seen: dict[str, None] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        calls = [
            node
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
        ]
        for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
            if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
                seen.setdefault(call.args[0].value, None)
    return list(seen)


def update_labels(lang: str = "zh") -> Path:
    """Write the label catalog of `lang` from the package's labels, keeping every translation."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    path = label_catalog_path(lang)
    old = None
    if path.exists():
        with path.open("rb") as handle:
            old = read_po(handle)
    catalog = Catalog(
        locale=LANGS[lang],
        domain=DOMAIN,
        project="A Community of Shared Future",
        version="1",
        header_comment=f"# {LANGS[lang]} labels of the course package; `python -m shared_future.i18n update` "
        "writes the msgids.\n#",
        creation_date=old.creation_date if old else None,
        revision_date=old.revision_date
        if old and isinstance(old.revision_date, datetime)
        else datetime.now(timezone.utc).replace(second=0, microsecond=0),
        msgid_bugs_address="https://github.com/shared-future-course/community-of-shared-future/issues",
        last_translator=old.last_translator if old else "the course's translators",
        language_team=f"{LANGS[lang]} <https://github.com/shared-future-course/community-of-shared-future>",
        fuzzy=False,
    )
    for message in label_messages():
        before = old.get(message) if old else None
        entry = catalog.add(message, before.string if before else "", flags=before.flags if before else ())
        # a translation may name other fields than the English ('{month}' for '{month_name}'):
        # tests/test_i18n.py checks the placeholders, not msgfmt
        entry.flags.discard("python-brace-format")
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m shared_future.i18n", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["update"], help="write the package's label catalog")
    parser.parse_args(argv)
    print(f"wrote {update_labels()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
