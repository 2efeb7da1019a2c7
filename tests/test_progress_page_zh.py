"""The Chinese progress page and bank list as the book renders them (MyST and the edition's
CJK-share check, so book-side libraries: not among the package tests that scripts/lite_pins.py
runs against Pyodide's pinned versions)."""

from course_languages import cjk_share, prose_text
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from zh_edition import CJK_SHARE

from shared_future.quiz.progress_page import ChapterRow, bank_links, page_markdown


def test_the_chinese_progress_page_and_bank_list_are_all_chinese():
    """The whole page is written in Chinese (it has no page catalog: scripts/book_zh.py GENERATED_PAGES)."""
    rows = [ChapterRow("origins", "起源（2011—2018年）", "../notebooks/02_origins.html", 15)]
    page = page_markdown(rows, "zh")
    html = create_md_parser(MdParserConfig(), RendererHTML).render(page)
    assert cjk_share(prose_text(html)) >= CJK_SHARE
    for english in ("Your progress", "No data leaves", "Export for my teacher", "Chapter", "No attempts yet"):
        assert english not in page, english
    assert "[教师指南](teachers/lms.md)" in page  # the link to the teacher's guide kept
    links = bank_links(rows, "../../quiz-export/", "zh")
    assert "<li>起源（2011—2018年）：<a" in links and ">QTI 2.1 包</a>、<a" in links and "package" not in links
