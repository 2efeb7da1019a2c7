"""The printable handouts of `make handouts` (scripts/handouts.py), read back from _build/handouts.

Both editions, each test over the English handouts and the Chinese ones (`_build/handouts/zh/`):
one PDF per chapter page and per answer key, newer than its page; its text has the page's
title; its page count is sane; a quiz prints as questions to fill in (no buttons, no score), with
the print-only hint in the language of the quiz's text; exercise solutions are left out; the
Chinese text is real text in a CJK font; a Chinese handout of a page the manifest counts as
translated reads in Chinese; and each page with a map, rendered to PNG, shows a drawn map
rather than an empty frame.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from bs4 import BeautifulSoup
from conftest import BUILD_HTML
from course_languages import cjk_share, translated_pages

from scripts import handouts
from scripts.handouts import EDITIONS, OUT, handout_pages
from shared_future.i18n import _, language
from shared_future.map_assets import MARKER_CLASS
from shared_future.quiz import check_all, option_order
from shared_future.quiz.grading import score_text
from shared_future.quiz.translation import option_text, translated_quiz

ROOT = BUILD_HTML.parents[1]

EDITION_PAGES = {lang: handout_pages(BUILD_HTML, lang) for lang in EDITIONS}
PAGES = {path: name for pages in EDITION_PAGES.values() for path, name in pages.items()}
CHAPTERS = {path: name for path, name in PAGES.items() if not Path(name).name.startswith("answers-")}
ANSWER_KEYS = {path: name for path, name in PAGES.items() if Path(name).name.startswith("answers-")}
QUIZZES = check_all()
# What the print stylesheet (shared_future/static/quiz.css) adds after a question, by the
# language of the question's text: single choice, multiple choice.
PRINT_HINTS = {"en": ("(tick one)", "(tick all that apply)"), "zh": ("(单选)", "(多选)")}
# The share of CJK characters among the letters of a Chinese handout (course_languages.cjk_share).
# A translated chapter's handout keeps Latin letters: code cells, authors' names in citations,
# English terms given beside the Chinese, the map attribution; and an English word takes several
# letters where Chinese takes one or two characters. Measured on the chapters of the manifest
# (2026-12-02): 0.44 to 0.72; an untranslated Chinese page (the answer keys) 0.01; a chapter whose
# prose fell half back to English would, by a rough count (three English letters or more for
# each Chinese character), be near 0.15. 0.3 lies between, and is where the edition itself
# counts a page's text as mostly English (course_languages.MOSTLY_ENGLISH).
CJK_SHARE = 0.3
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def plain(text: str) -> str:
    """Text as compared: ligatures and widths folded (NFKC), typographic quotes and dashes undone,
    a hyphen at a line break (PDFium gives it as U+0002 or U+FFFE) made a hyphen again, whitespace
    next to a Chinese character or punctuation mark or inside a range of numbers ("2019-2023")
    dropped (Chinese breaks a line anywhere, and PDFium gives the break as a space), other
    whitespace folded."""
    text = re.sub(r"(?<=\d-)\s+(?=\d)", "", re.sub(r"[\x02\ufffe]\s*", "-", text))
    text = unicodedata.normalize("NFKC", re.sub(r"\s*([\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\s*", r"\1", text))
    for fancy, ascii_ in {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"}.items():
        text = text.replace(fancy, ascii_)
    return " ".join(text.split())


@lru_cache
def pdf_text(name: str) -> tuple[int, str]:
    """Page count and text of a handout (PDFium: pypdf takes seconds on map pages)."""
    document = pdfium.PdfDocument(OUT / name)
    return len(document), plain(" ".join(page.get_textpage().get_text_bounded() for page in document))


def cjk_fonts(name: str) -> set[str]:
    """Names of the fonts that draw the Chinese characters of a handout ('' for an unnamed
    Type 3 font, which Chromium makes for synthetic bold)."""
    fonts = set()
    for page in pdfium.PdfDocument(OUT / name):
        chars = page.get_textpage()
        for index in range(chars.count_chars()):
            if 0x4E00 <= pdfium_c.FPDFText_GetUnicode(chars, index) <= 0x9FFF:
                buffer, flags = ctypes.create_string_buffer(256), ctypes.c_int()
                pdfium_c.FPDFText_GetFontInfo(chars, index, buffer, 256, ctypes.byref(flags))
                fonts.add(buffer.value.decode("latin-1"))
    return fonts


def soup(path: str) -> BeautifulSoup:
    return BeautifulSoup((BUILD_HTML / path).read_text(encoding="utf-8"), "html.parser")


def edition(path: str) -> str:
    """The language of the edition a page belongs to: "zh" for a page under zh/, else "en"."""
    return "zh" if path.startswith(f"{EDITIONS['zh'][0]}/") else "en"


def language_of(element) -> str:
    """The language of an element's text: its own or its nearest ancestor's `lang`, as "en" or "zh"."""
    marked = element if element.get("lang") else element.find_parent(lang=True)
    return marked["lang"].split("-")[0] if marked else "en"


def title(path: str) -> str:
    """The page's title as it prints: its first heading, without the pilcrow link."""
    heading = soup(path).select_one("main h1")
    for link in heading.select("a.headerlink"):
        link.decompose()
    return plain(heading.get_text())


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_fresh_pdf_for_every_chapter_and_answer_key(lang):
    pages = EDITION_PAGES[lang]
    build = f"make {EDITIONS[lang][1]}"
    assert pages, f"no chapter pages in {BUILD_HTML / EDITIONS[lang][0]}/notebooks (run `{build}`)"
    assert sum(Path(name).name.startswith("answers-") for name in pages.values()) == len(QUIZZES), (
        "an answer key page per quiz file"
    )
    missing = [name for name in pages.values() if not (OUT / name).is_file()]
    assert missing == [], f"missing in {OUT}: {missing} (run `make handouts`)"
    stale = [name for path, name in pages.items() if (OUT / name).stat().st_mtime < (BUILD_HTML / path).stat().st_mtime]
    assert stale == [], f"older than their pages: {stale} (run `make handouts` after `{build}`)"


@pytest.mark.parametrize("path", sorted(CHAPTERS))
def test_chapter_handout(path):
    pages, text = pdf_text(CHAPTERS[path])
    assert 2 <= pages <= 40, f"{CHAPTERS[path]}: {pages} pages"
    assert title(path) in text, f"{CHAPTERS[path]}: chapter title {title(path)!r} not found"

    page = soup(path)
    quiz_div = page.select_one("div.sfq")
    if quiz_div is not None:
        quiz = translated_quiz(QUIZZES[quiz_div["data-chapter"]], edition(path))
        for number, question in enumerate(quiz.questions, 1):
            assert plain(f"{number}. {question.prompt}")[:60] in text, f"{question.id} not printed"
            at = text.index(plain(f"{number}. {question.prompt}")[:60])
            for index in option_order(question) if hasattr(question, "options") else []:
                with language(edition(path)):
                    at = text.find(plain(option_text(question, index))[:40], at)
                assert at >= 0, f"{question.id}: options not printed in the order of the page and answer key"
        with language(edition(path)):
            buttons_and_score = [plain(_("Start again")), plain(score_text(0, len(quiz.questions), 0))]
        printed = [label for label in buttons_and_score if label in text]
        assert printed == [], f"{CHAPTERS[path]}: {printed} printed"
        hints = PRINT_HINTS[language_of(quiz_div.select_one("legend"))]
        assert any(hint in text for hint in hints), f"{CHAPTERS[path]}: none of {hints} printed"
        others = [hint for other in PRINT_HINTS.values() if other != hints for hint in other if hint in text]
        assert others == [], f"{CHAPTERS[path]}: hints of another language printed: {others}"
    for solution in page.select("div.solution .admonition-title ~ *"):
        opening = plain(solution.get_text())[:50]
        assert opening and opening not in text, f"solution printed: {opening!r}"
    if re.search(r"[\u4e00-\u9fff]", page.select_one("main").get_text()):
        fonts = cjk_fonts(CHAPTERS[path])
        named = {font for font in fonts if font}
        assert named and all(re.search(r"ZenHei|CJK", font) for font in named), (
            f"Chinese text printed with {fonts or 'no font'} (install fonts-wqy-zenhei: make handouts does)"
        )


@pytest.mark.parametrize("path", [p for p in sorted(CHAPTERS) if soup(p).select("details.sf-data-table")])
def test_map_data_tables_print_in_full(path):
    """Each map's data table, folded on the page, is printed open: its caption and every row."""
    _, text = pdf_text(CHAPTERS[path])
    for table in soup(path).select("details.sf-data-table table"):
        assert plain(table.caption.get_text())[:60] in text, f"{CHAPTERS[path]}: table not printed"
        at = text.index(plain(table.caption.get_text())[:60])
        for row in table.tbody.select("tr"):
            at = text.find(plain(row.th.get_text())[:20], at)
            assert at >= 0, f"{CHAPTERS[path]}: row {row.th.get_text()!r} not printed"


@pytest.mark.parametrize("path", sorted(ANSWER_KEYS))
def test_answer_key_handout(path):
    name = ANSWER_KEYS[path]
    pages, text = pdf_text(name)
    quiz = QUIZZES[Path(path).stem.split("_", 1)[1]]
    assert 1 <= pages <= 40, f"{name}: {pages} pages"
    assert title(path) in text, f"{name}: title {title(path)!r} not found"
    for question in quiz.questions:
        assert f"({question.id})" in text, f"{name}: {question.id} missing"
    if edition(path) == "en":
        assert text.count("Answer") >= len(quiz.questions) + 1


# From the manifest, not the build: a translated page with no handout fails rather than drops out.
TRANSLATED = sorted(
    f"{EDITIONS['zh'][0]}/{page}.html"
    for page in translated_pages()
    if page.startswith((f"{handouts.CHAPTERS}/", f"{handouts.ANSWERS}/")) and not page.endswith("/index")
)  # (the list of answer keys is not a handout)


@pytest.mark.parametrize("path", TRANSLATED)
def test_translated_pages_print_in_chinese(path):
    """A Chinese handout of a page the manifest counts as translated is mostly Chinese text,
    extractable (not boxes) and set in a CJK font."""
    assert path in PAGES, f"{path}: no such page (run `make book-zh`)"
    name = PAGES[path]
    share = cjk_share(pdf_text(name)[1])
    assert share >= CJK_SHARE, f"{name}: CJK characters are {share:.0%} of the letters"
    named = {font for font in cjk_fonts(name) if font}
    assert named and all(re.search(r"ZenHei|CJK", font) for font in named), f"{name}: Chinese text in {named}"


MAP_CHAPTERS = [path for path in sorted(CHAPTERS) if soup(path).select(f"div.{MARKER_CLASS} iframe")]


@pytest.mark.skipif(not MAP_CHAPTERS, reason="no chapter has a course map")
@pytest.mark.parametrize("path", MAP_CHAPTERS)
def test_map_is_drawn_in_the_handout(path):
    """Find the first map in the PDF by its title control (top left) and Leaflet's attribution
    (bottom), render that area to PNG and check it is painted: mostly non-white, largely
    covered by shapes over the background, with outlines (dark pixels)."""
    iframe = soup(path).select_one(f"div.{MARKER_CLASS} iframe")
    title_start = map_title_start(iframe["title"])
    document = pdfium.PdfDocument(OUT / CHAPTERS[path])
    for index in range(len(document)):
        page = document[index]
        chars = page.get_textpage()
        title, attribution = find(chars, title_start), find(chars, "Leaflet")
        if title and attribution:
            break
    else:
        pytest.fail(f"{CHAPTERS[path]}: no page shows the map {title_start!r} with its attribution")
    line = (attribution[0][1] + attribution[0][3]) / 2
    right = max(
        box[2] for box in (chars.get_charbox(i) for i in range(chars.count_chars())) if box[1] <= line <= box[3]
    )
    left, top = min(b[0] for b in title), max(b[3] for b in title)
    bottom = min(b[1] for b in attribution)
    scale, (_, height) = 2, page.get_size()
    image = page.render(scale=scale).to_pil()
    image.save(OUT / Path(CHAPTERS[path]).with_name(f"{Path(path).stem}-map.png"))
    pixels = np.asarray(image.convert("L")).astype(int)
    area = pixels[int((height - top) * scale) : int((height - bottom) * scale), int(left * scale) : int(right * scale)]
    assert area.size > 200 * 200, f"map area too small: {area.shape}"
    values, counts = np.unique(area, return_counts=True)
    background = values[counts.argmax()]
    non_white = (area < 245).mean()
    drawn = (np.abs(area - background) > 3).mean()
    outlines = (area < 100).mean()
    # A map whose shapes failed to draw leaves only its controls over a flat background (under
    # about 20% of the area); a one-country map keeps more background than a world map.
    assert non_white > 0.6 and drawn > 0.3 and outlines > 0.01, (
        f"map looks blank: non-white {non_white:.2f}, drawn over background {drawn:.2f}, dark {outlines:.3f}"
    )


def map_title_start(frame_title: str) -> str:
    """The opening of a map's title as its title control prints it: the frame's title without
    its "Map: " or "地图：" label, its first three words (the first six characters of Chinese,
    which has no spaces between words and can wrap anywhere)."""
    name = re.sub(r"^(Map: |地图：)", "", frame_title)
    return name[:6] if CJK_CHAR.match(name) else " ".join(name.split()[:3])


def find(chars, text: str):
    """Character boxes (left, bottom, right, top in PDF points) of the first match of `text`."""
    match = chars.search(text).get_next()
    if not match:
        return None
    start, count = match
    return [chars.get_charbox(i) for i in range(start, start + count)]
