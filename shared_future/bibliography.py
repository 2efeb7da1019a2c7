"""The book's bibliography, read once: the .bib files `_config.yml` lists (`bibtex_bibfiles`).

Quizzes name their sources by key, the answer keys and the student edition turn keys into
"Author, year" links: all read the entries here. A plain reader of the course's own .bib style
(one `field = {value},` per line), so a student's kernel needs no BibTeX library.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .paths import book_config, course_root

__all__ = ["Entry", "entries"]

_ENTRY = re.compile(r"@\w+\{([^,\s]+),(.*?)\n\}", re.S)
_FIELD = re.compile(r"(\w+)\s*=\s*\{(.*)\},?\s*$", re.M)
_AND = re.compile(r"\s+and\s+")


@dataclass(frozen=True)
class Entry:
    """One reference: its authors' family names (or an organisation), year, title and URL."""

    authors: tuple[str, ...]
    year: str
    title: str
    url: str

    @property
    def label(self) -> str:
        """ "Author, year", "A and B, year" or "A et al., year" (the title when there is no author)."""
        names = self.authors
        who = (
            self.title
            if not names
            else names[0]
            if len(names) == 1
            else f"{names[0]} and {names[1]}"
            if len(names) == 2
            else f"{names[0]} et al."
        )
        return f"{who}, {self.year or 'n.d.'}"


def _top_level_split(text: str) -> list[str]:
    """`text` split on " and " outside braces ({Smith and Sons} stays one name)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and (match := _AND.match(text, i)) and i > start:
            parts.append(text[start:i])
            start = match.end()
    return parts + [text[start:]]


def _family_name(name: str) -> str:
    """BibTeX's family name: an organisation in braces as it is; "Last, First"; else the last word
    with any lower-case particles before it ("van Beethoven")."""
    name = name.strip()
    if name.startswith("{") and name.endswith("}"):
        return _plain(name[1:-1])
    if "," in name:
        return _plain(name.split(",")[0]).strip()
    words = _plain(name).split()
    family = [words.pop()] if words else []
    while len(words) > 1 and words[-1][:1].islower():
        family.insert(0, words.pop())
    return " ".join(family)


# LaTeX accents and symbols the .bib files use, as Unicode ({\'o} -> ó, \~n -> ñ, \& -> &)
_ACCENT = re.compile(r"\\([`'^\"~=.]|[cuvH](?![A-Za-z]))\s*\{?([A-Za-z])\}?")
_COMBINING = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
}
_SYMBOL = re.compile(r"\\(ss|aa|AA|[&$%_#LloO])(?![A-Za-z])")
_SYMBOLS = {
    "&": "&",
    "$": "$",
    "%": "%",
    "_": "_",
    "#": "#",
    "L": "Ł",
    "l": "ł",
    "o": "ø",
    "O": "Ø",
    "ss": "ß",
    "aa": "å",
    "AA": "Å",
}


def _plain(value: str) -> str:
    """A field's text as a reader sees it: LaTeX accents and symbols as Unicode, no braces."""
    value = _ACCENT.sub(lambda m: unicodedata.normalize("NFC", m[2] + _COMBINING[m[1].strip()]), value)
    value = _SYMBOL.sub(lambda m: _SYMBOLS[m[1]], value)
    return value.replace("{", "").replace("}", "")


@functools.cache
def entries() -> dict[str, Entry]:
    """Every entry of the book's .bib files, by key."""
    found = {}
    for name in book_config().get("bibtex_bibfiles", []):
        text = (course_root() / name).read_text(encoding="utf-8")
        for key, body in _ENTRY.findall(text):
            fields = dict(_FIELD.findall(body))
            people = fields.get("author") or fields.get("editor") or ""
            authors = tuple(_family_name(p) for p in _top_level_split(people)) if people.strip() else ()
            found[key] = Entry(
                authors, _plain(fields.get("year", "")), _plain(fields.get("title", "")), _plain(fields.get("url", ""))
            )
    return found
