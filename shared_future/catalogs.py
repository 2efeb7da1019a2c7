"""Translation catalogs of the course content: quiz text and the data text pages and maps show.

One gettext catalog per quiz (`data/locale/<locale>/LC_MESSAGES/quizzes/<quiz>.po`) and per
data set (`.../data/<dataset>.po`). Every message is one English text, exactly as the source
holds it (msgid), named by where it comes from (msgctxt):

- quizzes: `title`, or `<question id>.<field path>`, the path counting list items from 0:
  `origins-1.prompt`, `origins-1.options.0.text`, `origins-1.options.0.feedback`,
  `origins-3.items.2`; ids, types, answers and source keys are not text a learner reads;
- data: `<row id>.<column>`, the row id being the row's unique key (data/README.md) as the
  file writes it, several key columns joined by '/': `2013-09-07/Xi proposes ....title`,
  `guterres-2017.claim`; URLs, codes, numbers and country names (pycountry's own catalogs
  translate those) are not in catalogs.

`python -m shared_future.catalogs extract` writes the catalogs from the English sources.
Updating keeps every translation: a message whose English changed keeps its old msgstr,
flagged fuzzy, with the English it translated in a note (`#. English when translated: ...`);
a translated message whose source is gone is kept as obsolete (#~).
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .data import as_file_text, display_name, load, load_geojson
from .i18n import content, country_name, translate
from .paths import data_dir
from .schemas import DATASETS

if TYPE_CHECKING:  # Babel and the quiz model load only to write or check catalogs
    from babel.messages.catalog import Catalog

__all__ = [
    "COUNTRY_COLUMNS",
    "DATA_CATALOGS",
    "LOCALE",
    "PROJECT",
    "QUIZ_CHAPTERS",
    "DataCatalog",
    "catalog_path",
    "check_catalog",
    "check_catalogs",
    "data_messages",
    "extract",
    "main",
    "row_id",
    "translated_collection",
    "translated_frame",
    "translator",
]

LOCALE = "zh_CN"
PROJECT = "A Community of Shared Future"
ISSUES = "https://github.com/shared-future-course/community-of-shared-future/issues"
KEY_JOINER = "/"
PREVIOUS = "English when translated: "  # the note on a fuzzy message
FORMAT_GUESSES = {"python-format", "python-brace-format"}


@dataclass(frozen=True)
class DataCatalog:
    """A data set whose text learners read: the text columns, and the chapters that show them."""

    name: str
    columns: tuple[str, ...]
    chapters: tuple[int, ...]
    geojson: bool = False


# Chapters that show each data set's text (a table, a map, a timeline), read from the notebooks
# and the package functions they call. Codes with a fixed list of values (categories, types,
# statuses, regions, counts_what of bri_counts) are labels of the package's own catalog.
DATA_CATALOGS = {
    c.name: c
    for c in (
        DataCatalog("course_outline", ("title", "part"), (1,)),
        DataCatalog("timeline", ("title", "description", "place"), (2, 3, 4, 5, 7)),
        DataCatalog("governance_reform", ("institution", "member", "measure"), (3,)),
        DataCatalog("pillars", ("pillar", "wording"), (3,)),
        DataCatalog("corridors", ("name", "kind", "via"), (4,), geojson=True),
        DataCatalog("projects", ("name", "description", "cost_note"), (4, 8)),
        DataCatalog("bri_countries", ("note",), (4, 6, 7, 8)),
        DataCatalog("bri_counts", ("note",), (4, 8)),
        DataCatalog("aiib_members", ("note",), (5, 8)),
        DataCatalog("aiib_membership_counts", ("counts_what", "note"), (5, 8)),
        DataCatalog("funds", ("name", "purpose", "became", "note"), (5,)),
        DataCatalog("communities", ("partner_name", "title", "note"), (6, 8)),
        DataCatalog("viewpoints", ("affiliation", "claim", "evidence", "note"), (5, 7, 8)),
    )
}
QUIZ_CHAPTERS = {
    "what_is_it": 1,
    "origins": 2,
    "pillars": 3,
    "belt_and_road": 4,
    "aiib_and_finance": 5,
    "communities": 6,
    "reception": 7,
    "review_capstone": 8,
}
# Who translates what in part 1 of the Chinese edition (issue 25); chapters 5-8 are part 2.
TRANSLATORS = {1: "ch13", 2: "ch2", 3: "ch13", 4: "ch4"}


def translator(chapters: tuple[int, ...]) -> str:
    """The translator of a catalog: the one of the lowest chapter that shows it."""
    return TRANSLATORS.get(min(chapters), "part 2 (issue 26)")


def locale_dir(locale: str = LOCALE) -> Path:
    return data_dir() / "locale" / locale / "LC_MESSAGES"


def catalog_path(kind: str, name: str, locale: str = LOCALE) -> Path:
    """`data/locale/zh_CN/LC_MESSAGES/<kind>/<name>.po`; kind is 'quizzes' or 'data'."""
    return locale_dir(locale) / kind / f"{name}.po"


def row_id(dataset: str, record: dict) -> str:
    """A row's id in msgctxt: its key as the file writes it, key columns joined by '/'."""
    if DATA_CATALOGS[dataset].geojson:
        return str(record["name"])
    return KEY_JOINER.join(str(record[column]) for column in DATASETS[dataset].key)


def data_records(dataset: str) -> list[dict]:
    """The rows (or GeoJSON feature properties) of a data set, every value as the file writes it."""
    if DATA_CATALOGS[dataset].geojson:
        return [feature["properties"] for feature in load_geojson(dataset)["features"]]
    return as_file_text(load(dataset)).to_dict("records")


def data_messages(dataset: str, records: list[dict] | None = None) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every non-empty text cell of a data set's catalog columns, row by row."""
    spec = DATA_CATALOGS[dataset]
    rows = data_records(dataset) if records is None else records
    return [
        (f"{row_id(dataset, row)}.{column}", str(row[column]))
        for row in rows
        for column in spec.columns
        if str(row.get(column) or "").strip()
    ]


# Where a data set names countries by code: (code column, name column); the names shown come
# from pycountry's catalogs (`i18n.country_name`).
COUNTRY_COLUMNS = {
    "bri_countries": ("iso3", "country"),
    "aiib_members": ("iso3", "country"),
    "communities": ("partner", "partner_name"),
}


def _row_ids(name: str, frame: pd.DataFrame) -> list[str]:
    key = list(DATASETS[name].key)
    precision = [f"{c}_precision" for c in key if f"{c}_precision" in frame.columns]
    text = as_file_text(frame[key + precision])
    return [row_id(name, record) for record in text.to_dict("records")]


def translated_frame(name: str, frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A typed frame of data set `name` with its text in `lang` (default `i18n.resolve`): the
    catalog's translation where it has one for exactly this English, country names from
    pycountry; every other cell, the rows, the index and `attrs` unchanged."""
    spec, countries = DATA_CATALOGS.get(name), COUNTRY_COLUMNS.get(name)
    keyed = set(DATASETS[name].key) <= set(frame.columns)  # a frame without its key: no row ids
    entries = content("data", name, lang) if spec and keyed else {}
    if not entries and not countries:
        return frame
    result = frame.copy()
    if entries and spec:
        ids = _row_ids(name, frame)
        for column in (c for c in spec.columns if c in frame.columns):
            result[column] = [
                translate(entries, f"{rid}.{column}", value) if isinstance(value, str) and value else value
                for rid, value in zip(ids, frame[column])
            ]
    if countries and set(countries) <= set(frame.columns):
        code, label = countries
        result[label] = [country_name(c, n, lang) for c, n in zip(frame[code], result[label])]
    return result


def translated_collection(name: str, collection: dict, lang: str | None = None) -> dict:
    """A GeoJSON collection of the course with its feature texts in `lang` (see `translated_frame`)."""
    entries = content("data", name, lang) if name in DATA_CATALOGS else {}
    if not entries:
        return collection
    features = []
    for feature in collection["features"]:
        props = dict(feature.get("properties") or {})
        rid = row_id(name, props)
        for column in DATA_CATALOGS[name].columns:
            if isinstance(props.get(column), str) and props[column]:
                props[column] = translate(entries, f"{rid}.{column}", props[column])
        features.append({**feature, "properties": props})
    return {**collection, "features": features}


def read_catalog(path: Path) -> Catalog:
    """A .po file as a Babel catalog (raises on a file that is not gettext)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=LOCALE, abort_invalid=True)


def _new_catalog(name: str, old: Catalog | None) -> Catalog:
    from babel.messages.catalog import Catalog

    now = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    return Catalog(
        locale=LOCALE,
        domain=name,
        header_comment=f"# Chinese (zh_CN) translation of {name}, from the English sources of the course.\n"
        "# Written by `python -m shared_future.catalogs extract`; translate the msgstr only.\n#",
        project=PROJECT,
        version="1",
        msgid_bugs_address=ISSUES,
        creation_date=old.creation_date if old else now,
        revision_date=old.revision_date if old else now,
        last_translator=old.last_translator if old else f"the course's translators <{ISSUES}>",
        language_team=f"{LOCALE} <https://github.com/shared-future-course/community-of-shared-future>",
        fuzzy=False,
    )


def merged(name: str, messages: list[tuple[str, str]], old: Catalog | None) -> Catalog:
    """The catalog of `messages`, keeping the translations of `old` (matched by msgctxt)."""
    catalog = _new_catalog(name, old)
    previous = {m.context: m for m in old if m.id and m.context} if old else {}
    for context, text in messages:
        before = previous.pop(context, None)
        if before is None or not before.string:
            message = catalog.add(text, "", context=context, flags=before.flags - {"fuzzy"} if before else ())
        elif before.id == text:  # a fuzzy one keeps its note of the English it translated
            notes = before.auto_comments if before.fuzzy else ()
            message = catalog.add(text, before.string, context=context, flags=before.flags, auto_comments=notes)
        else:  # (a note, not gettext's `#| msgid`: Babel drops that when it reads the file again)
            notes = [f"{PREVIOUS}{before.id}"]
            flags = (before.flags - {"fuzzy"}) | {"fuzzy"}
            message = catalog.add(text, before.string, context=context, flags=flags, auto_comments=notes)
        # course text is no format string: Babel guesses 'python-format' from a '%' ('60%'), which
        # makes `msgfmt -c` check it as one; a translator's 'no-python-format' is kept
        message.flags -= FORMAT_GUESSES
    for context, message in previous.items():
        if message.string:
            catalog.obsolete[(str(message.id), context)] = message
    if old:
        for key, message in old.obsolete.items():
            catalog.obsolete.setdefault(key, message)
    return catalog


def po_text(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True)
    return out.getvalue()


def _write(path: Path, name: str, messages: list[tuple[str, str]]) -> bool:
    """Write one catalog if its messages changed; True when the file was written."""
    old = read_catalog(path) if path.exists() else None
    catalog = merged(name, messages, old)
    text = po_text(catalog)
    if old is not None and text == path.read_bytes():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
    return True


def extract() -> list[Path]:
    """Write (or update) every quiz and data catalog; returns the files written."""
    from .quiz.model import check_all
    from .quiz.translation import quiz_messages

    written = []
    for name, quiz in check_all().items():
        path = catalog_path("quizzes", name)
        if _write(path, name, quiz_messages(quiz)):
            written.append(path)
    for name in DATA_CATALOGS:
        path = catalog_path("data", name)
        if _write(path, name, data_messages(name)):
            written.append(path)
    return written


def _what(kind: str, context: str) -> str:
    """'question origins-1: field options.0.text' or 'row <id>: field <column>' of a msgctxt."""
    if kind == "quizzes":
        if context == "title":
            return "field title"
        qid, _dot, field = context.partition(".")
        return f"question {qid}: field {field or '(none)'}"
    rid, _dot, column = context.rpartition(".")
    return f"row {rid}: field {column}"


def check_catalog(path: Path, kind: str, expected: dict[str, str]) -> tuple[list[str], str | None]:
    """(errors, information) about one catalog against the English it translates (`expected`,
    msgctxt -> msgid). A translation that names no question, row or field, or whose msgid is no
    longer the English, is an error; untranslated, fuzzy, missing or stale untranslated
    messages are information (the extraction brings them up to date)."""
    from .i18n import read_po_file

    name = display_name(path)
    try:
        entries = read_po_file(path)
    except ValueError as err:
        return [f"{name}: {str(err).split(': ', 1)[-1]}"], None
    errors, translated, fuzzy, stale, seen = [], 0, 0, 0, set()
    for context, by_id in entries.items():
        for entry in by_id.values():
            if not context:
                errors.append(f"{name}: msgid {entry.msgid[:60]!r}: has no msgctxt (the field it translates)")
                continue
            seen.add(context)
            english = expected.get(context)
            where = f"{name}: msgctxt {context!r} ({_what(kind, context)})"
            if english != entry.msgid and not entry.msgstr:
                stale += 1
            elif english is None:
                target = "question, option or field" if kind == "quizzes" else "row or column"
                errors.append(f"{where}: names no {target} of the English source")
            elif english != entry.msgid:
                errors.append(
                    f"{where}: msgid no longer matches the English ({english[:60]!r}); "
                    "run `python -m shared_future.catalogs extract` (the translation becomes fuzzy) and revise it"
                )
            elif entry.fuzzy:
                fuzzy += 1
            elif entry.msgstr:
                translated += 1
    missing = len(set(expected) - seen)
    if translated == len(expected) and not stale:
        return errors, None
    details = [f"{fuzzy} fuzzy"] * bool(fuzzy)
    details += [f"{missing + stale} out of date (run the extraction)"] * bool(missing + stale)
    return errors, f"{name}: {translated} of {len(expected)} translated" + (
        f" ({', '.join(details)})" if details else ""
    )


def check_catalogs(quizzes: dict, locale: str = LOCALE) -> tuple[list[str], list[str]]:
    """(errors, information) of every quiz and data catalog of `locale` (`quizzes`: name ->
    validated Quiz). A catalog of an unknown quiz or data set is an error; so is one that does
    not parse (named, never a traceback)."""
    from .quiz.translation import quiz_messages

    errors, info = [], []
    sources: list[tuple[Path, str, object]] = []
    for path in sorted((locale_dir(locale) / "quizzes").glob("*.po")):
        quiz = quizzes.get(path.stem)
        sources.append((path, "quizzes", (lambda q=quiz: dict(quiz_messages(q))) if quiz else None))
    for path in sorted((locale_dir(locale) / "data").glob("*.po")):
        known = path.stem in DATA_CATALOGS
        sources.append((path, "data", (lambda n=path.stem: dict(data_messages(n))) if known else None))
    for path, kind, messages in sources:
        if messages is None:
            what = "quiz in data/quizzes" if kind == "quizzes" else "data set with a catalog (catalogs.DATA_CATALOGS)"
            errors.append(f"{display_name(path)}: there is no {what} called {path.stem!r}")
            continue
        try:
            found, note = check_catalog(path, kind, messages())  # type: ignore[operator]
        except Exception as err:  # noqa: BLE001 (the validator reports, it never crashes)
            found, note = [f"{display_name(path)}: could not be checked ({type(err).__name__}: {err})"], None
        errors += found
        info += [note] if note else []
    return errors, info


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m shared_future.catalogs",
        description="Write the translation catalogs of quiz and data text (data/locale/).",
    )
    parser.add_argument("command", choices=["extract"])
    parser.parse_args(argv)
    written = extract()
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} catalogs written; the others were up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
