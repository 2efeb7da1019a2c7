"""Checks of the Chinese edition, shared by tests/test_zh_catalogs.py (the catalogs, and a small
translated book built in a temporary folder) and tests/browser/test_zh_edition.py (the built
edition): they work on whatever the manifest, `locale/zh_CN/manifest.yml`, lists."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po
from course_languages import cjk_share, prose_text

__all__ = ["CJK_SHARE", "EXEMPT", "catalog", "catalog_problems", "prose_problem"]

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "locale" / "zh_CN" / "LC_MESSAGES"
ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*)</article>', re.S)  # no theme navigation
CJK_SHARE = 0.6  # of the letters in a translated page's prose
EXEMPT = {"book/references"}  # its entries are the sources' own titles and names


def catalog(docname: str, catalogs: Path = CATALOGS) -> Path:
    return catalogs / f"{docname}.po"


def catalog_problems(po: Path) -> list[str]:
    """Every message of the catalog `po` that is untranslated or fuzzy, named by line and msgid."""
    if not po.is_file():
        return [f"{po}: no catalog"]
    with po.open("rb") as handle:
        messages = read_po(handle, ignore_obsolete=True)
    problems = []
    for message in messages:
        if not message.id:  # the header
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        state = "fuzzy" if message.fuzzy else "untranslated" if not all(strings) else None
        if state:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            problems.append(f"{po}:{message.lineno}: {state}: {msgid[:70]!r}")
    return problems


def prose_problem(page: Path, share: float = CJK_SHARE) -> str | None:
    """None when CJK characters are at least `share` of the letters in the page's prose."""
    text = page.read_text(encoding="utf-8")
    article = ARTICLE.search(text)
    found = cjk_share(prose_text(article.group(1) if article else text))
    return None if found >= share else f"{page}: CJK characters are {found:.0%} of the prose's letters"
