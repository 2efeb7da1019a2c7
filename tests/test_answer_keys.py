"""Answer keys (book/_ext/course_answers.py): every question of every quiz file appears in its
generated page with the right answer, hostile quiz text renders as text, a broken quiz file
stops generation with its file, question and field."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import course_answers
import pytest
import yaml
from course_answers import chapters
from course_languages import cjk_share, prose_text
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.cmd.build import build_main
from test_hostile_input import HOSTILE_ZH, hostile_catalogs
from zh_edition import CJK_SHARE

from shared_future.data import load
from shared_future.i18n import language
from shared_future.quiz import (
    Numeric,
    Ordering,
    QuizError,
    check_all,
    load_quiz,
    option_order,
    option_text,
    source_link,
    translated_quiz,
)

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_LEVELS = {"remember": "记忆", "understand": "理解", "apply": "应用", "analyse": "分析", "evaluate": "评价"}

FIXTURES = ROOT / "tests" / "quiz_fixtures"
MYST_EXTENSIONS = set(
    yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["parse"]["myst_enable_extensions"]
)
# and with the extension that would turn {{ }} into code, to prove the escaping holds without the config
MYST_EXTENSIONS_WORST = MYST_EXTENSIONS | {"substitution"}


class _Text(HTMLParser):
    """Visible text of an HTML fragment, one string per block; the tags seen, by name."""

    def __init__(self):
        super().__init__()
        self.blocks, self.tags = [""], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in {"p", "li", "h1", "h2", "td", "th", "tr"}:
            self.blocks.append("")

    def handle_data(self, data):
        self.blocks[-1] += data


def rendered(markdown: str) -> _Text:
    """The page as MyST (the book's parser and extensions) renders it to HTML."""
    html = create_md_parser(MdParserConfig(enable_extensions=MYST_EXTENSIONS_WORST), RendererHTML).render(markdown)
    parser = _Text()
    parser.feed(html)
    parser.blocks = [" ".join(b.split()) for b in parser.blocks if b.strip()]
    return parser


def question_blocks(page: _Text) -> dict[str, list[str]]:
    """Blocks of each question's section, keyed by question id (from 'Question N (id)')."""
    sections, current = {}, None
    for block in page.blocks:
        if block.startswith("Question ") and block.endswith(")") and "(" in block:
            current = block[block.rindex("(") + 1 : -1]
            sections[current] = []
        elif current:
            sections[current].append(block)
    return sections


def expected_answer(question) -> list[str]:
    """The blocks that must show the answer, computed from the quiz file itself."""
    if isinstance(question, Numeric):
        answer, unit = f"{question.answer:.15g}", f" {question.unit}" if question.unit else ""
        if question.tolerance:
            return [f"Answer: {answer} ± {question.tolerance:.15g}{unit}"]
        return [f"Answer: {answer}{unit} (exact)"]
    if isinstance(question, Ordering):
        return ["Answer, in order:", *question.items]
    shown = [question.options[i] for i in option_order(question)]  # the order students see
    correct = [f"{'ABCDEFGH'[n]}. {o.text}" for n, o in enumerate(shown) if o.correct]
    return ["Answer: " + "; ".join(correct)]


def expected_source(source: str) -> str:
    url = source_link(source)[1]
    return f"Source: {{cite}}[{source}]" if url != source else f"Source: {source}"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("answers")
    course_answers.write_answer_keys(out=out)
    return out


def test_one_page_per_quiz_in_course_order(pages):
    outline = load("course_outline")
    numbers = {nb.split("_", 1)[1]: int(n) for n, nb in zip(outline["chapter"], outline["notebook"])}
    expected = sorted(f"{numbers[name]:02d}_{name}.md" for name in check_all())
    assert sorted(p.name for p in pages.glob("*.md")) == sorted(expected + ["index.md"])
    index = rendered((pages / "index.md").read_text(encoding="utf-8")).blocks
    listed = [b for b in index if b.endswith("questions")]
    assert len(listed) == len(expected)
    assert listed == [
        f"{outline.loc[outline['notebook'] == name[:-3], 'title'].item()}: "
        f"{len(load_quiz(name[3:-3]).questions)} questions"
        for name in expected
    ]


@pytest.mark.parametrize("chapter", sorted(check_all()))
def test_every_question_with_its_answer(pages, chapter):
    quiz = load_quiz(chapter)
    page_file = next(pages.glob(f"[0-9][0-9]_{chapter}.md"))
    sections = question_blocks(rendered(page_file.read_text(encoding="utf-8")))
    assert list(sections) == [q.id for q in quiz.questions], f"{page_file.name}: questions missing or out of order"
    for question in quiz.questions:
        blocks = sections[question.id]
        where = f"{page_file.name}, {question.id}"
        assert " ".join(question.prompt.split()) in blocks, f"{where}: prompt"
        answer = expected_answer(question)
        start = blocks.index(answer[0]) if answer[0] in blocks else -1
        assert start >= 0 and blocks[start : start + len(answer)] == answer, f"{where}: answer {answer}"
        assert f"Explanation. {' '.join(question.explanation.split())}" in blocks, f"{where}: explanation"
        assert expected_source(question.source) in blocks, f"{where}: source"
        assert f"Objective: {' '.join(question.objective.split())}" in blocks, f"{where}: objective"
        assert any(b.endswith(f"level: {question.level}") for b in blocks), f"{where}: level"


def test_wrong_options_are_marked_wrong(pages):
    """A choice question lists every option in the order students see them, the correct ones marked
    correct, the others wrong."""
    for chapter, quiz in check_all().items():
        sections = question_blocks(rendered(next(pages.glob(f"*_{chapter}.md")).read_text(encoding="utf-8")))
        for question in quiz.questions:
            if not hasattr(question, "options"):
                continue
            listed = [b for b in sections[question.id] if re.match(r"[A-H]\. ", b)]
            assert len(listed) == len(question.options), f"{chapter} {question.id}: options listed"
            for i, index in enumerate(option_order(question)):
                option = question.options[index]
                mark = "correct" if option.correct else "wrong"
                line = f"{'ABCDEFGH'[i]}. {option.text} ({mark}): {option.feedback}"
                assert line in sections[question.id], f"{chapter} {question.id}: {line}"


def test_hostile_quiz_text_renders_as_text(tmp_path):
    course_answers.write_answer_keys(out=tmp_path, quizzes_folder=FIXTURES / "hostile")
    page = rendered((tmp_path / "hostile.md").read_text(encoding="utf-8"))
    assert {"script", "img", "b", "i", "select", "fieldset"}.isdisjoint(page.tags), page.tags
    text = "\n".join(page.blocks)
    order = option_order(check_all(FIXTURES / "hostile")["hostile"].questions[0])
    letter = {index: "ABCDEFGH"[n] for n, index in enumerate(order)}  # as students see the options
    for literal in [
        "Answer key: Hostile </div><script>alert('title')</script>",
        "Pick <b>\"bold\"</b> & 'quoted' </div></fieldset><script>alert(1)</script>",
        f"Answer: {letter[0]}. <img src=x onerror=alert(2)>",
        f'{letter[1]}. " onmouseover="alert(4) (wrong): wrong <!-- & -->',
        "Explanation. Because </p><script>alert(5)</script>",
        "Source: https://example.org/?a=1&b='x'&c=(6)*{{7*7}}",
        "<i>one</i>",
        "</select>two",
        "three'\"",
    ]:
        assert literal in text, literal


def test_hostile_page_builds_with_sphinx_as_text(tmp_path):
    """The real toolchain (Sphinx + MyST, the book's extensions) shows the hostile page as text."""
    src = tmp_path / "src"
    src.mkdir()
    course_answers.write_answer_keys(out=src, quizzes_folder=FIXTURES / "hostile")
    (src / "index.md").unlink()
    (src / "hostile.md").rename(src / "index.md")
    (src / "conf.py").write_text(
        f"extensions = ['myst_parser']\nmyst_enable_extensions = {sorted(MYST_EXTENSIONS_WORST)}\nsmartquotes = False\n"
    )
    assert build_main(["-q", "-W", "-b", "html", str(src), str(tmp_path / "html")]) == 0
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<div class="body"') :]
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>" not in body
    assert "&lt;img src=x onerror=alert(2)&gt;" in body
    assert 'href="https://example.org/?a=1&amp;b=&#x27;x&#x27;&amp;c=%286%29*%7B%7B7*7%7D%7D"' in body


def test_broken_quiz_names_file_question_and_field(tmp_path):
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    shutil.copy(FIXTURES / "hostile" / "hostile.yaml", quizzes)
    shutil.copy(FIXTURES / "broken" / "none_correct.yaml", quizzes)
    out = tmp_path / "answers"
    with pytest.raises(
        QuizError,
        match=r"none_correct\.yaml: question nc-1: field options: "
        r"needs at least one correct option",
    ):
        course_answers.write_answer_keys(out=out, quizzes_folder=quizzes)
    assert not out.exists() or not any(out.iterdir()), "nothing is written from a broken set of quizzes"


def test_page_of_a_removed_quiz_is_removed(tmp_path):
    (tmp_path / "01_gone.md").write_text("# old\n")
    course_answers.write_answer_keys(out=tmp_path, quizzes_folder=FIXTURES / "hostile")
    assert sorted(p.name for p in tmp_path.glob("*.md")) == ["hostile.md", "index.md"]


def test_unchanged_pages_are_not_rewritten(tmp_path):
    course_answers.write_answer_keys(out=tmp_path, quizzes_folder=FIXTURES / "hostile")
    before = (tmp_path / "hostile.md").stat().st_mtime_ns
    course_answers.write_answer_keys(out=tmp_path, quizzes_folder=FIXTURES / "hostile")
    assert (tmp_path / "hostile.md").stat().st_mtime_ns == before


def test_numeric_answers_are_written_in_full(tmp_path):
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "big.yaml").write_text(
        "chapter: big\ntitle: Big numbers\nquestions:\n"
        "  - {id: big-1, type: numeric, prompt: 'How many?', answer: 1500000, tolerance: 0.05,"
        " unit: people, explanation: Counted., source: 'https://example.org/', objective: Count., level: remember}\n"
    )
    course_answers.write_answer_keys(out=tmp_path / "out", quizzes_folder=quizzes)
    blocks = rendered((tmp_path / "out" / "big.md").read_text(encoding="utf-8")).blocks
    assert "Answer: 1500000 ± 0.05 people" in blocks


# --------------------------------------------------------------------------- the Chinese edition's keys


def chinese_sections(page: _Text) -> dict[str, list[str]]:
    """Blocks of each question's section, keyed by question id (from '第N题（id）')."""
    sections, current = {}, None
    for block in page.blocks:
        heading = re.fullmatch(r"第\d+题（(.+)）", block)
        if heading:
            current = heading.group(1)
            sections[current] = []
        elif current:
            sections[current].append(block)
    return sections


@pytest.fixture(scope="module")
def chinese_pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("answers-zh")
    course_answers.write_answer_keys(out=out, lang="zh")
    return out


def one_line(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize("chapter", sorted(check_all()))
def test_chinese_keys_give_the_translated_text_in_the_order_students_see(chinese_pages, chapter):
    quiz = translated_quiz(load_quiz(chapter), "zh")
    page_file = next(chinese_pages.glob(f"[0-9][0-9]_{chapter}.zh_CN.md"))
    page = rendered(page_file.read_text(encoding="utf-8"))
    assert page.blocks[0] == f"测验答案：{chapters('zh')[chapter][1]}"
    sections = chinese_sections(page)
    assert list(sections) == [q.id for q in quiz.questions], f"{page_file.name}: questions missing or out of order"
    for question in quiz.questions:
        blocks, where = sections[question.id], f"{page_file.name}, {question.id}"
        assert CJK.search(question.prompt), f"{where}: the catalog translates the prompt"
        assert one_line(question.prompt) in blocks, f"{where}: prompt"
        assert f"解析：{one_line(question.explanation)}" in blocks, f"{where}: explanation"
        assert f"学习目标：{one_line(question.objective)}" in blocks, f"{where}: objective"
        assert blocks[0].endswith(f"层次：{ZH_LEVELS[question.level]}"), f"{where}: level"
        if isinstance(question, Ordering):
            start = blocks.index("答案（按顺序）：")
            assert blocks[start + 1 : start + 1 + len(question.items)] == [one_line(i) for i in question.items]
            continue
        if isinstance(question, Numeric):
            assert any(b.startswith(f"答案：{question.answer:.15g}") for b in blocks), f"{where}: answer"
            continue
        with language("zh"):  # True and False are the package's labels
            shown = [(option_text(question, i), question.options[i]) for i in option_order(question)]
        listed = [b for b in blocks if re.match(r"[A-H]\. ", b)]
        assert listed == [
            f"{'ABCDEFGH'[n]}. {one_line(reads)}（{'正确答案' if o.correct else '错误选项'}）：{one_line(o.feedback)}"
            for n, (reads, o) in enumerate(shown)
        ], f"{where}: options in the order students see them"
        correct = "；".join(f"{'ABCDEFGH'[n]}. {one_line(reads)}" for n, (reads, o) in enumerate(shown) if o.correct)
        assert f"答案：{correct}" in blocks, f"{where}: answer"


def test_chinese_keys_have_no_english_label_and_read_in_chinese(chinese_pages):
    for page_file in chinese_pages.glob("*.zh_CN.md"):
        markdown = page_file.read_text(encoding="utf-8")
        html = create_md_parser(MdParserConfig(enable_extensions=MYST_EXTENSIONS), RendererHTML).render(markdown)
        for label in ("Answer", "Question ", "Explanation", "Objective", "Source:", "level:", "see below", "questions"):
            assert label not in prose_text(html), f"{page_file.name}: {label!r}"
        assert cjk_share(prose_text(html)) >= CJK_SHARE, page_file.name


def test_the_chinese_index_lists_every_key_with_its_chinese_title(chinese_pages):
    blocks = rendered((chinese_pages / "index.zh_CN.md").read_text(encoding="utf-8")).blocks
    outline = chapters("zh")
    expected = [
        f"{outline[name][1]}：{len(load_quiz(name).questions)}道题"
        for name in sorted(check_all(), key=lambda n: outline[n][0])
    ]
    assert blocks[0] == "测验答案" and [b for b in blocks if b.endswith("道题")] == expected


def test_each_language_writes_and_removes_only_its_own_pages(tmp_path):
    course_answers.write_answer_keys(out=tmp_path, quizzes_folder=FIXTURES / "hostile")
    english = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.md")}
    (tmp_path / "01_gone.zh_CN.md").write_text("# 旧\n")
    course_answers.write_answer_keys(out=tmp_path, quizzes_folder=FIXTURES / "hostile", lang="zh")
    assert sorted(p.name for p in tmp_path.glob("*.md")) == [
        "hostile.md",
        "hostile.zh_CN.md",
        "index.md",
        "index.zh_CN.md",
    ]
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.md") if ".zh_CN" not in p.name} == english
    course_answers.write_answer_keys(out=tmp_path, quizzes_folder=FIXTURES / "hostile")
    assert (tmp_path / "hostile.zh_CN.md").exists() and (tmp_path / "index.zh_CN.md").exists()


def test_a_hostile_translation_renders_as_text_in_the_chinese_key(data_copy, tmp_path):
    hostile_catalogs(data_copy)
    course_answers.write_answer_keys(out=tmp_path, lang="zh")
    for page_file in tmp_path.glob("*.zh_CN.md"):
        page = rendered(page_file.read_text(encoding="utf-8"))
        assert {"script", "img"}.isdisjoint(page.tags), (page_file.name, page.tags)
        assert "{{" not in "".join(page.tags)
        assert any(HOSTILE_ZH in block for block in page.blocks), page_file.name
