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
flagged fuzzy with the old English as its previous msgid; a message whose source is gone is
kept as obsolete (#~).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .data import as_file_text, load, load_geojson
from .paths import data_dir
from .quiz.model import Option, Quiz, TrueFalse, check_all
from .schemas import DATASETS

__all__ = [
    "DATA_CATALOGS",
    "LOCALE",
    "PROJECT",
    "QUIZ_CHAPTERS",
    "DataCatalog",
    "catalog_path",
    "data_messages",
    "extract",
    "main",
    "quiz_messages",
    "row_id",
    "translator",
]

LOCALE = "zh_CN"
PROJECT = "A Community of Shared Future"
ISSUES = "https://github.com/shared-future-course/community-of-shared-future/issues"
KEY_JOINER = "/"


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


def _option_messages(prefix: str, options: list[Option], with_text: bool) -> Iterator[tuple[str, str]]:
    for number, option in enumerate(options):
        if with_text:
            yield f"{prefix}.options.{number}.text", option.text
        yield f"{prefix}.options.{number}.feedback", option.feedback


def quiz_messages(quiz: Quiz) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every text of a quiz a learner reads, in the file's order. The texts
    'True' and 'False' of true/false options are labels of the package's catalog."""
    messages = [("title", quiz.title)]
    for question in quiz.questions:
        q = question.id
        messages.append((f"{q}.prompt", question.prompt))
        for field in ("refers_to", "hint", "unit"):
            value = getattr(question, field, None)
            if value:
                messages.append((f"{q}.{field}", value))
        options = getattr(question, "options", None)
        if options:
            messages += _option_messages(q, options, not isinstance(question, TrueFalse))
        messages += [(f"{q}.items.{n}", item) for n, item in enumerate(getattr(question, "items", None) or [])]
        feedback = getattr(question, "feedback", None)  # an ordering question's one feedback
        if feedback:
            messages.append((f"{q}.feedback", feedback))
        messages += [(f"{q}.explanation", question.explanation), (f"{q}.objective", question.objective)]
    return messages


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


def read_catalog(path: Path) -> Catalog:
    """A .po file as a Babel catalog (raises on a file that is not gettext)."""
    with path.open("rb") as handle:
        return read_po(handle, locale=LOCALE, abort_invalid=True)


def _new_catalog(name: str, old: Catalog | None) -> Catalog:
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
            catalog.add(text, "", context=context)
        elif before.id == text:
            catalog.add(text, before.string, context=context, flags=before.flags)
        else:
            catalog.add(text, before.string, context=context, flags={"fuzzy"}, previous_id=before.id)
    for context, message in previous.items():
        if message.string:
            catalog.obsolete[(str(message.id), context)] = message
    if old:
        for key, message in old.obsolete.items():
            catalog.obsolete.setdefault(key, message)
    return catalog


def po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=True, no_location=True)
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
