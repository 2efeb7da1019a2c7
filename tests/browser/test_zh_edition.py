"""The Chinese edition (`make book-zh`, `_build/html/zh/`), kept short for CI.

From the built files: every page is `lang="zh-CN"`; every page of the manifest reads in Chinese
(CJK characters at least 60% of the letters of its prose); every page of both editions links
to the same page in the other one, and a page not yet translated says so; Chinese words are in
the search index. In Chromium, offline: every page loads with no console error and no request to
another host; the axe audit; searching a Chinese word finds its page; a map and a quiz on two
chapters draw and work (their Chinese labels come from the package: tests/test_*locale* there).
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po
from conftest import BUILD_HTML, built_pages, open_not_found_page
from course_languages import translated_pages
from test_accessibility import blocking_problems, wait_for_maps
from zh_edition import EXEMPT, catalog, prose_problem

from tools.browser import keep_local

ZH = BUILD_HTML / "zh"
PAGES = built_pages("zh")
CHAPTERS_WITH_MAP_AND_QUIZ = ("zh/notebooks/02_origins.html", "zh/notebooks/04_belt_and_road.html")
AUDITED = ("zh/book/intro.html", "zh/notebooks/02_origins.html", "zh/notebooks/04_belt_and_road.html", "zh/search.html")
SEARCHED = ("共同体", "book/glossary")  # a Chinese word and a page that has it
SCREENSHOTS = BUILD_HTML.parent / "screenshots"


def html(path: str) -> str:
    return (BUILD_HTML / path).read_text(encoding="utf-8")


def test_the_edition_has_every_page_of_the_english_one():
    assert len(PAGES) >= 30
    assert [p.removeprefix("zh/") for p in PAGES] == built_pages()


def test_every_chinese_page_is_marked_zh_cn():
    not_marked = [p for p in PAGES + ["zh/404.html"] if not re.search(r'<html lang="zh-CN"', html(p))]
    assert not_marked == []


def test_the_toggle_buttons_hint_is_in_the_pages_language():
    assert "let toggleHintShow = '点击显示';" in html("zh/notebooks/02_origins.html")
    assert "let toggleHintHide = '点击隐藏';" in html("zh/notebooks/02_origins.html")
    assert "let toggleHintShow = 'Click to show';" in html("notebooks/02_origins.html")


def test_manifest_pages_read_in_chinese():
    problems = [prose_problem(ZH / f"{page}.html") for page in translated_pages() if page not in EXEMPT]
    assert [p for p in problems if p] == []


@pytest.mark.parametrize("english", ["book/intro.html", "notebooks/02_origins.html", "book/teachers/rubrics.html"])
def test_each_page_links_the_same_page_in_the_other_edition(english):
    chinese = f"zh/{english}"
    up = "../" * english.count("/")
    assert f'<a href="{up}zh/{english}" hreflang="zh-CN" lang="zh-CN">中文</a>' in html(english)
    assert f'<a href="{up}../{english}" hreflang="en" lang="en">English</a>' in html(chinese)
    for page in (english, chinese):
        assert (
            f'hreflang="zh-CN" href="https://shared-future-course.github.io/community-of-shared-future/zh/{english}"'
            in html(page)
        )


def test_pages_not_in_the_manifest_say_so_and_link_the_english_page():
    translated = {f"zh/{page}.html" for page in translated_pages()}
    for page in PAGES:
        text = html(page)
        if page in translated or 'class="sf-languages"' not in text:  # search and index pages have no body
            assert 'class="sf-untranslated"' not in text, page
            continue
        notice = re.search(r'<div class="sf-untranslated" role="note">(.*?)</div>', text, re.S)
        assert notice and "本页尚未译成中文" in notice.group(1) and "not translated into Chinese yet" in notice.group(1)
        english = "../" * page.count("/") + page.removeprefix("zh/")
        assert notice.group(1).count(f'href="{english}"') == 2, page


def test_theme_strings_come_from_the_theme_translations():
    page = html("zh/notebooks/02_origins.html")
    assert 'placeholder="搜索..."' in page and "上一页" in page and "下一页" in page
    assert 'title="全屏模式"' in page


LAUNCH_GROUP = re.compile(r'<div class="dropdown dropdown-launch-buttons">(.*?)</ul>', re.S)
LAUNCH_NOTE = re.compile(r'<div class="sf-launch-note" role="note"[^>]*><p[^>]*>(.*?)</p></div>', re.S)
CHAPTERS = [p for p in PAGES if p.startswith("zh/notebooks/")]


@pytest.mark.parametrize("path", CHAPTERS)
def test_chinese_chapters_say_their_launch_buttons_open_english_notebooks(path):
    group = LAUNCH_GROUP.search(html(path))
    assert group, f"{path}: no launch buttons"
    buttons = group.group(1)
    assert 'aria-label="启动本章的英文笔记本"' in buttons
    for launcher in ("Binder", "Colab", "JupyterHub"):
        assert f'title="在 {launcher} 上启动英文笔记本"' in buttons, launcher
        assert f'alt="{launcher} 标志"' in buttons
    assert 'title="JupyterLite：无需安装，在浏览器中打开英文笔记本"' in buttons and ">在浏览器中运行<" in buttons
    assert "Launch" not in buttons and "Run in your browser" not in buttons
    note = LAUNCH_NOTE.search(html(path))
    assert note, f"{path}: no note on the English notebooks"
    assert "本章的英文笔记本" in note.group(1)
    assert '<code>shared_future.set_language("zh")</code>' in note.group(1)
    assert "<em>Settings &gt; Language &gt; 中文 (简体, 中国)</em>" in note.group(1)


@pytest.mark.parametrize("path", CHAPTERS)
def test_english_chapters_keep_their_launch_buttons_and_have_no_note(path):
    english = html(path.removeprefix("zh/"))
    buttons = LAUNCH_GROUP.search(english).group(1)
    assert 'aria-label="Launch interactive content"' in buttons
    for launcher in ("Binder", "Colab", "JupyterHub"):
        assert f'title="Launch on {launcher}"' in buttons and f'alt="{launcher} logo"' in buttons
    assert 'title="JupyterLite: nothing to install"' in buttons and ">Run in your browser<" in buttons
    assert "sf-launch-note" not in english


def test_the_launch_note_sits_above_the_chapter_on_a_phone(visit):
    """On a 390x844 screen the note is in the page's flow, within the screen's width, above the
    chapter's title, and covers nothing: the first map draws below it."""
    page, record, _ = visit("zh/notebooks/02_origins.html", viewport={"width": 390, "height": 844})
    wait_for_maps(page)
    note = page.locator(".sf-launch-note").bounding_box()
    title = page.locator("article h1").first.bounding_box()
    frame = page.locator("iframe").first.bounding_box()
    assert note and title and frame
    assert note["x"] >= 0 and note["x"] + note["width"] <= 390
    assert note["y"] + note["height"] <= title["y"] <= frame["y"]
    assert page.locator(".sf-launch-note").evaluate("e => getComputedStyle(e).position") == "static"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "zh-launch-note-390.png"))
    assert record.console_errors == [] and record.blocked_external == []


def test_sitemap_lists_the_chinese_pages():
    listed = re.findall(r"<loc>([^<]+)</loc>", html("zh/sitemap.xml"))
    assert "https://shared-future-course.github.io/community-of-shared-future/zh/book/intro.html" in listed
    assert len(listed) >= 30


def search_index() -> dict:
    text = (ZH / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_chinese_words_are_in_the_search_index():
    index = search_index()
    word, page = SEARCHED
    found = index["terms"].get(word)
    assert found is not None, f"{word} is not in the Chinese search index (is jieba installed?)"
    docs = {index["docnames"][n] for n in ([found] if isinstance(found, int) else found)}
    assert page in docs


@pytest.fixture
def site(browser, site_url):
    """One offline context for a run of pages, with what went wrong on each."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    errors: list[str] = []
    keep_local(context, site_url, blocked)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, blocked, errors
    context.close()


def test_every_page_loads_offline_without_console_errors(site, site_url):
    page, blocked, errors = site
    failed = []
    host = urlsplit(site_url).netloc
    page.on("response", lambda r: urlsplit(r.url).netloc == host and r.status >= 400 and failed.append(r.url))
    for path in PAGES:
        page.goto(f"{site_url}{path}", wait_until="load")
        assert page.locator("html").get_attribute("lang") == "zh-CN", path
        assert (errors, blocked, failed) == ([], [], []), path


@pytest.mark.parametrize("path", AUDITED)
def test_no_serious_or_critical_violations(visit, path):
    page, record, _ = visit(path)
    wait_for_maps(page)
    assert blocking_problems(page) == []
    assert record.console_errors == [] and record.blocked_external == []


def test_searching_a_chinese_word_finds_its_page(visit):
    word, found = SEARCHED
    page, record, _ = visit(f"zh/search.html?q={word}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    assert any(found in href for href in results.evaluate_all("els => els.map(a => a.href)"))
    assert record.console_errors == []


@pytest.mark.parametrize("path", CHAPTERS_WITH_MAP_AND_QUIZ)
@pytest.mark.parametrize("viewport", [(390, 844), (1280, 900)])
def test_a_map_and_a_quiz_draw_and_work(visit, path, viewport):
    width, height = viewport
    page, record, _ = visit(path, viewport={"width": width, "height": height})
    assert wait_for_maps(page) >= 1
    quiz = page.locator(".sfq").first
    key = json.loads(quiz.locator(".sfq-key").text_content())["questions"]
    n = next(i for i, k in enumerate(key) if "correct" in k and not k["multi"])
    fieldset = quiz.locator(".sfq-question").nth(n)
    score = quiz.locator(".sfq-score").inner_text()
    right = key[n]["correct"].index(True)
    control = fieldset.locator(f"input[value='{right}']").get_attribute("id")
    fieldset.locator(f"label[for='{control}']").click()
    fieldset.locator(".sfq-check").click()
    assert quiz.locator(".sfq-feedback").nth(n).inner_text().strip() != ""
    assert quiz.locator(".sfq-score").inner_text() != score and "1" in quiz.locator(".sfq-score").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"zh-{path.rsplit('/', 1)[-1][:-5]}-{width}.png"))
    assert record.console_errors == [] and record.blocked_external == []


def test_the_language_switch_goes_both_ways(visit):
    page, record, _ = visit("zh/notebooks/02_origins.html")
    page.locator(".sf-languages a").click()
    page.wait_for_url("**/notebooks/02_origins.html")
    assert "/zh/" not in page.url and page.locator("html").get_attribute("lang") == "en"
    page.locator(".sf-languages a").click()
    page.wait_for_url("**/zh/notebooks/02_origins.html")
    assert page.locator("html").get_attribute("lang") == "zh-CN"


def test_the_chinese_404_page_works_at_its_address(tmp_path, browser):
    """Served under the published path prefix (the English site's, then zh/), it loads its styles
    and links the Chinese home page."""
    prefix = "community-of-shared-future"
    shutil.copytree(ZH, tmp_path / prefix / "zh")
    found = open_not_found_page(browser, tmp_path, f"{prefix}/zh/404.html", "a[href$='intro.html']")
    assert found.heading == "找不到页面"
    assert not found.failed and not found.blocked, (found.failed, found.blocked)
    assert found.home.startswith(f"/{prefix}/zh/"), found.home


def test_the_sidebar_part_captions_are_translated():
    """The parts of _toc.yml come from the root page's catalog (course_languages translates them,
    sphinx-external-toc adds them after Sphinx translated the page)."""
    with catalog("book/intro").open("rb") as handle:
        translated = {m.id: m.string for m in read_po(handle) if m.id and m.string and not m.fuzzy}
    for page in ("zh/book/intro.html", "zh/notebooks/02_origins.html"):
        captions = re.findall(r'<span class="caption-text">([^<]*)</span>', html(page))
        assert captions and not [c for c in captions if c in translated], (page, captions)


def rubric_cells(page: str) -> list[str]:
    """The text of every cell of the page's capstone rubric (the table whose header starts '标准'
    and that has the criterion '数据的使用')."""
    tables = re.findall(r"<table.*?</table>", html(page), re.S)
    rubric = [t for t in tables if "数据的使用" in t]
    assert len(rubric) == 1, page
    return [
        " ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in re.findall(r"<t[hd]\b.*?</t[hd]>", rubric[0], re.S)
    ]


def test_the_capstone_rubric_is_the_same_in_chinese_on_both_pages():
    """Chapter 8 shows its file's Chinese variant (a cell output) and the rubrics page includes it."""
    chapter, teachers = (
        rubric_cells("zh/notebooks/08_review_capstone.html"),
        rubric_cells("zh/book/teachers/rubrics.html"),
    )
    assert chapter == teachers and len(chapter) == 40 and chapter[:2] == ["标准", "4 优秀"]
    assert "Use of the data" not in html("zh/notebooks/08_review_capstone.html")


@pytest.mark.parametrize("page", ["book/teachers/answers/02_origins", "book/progress"])
def test_generated_pages_are_in_the_language_of_their_edition(page):
    chinese, english = html(f"zh/{page}.html"), html(f"{page}.html")
    assert ("测验答案：起源" in chinese) if "answers" in page else ("你的数据不会离开你的浏览器" in chinese)
    assert ("Answer key: Origins" in english) if "answers" in page else ("No data leaves your browser" in english)
    assert "测验答案" not in english and "学习进度" not in english
