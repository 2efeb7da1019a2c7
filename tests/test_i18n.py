"""The package in Chinese: its label catalog, the `lang` parameter and $SHARED_FUTURE_LANG, the
quiz and data catalogs (extraction, update, fallback to English, validation), and renderings
with `lang="zh"` that carry no English label."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import string
from pathlib import Path

import nbformat
import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

import shared_future
from shared_future import catalogs, data, i18n, maps, progress, validate
from shared_future.paths import static_text
from shared_future.quiz import load_quiz, quiz, quiz_messages, source_link, translated_quiz
from shared_future.quiz.progress_page import ChapterRow, progress_html
from shared_future.timeline import timeline

# fields a translation may use besides the English ones: the month's number in a date, an
# amount in units of 100 million (亿) beside the one in billions
EXTRA_FIELDS = {"month", "cost_100m"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.fixture(autouse=True)
def no_language_from_outside(monkeypatch):
    monkeypatch.delenv(i18n.LANG_ENV_VAR, raising=False)
    monkeypatch.setattr(i18n, "_session", None)  # whatever a test's set_language chose


def translate(path: Path, translations: dict[str, str], fuzzy: bool = False) -> None:
    """Give some msgctxt of a catalog a msgstr, as a translator would."""
    catalog = read_po(path.open("rb"))
    for message in catalog:
        if message.context in translations:
            message.string = translations[message.context]
            if fuzzy:
                message.flags.add("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True)
    path.write_bytes(out.getvalue())


def untranslated(path: Path) -> Path:
    """A catalog with every translation taken out (as the scaffold wrote it), whatever the
    translators have done since."""
    catalog = read_po(path.open("rb"))
    for message in catalog:
        if message.id:
            message.string, message.flags = "", set()
    catalog.obsolete.clear()
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True)
    path.write_bytes(out.getvalue())
    return path


ORIGINS_MESSAGES = len(quiz_messages(load_quiz("origins")))


# --------------------------------------------------------------------------- the label catalog


def test_every_label_of_the_package_has_a_chinese_translation():
    labels = i18n.label_messages()
    catalog = i18n.read_po_file(i18n.label_catalog_path("zh")).get(None, {})
    assert len(labels) > 150
    assert sorted(catalog) == sorted(labels), "run `python -m shared_future.i18n update` and translate"
    for msgid, entry in catalog.items():
        assert entry.msgstr and not entry.fuzzy, f"{msgid!r} has no Chinese translation"
        assert fields(entry.msgstr) <= fields(msgid) | EXTRA_FIELDS, msgid
        if re.search(r"[A-Za-z]{3}", re.sub(r"\{[a-z_0-9]*\}", "", msgid)):  # English words: Chinese ones
            assert CJK.search(entry.msgstr) or "OpenStreetMap" in entry.msgstr, msgid


def test_the_label_catalog_is_current():
    before = i18n.label_catalog_path("zh").read_bytes()
    i18n.update_labels("zh")
    assert i18n.label_catalog_path("zh").read_bytes() == before


def test_dates_and_numbers_in_chinese():
    with i18n.language("zh"):
        assert data.format_date("2013-09-07", "day") == ("2013-09-07", "2013年9月7日")
        assert data.format_date("2014-11-01", "month")[1] == "2014年11月"
        assert data.format_date("2015-01-01", "year")[1] == "2015年"
    assert data.format_date("2013-09-07", "day")[1] == "7 September 2013"


def test_country_names_come_from_pycountry():
    assert i18n.country_name("LAO", "Laos", "zh") == "老挝"
    assert i18n.country_name("KEN", "Kenya", "zh") == "肯尼亚"
    assert i18n.country_name("LAO", "Laos", "en") == "Laos"
    assert i18n.country_name("XXX", "Nowhere", "zh") == "Nowhere"


def test_a_sphinx_language_names_the_package_language():
    assert [i18n.from_locale(x) for x in ("zh_CN", "zh-CN", "en", None, "fr")] == ["zh", "zh", "en", "en", "en"]


def test_the_language_comes_from_the_argument_then_the_environment(monkeypatch):
    assert i18n.resolve() == "en"
    monkeypatch.setenv(i18n.LANG_ENV_VAR, "zh")
    assert i18n.resolve() == "zh" and i18n.resolve("en") == "en"
    assert "检查" in quiz("origins", live=False)._repr_mimebundle_()["text/html"]
    assert maps.projects_map(tiles=False).title == "“一带一路”项目（按类型）"
    assert "Check" in quiz("origins", live=False, lang="en")._repr_mimebundle_()["text/html"]
    monkeypatch.setenv(i18n.LANG_ENV_VAR, "fr")
    with pytest.raises(ValueError, match="SHARED_FUTURE_LANG='fr' is not a course language; use one of: en, zh"):
        i18n.resolve()


def test_set_language_chooses_for_the_session_below_an_argument_and_a_block(monkeypatch):
    monkeypatch.setenv(i18n.LANG_ENV_VAR, "en")
    assert shared_future.set_language("zh") == "zh" == i18n.resolve()
    assert maps.projects_map(tiles=False).title == "“一带一路”项目（按类型）"
    assert i18n.resolve("en") == "en"
    with i18n.language("en"):
        assert i18n.resolve() == "en"
    assert shared_future.set_language(None) == "en"  # back to $SHARED_FUTURE_LANG
    with pytest.raises(ValueError, match=r"set_language\('fr'\): not a course language; use one of: en, zh"):
        shared_future.set_language("fr")
    assert i18n.resolve() == "en"


def test_set_language_in_a_notebook_holds_for_every_later_cell():
    """A real kernel (nbclient): the language chosen in one cell holds in the next ones, also when
    the choosing cell awaits (IPython runs such a cell in a copy of the context, which a
    ContextVar set there does not outlive)."""
    from nbclient import NotebookClient

    cells = [
        "import shared_future\nshared_future.set_language('zh')",
        "from shared_future import maps\nprint(maps.projects_map(tiles=False).title)",
        "from shared_future.quiz import quiz\nshown = quiz('origins', live=False)._repr_mimebundle_()\n"
        "print('检查' in shown['text/html'])",
        "import asyncio\nawait asyncio.sleep(0)\nshared_future.set_language('en')",
        "print(maps.projects_map(tiles=False).title)",
        "try:\n    shared_future.set_language('fr')\nexcept ValueError as err:\n    print(err)",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    root = Path(__file__).resolve().parents[1]  # the kernel's folder: this checkout's package
    NotebookClient(notebook, kernel_name="python3", timeout=60, resources={"metadata": {"path": str(root)}}).execute()
    printed = ["".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream") for cell in notebook.cells]
    assert printed[1:3] == ["“一带一路”项目（按类型）\n", "True\n"]
    assert printed[4] == "Belt and Road projects by type\n"
    assert printed[5] == "set_language('fr'): not a course language; use one of: en, zh\n"


# --------------------------------------------------------------------------- no English label in Chinese


@pytest.fixture(scope="module")
def translated_data(tmp_path_factory):
    """A copy of data/ whose quiz and data catalogs translate every message (as 数据<n>), so what
    is left in English in a rendering is a label of the package, or a proper name outside the
    catalogs (URLs, the titles of sources). Made once for the module."""
    copy = tmp_path_factory.mktemp("translated") / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", copy)
    for path in (copy / "locale").rglob("*.po"):
        catalog = read_po(path.open("rb"))
        for number, message in enumerate(catalog):
            if message.id:
                message.string = f"数据{number}"
        out = io.BytesIO()
        write_po(out, catalog, width=0)
        path.write_bytes(out.getvalue())
    return copy


@pytest.fixture
def all_translated(translated_data, monkeypatch):
    monkeypatch.setenv(data.DATA_ENV_VAR, str(translated_data))
    return translated_data


def english_fragments() -> set[str]:
    """The English of every label cut at its placeholders: pieces of a few words, or a
    capitalised word (lower-case single words are also JavaScript's and folium's names)."""
    pieces = set()
    for label in i18n.label_messages():
        for piece in re.split(r"\{[a-z_0-9]*\}", label):
            piece = piece.strip(" :;,.()")
            if len(piece) >= 4 and re.search(r"[A-Za-z]{3}", piece) and (" " in piece or piece[0].isupper()):
                pieces.add(piece)
    return pieces


def english_labels_in(text: str, names=()) -> list[str]:
    """The English labels in a rendering, URLs and the given proper names aside."""
    text = re.sub(r"https?://[^\s\"'<>\\]+", " ", text)
    for name in names:
        text = text.replace(name, " ")
    return sorted(p for p in english_fragments() if re.search(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])", text))


def without_code(html: str) -> str:
    """A fragment without its stylesheet and scripts (the labels they get are in JSON blocks)."""
    soup = BeautifulSoup(html, "html.parser")
    for code in soup.find_all(["style", "script"]):
        if code.get("type") != "application/json":
            code.decompose()
    return str(soup)


def source_titles(name: str) -> list[str]:
    """The titles of a quiz's sources, as the page shows them and as its answer key (JSON) holds them."""
    titles = [source_link(q.source)[0] for q in load_quiz(name).questions]
    return titles + [json.dumps(t)[1:-1] for t in titles] + [html.escape(t) for t in titles]


@pytest.mark.parametrize("name", ["what_is_it", "origins", "pillars", "belt_and_road"])
def test_a_quiz_in_chinese_has_no_english_label(all_translated, name):
    html = quiz(name, live=False, lang="zh")._repr_mimebundle_()["text/html"]
    assert english_labels_in(without_code(html), source_titles(name)) == []
    assert re.search("数据[0-9]+", html) and "检查" in html and "重新开始" in html
    live = quiz(name, live=True, lang="zh").widgets
    assert live.retry.description == "重新开始" and live.questions[0].check.description == "检查"
    english = quiz(name, live=False, lang="en")._repr_mimebundle_()["text/html"]
    assert "Start again" in english and english_labels_in(without_code(english), source_titles(name))


def map_document(m) -> str:
    return re.sub(r"<script[^>]*src=[^>]*></script>", "", m.get_root().render()) + m.table.html()


@pytest.mark.parametrize("make", maps.ALL_MAPS, ids=lambda f: f.__name__)
def test_a_map_in_chinese_has_no_english_label(all_translated, make):
    m = make(tiles=False, lang="zh")
    assert CJK.search(m.title) and all(CJK.search(name) for name in m.layers)
    assert english_labels_in(map_document(m)) == [], make.__name__
    assert english_labels_in(map_document(make(tiles=False)))  # the same check finds the English ones


def test_the_timeline_in_chinese_has_no_english_label(all_translated):
    html = timeline(start=2011, end=2018, lang="zh")._repr_html_()
    assert "2011年至2018年的重要事件" in html and "2013年9月7日" in html
    assert english_labels_in(without_code(html)) == []
    assert "Key events from 2011 to 2018" in timeline(start=2011, end=2018)._repr_html_()


@pytest.mark.parametrize("name", ["quiz.js", "quiz-progress.js", "timeline.js", "sf-maps.js"])
def test_the_scripts_hold_no_english_label(name):
    """Labels reach the course's scripts from Python, in the page's language."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", static_text(name), flags=re.S)  # comments aside
    literals = [a or b for a, b in re.findall(r"\"([^\"\n]*)\"|'([^'\n]*)'", code)]
    sentences = [text for text in literals if re.search(r"[A-Z][a-z]+ [a-z]+|^(Play|Pause|Layers)\b", text)]
    assert sentences == [], sentences


def test_the_progress_page_works_in_both_languages_and_exports_the_same_csv():
    rows = [ChapterRow("origins", "第2章", "../notebooks/02_origins.html", 15)]
    chinese, english = progress_html(rows, "zh"), progress_html(rows, "en")
    assert "导出给老师" in chinese and "尚未作答" in chinese and "Export for my teacher" in english
    assert english_labels_in(without_code(chinese)) == []
    # the export's columns are the machine-readable ones in every language (quiz-store.js)
    columns = re.search(r"S\.COLUMNS = (\[.*?\]);", static_text("quiz-store.js")).group(1)
    assert yaml.safe_load(columns) == progress.EXPORT_COLUMNS
    assert progress.EXPORT_COLUMNS == [
        "student",
        "chapter",
        "question_id",
        "answer",
        "correct",
        "answered_at",
        "attempt",
    ]


# --------------------------------------------------------------------------- quiz and data catalogs


def test_the_catalogs_hold_todays_english():
    """Every quiz and data catalog has exactly the messages of its English source (run
    `python -m shared_future.catalogs extract` after changing the English)."""
    quizzes = {name: load_quiz(name) for name in catalogs.QUIZ_CHAPTERS}
    expected = {("quizzes", n): dict(quiz_messages(q)) for n, q in quizzes.items()}
    expected |= {("data", n): dict(catalogs.data_messages(n)) for n in catalogs.DATA_CATALOGS}
    for (kind, name), messages in expected.items():
        entries = i18n.read_po_file(catalogs.catalog_path(kind, name))
        held = {context: msgid for context, by_id in entries.items() for msgid in by_id}
        assert held == messages, f"{kind}/{name}.po"


def test_extraction_is_idempotent(data_copy):
    catalogs.extract()
    assert catalogs.extract() == []
    text = catalogs.catalog_path("data", "projects").read_text(encoding="utf-8")
    assert "python-format" not in text.replace("no-python-format", "")  # '60%' is no format string


def test_translations_are_used_where_they_exist_and_english_elsewhere(data_copy):
    path = untranslated(catalogs.catalog_path("quizzes", "origins"))
    translate(
        path,
        {"title": "检验你的理解：起源", "origins-1.prompt": "谁宣读了报告？", "origins-1.options.0.text": "胡锦涛"},
    )
    translate(path, {"origins-1.explanation": "不应采用的模糊译文"}, fuzzy=True)
    english = load_quiz("origins")
    chinese = translated_quiz(english, "zh")
    assert chinese.title == "检验你的理解：起源" and chinese.questions[0].prompt == "谁宣读了报告？"
    assert chinese.questions[0].options[0].text == "胡锦涛" and chinese.questions[0].options[0].correct
    assert chinese.questions[0].explanation == english.questions[0].explanation  # fuzzy: English
    assert chinese.questions[1].prompt == english.questions[1].prompt  # untranslated: English
    assert english.title.startswith("Check your understanding") and translated_quiz(english, "en") is english
    html = quiz("origins", live=False, lang="zh")._repr_mimebundle_()["text/html"]
    assert "谁宣读了报告？" in html and "检查" in html


def test_data_translations_reach_the_maps_and_the_timeline(data_copy):
    events = data.load("timeline")
    first = events.iloc[0]
    row = f"{first['date']:%Y-%m-%d}/{first['title']}"
    translate(
        catalogs.catalog_path("data", "timeline"),
        {f"{row}.title": "白皮书《中国的和平发展》", f"{row}.place": "中国北京"},
    )
    m = maps.key_moments_map(tiles=False, lang="zh")
    assert "白皮书《中国的和平发展》" in map_document(m) and "中国北京" in map_document(m)
    assert "白皮书《中国的和平发展》" in timeline(lang="zh")._repr_html_()
    assert "白皮书《中国的和平发展》" not in map_document(maps.key_moments_map(tiles=False))
    corridor = data.load_geojson("corridors")["features"][0]["properties"]["name"]
    translate(catalogs.catalog_path("data", "corridors"), {f"{corridor}.name": "新亚欧大陆桥"})
    assert "新亚欧大陆桥" in map_document(maps.corridors_map(tiles=False, lang="zh"))
    bri = maps.bri_participation_map(tiles=False, lang="zh")
    assert "肯尼亚" in map_document(bri)  # pycountry's Chinese name


def test_extraction_keeps_translations_and_flags_changed_english(data_copy):
    catalogs.extract()  # as this code writes them
    path = catalogs.catalog_path("quizzes", "origins")
    translate(path, {"origins-1.prompt": "谁宣读了报告？", "origins-2.prompt": "保留的译文"})
    quiz_file = data_copy / "quizzes" / "origins.yaml"
    quiz_file.write_text(
        quiz_file.read_text(encoding="utf-8").replace("Who read out", "Who read aloud"), encoding="utf-8"
    )
    assert catalogs.extract() == [path]
    entries = i18n.read_po_file(path)
    changed, kept = entries["origins-1.prompt"], entries["origins-2.prompt"]
    (new,) = changed.values()
    assert new.msgid.startswith("Who read aloud") and new.msgstr == "谁宣读了报告？" and new.fuzzy
    assert "#. English when translated: Who read out the report" in path.read_text(encoding="utf-8")
    assert [e.msgstr for e in kept.values()] == ["保留的译文"] and not next(iter(kept.values())).fuzzy
    assert catalogs.extract() == []


def test_validator_reports_incomplete_catalogs_as_information(data_copy, capsys):
    untranslated(catalogs.catalog_path("quizzes", "origins"))
    assert validate.main([str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "Translations not complete (information, not an error):" in out
    assert f"data/locale/zh_CN/LC_MESSAGES/quizzes/origins.po: 0 of {ORIGINS_MESSAGES} translated\n" in out


def test_a_translation_whose_english_changed_is_an_error_naming_file_entry_and_field(data_copy, capsys):
    translate(catalogs.catalog_path("quizzes", "origins"), {"origins-1.prompt": "谁宣读了报告？"})
    quiz_file = data_copy / "quizzes" / "origins.yaml"
    quiz_file.write_text(
        quiz_file.read_text(encoding="utf-8").replace("Who read out", "Who read aloud"), encoding="utf-8"
    )
    assert validate.main([str(data_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    expected = (
        "data/locale/zh_CN/LC_MESSAGES/quizzes/origins.po: msgctxt 'origins-1.prompt' "
        "(question origins-1: field prompt): msgid no longer matches the English"
    )
    assert any(line.startswith(expected) for line in lines), lines
    assert catalogs.extract() and validate.main([str(data_copy)]) == 0  # the extraction makes it fuzzy
    assert "(1 fuzzy)" in capsys.readouterr().out


def test_untranslated_entries_of_changed_english_are_information(data_copy, capsys):
    untranslated(catalogs.catalog_path("quizzes", "origins"))
    quiz_file = data_copy / "quizzes" / "origins.yaml"
    quiz_file.write_text(
        quiz_file.read_text(encoding="utf-8").replace("Who read out", "Who read aloud"), encoding="utf-8"
    )
    assert validate.main([str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert f"quizzes/origins.po: 0 of {ORIGINS_MESSAGES} translated (1 out of date (run the extraction))" in out
