"""The generated pages in both editions, built by Sphinx with the book's extensions in a small
book of their own (a temporary folder): the English build writes and shows English answer keys,
progress page, bank list and rubric, the Chinese build (`language = "zh_CN"`) Chinese ones from
its `name.zh_CN.*` variants, neither changes the other's files, a no-change rebuild of either
after the other reads no document (book/_ext/course_variants.py), and neither does a rebuild
after an input of the pages was touched without a change (each build keeps its own stamp)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared_future.paths import DATA_ENV_VAR

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = ["myst_parser", "sphinxcontrib.bibtex", "course_answers", "course_progress", "course_variants"]
INDEX = """# Home

```{toctree}
:glob:
book/progress
book/teachers/lms
book/teachers/rubrics
book/teachers/answers/*
```
"""
LMS = "# Banks\n\n```{raw} html\n:file: banks.html\n```\n"
RUBRICS = "# Rubrics\n\n```{include} capstone-rubric.md\n```\n"
CHINESE_LABELS = re.compile(r"测验答案|第1题|解析|学习进度|道题")  # labels of the Chinese pages


def build(src: Path, lang: str) -> str:
    """Build the small book in `lang` into `src/../html-<lang>`, from the data copy beside it;
    Sphinx's output (what it read)."""
    options = ["-D", "language=zh_CN"] if lang == "zh" else []
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(src.parent / f"doctrees-{lang}"), *options]
    env = {**os.environ, DATA_ENV_VAR: str(src.parent / "data")}
    env.pop("SHARED_FUTURE_LANG", None)
    # each build in a process of its own, as the book's two are: Sphinx keeps the catalogs it loaded
    done = subprocess.run(
        [*command, str(src), str(src.parent / f"html-{lang}")], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def read_count(output: str) -> tuple[int, int]:
    """(added, changed) documents of a build, from Sphinx's 'updating environment' line."""
    found = re.search(r"(\d+) added, (\d+) changed, \d+ removed", output)
    assert found, output
    return int(found.group(1)), int(found.group(2))


def generated(src: Path) -> dict[str, int]:
    """Every file of the small book's `book/` folder (the generated ones among them) and its time."""
    return {str(p.relative_to(src)): p.stat().st_mtime_ns for p in (src / "book").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> dict:
    """English build, Chinese build, a no-change English and a no-change Chinese build, then both
    again after a quiz file was touched (its text unchanged)."""
    work = tmp_path_factory.mktemp("editions")
    shutil.copytree(ROOT / "data", work / "data")
    src = work / "src"
    teachers = src / "book" / "teachers"
    teachers.mkdir(parents=True)
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (teachers / "lms.md").write_text(LMS, encoding="utf-8")
    (teachers / "rubrics.md").write_text(RUBRICS, encoding="utf-8")
    for rubric in ("capstone-rubric.md", "capstone-rubric.zh_CN.md"):
        shutil.copy(ROOT / "book" / "teachers" / rubric, teachers / rubric)
    (src / "refs.bib").write_text("", encoding="utf-8")  # the keys' citations are not what is tested here
    (src / "conf.py").write_text(
        f"import sys\nsys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'book' / '_ext')!r}]\n"
        f"extensions = {EXTENSIONS!r}\nexclude_patterns = ['**.zh_CN.md']\n"
        "bibtex_bibfiles = ['refs.bib']\nsuppress_warnings = ['bibtex']\n",
        encoding="utf-8",
    )
    runs = {"en": build(src, "en")}
    english_files = generated(src)
    runs["zh"] = build(src, "zh")
    after_chinese = generated(src)
    runs["en again"] = build(src, "en")
    runs["zh again"] = build(src, "zh")
    (work / "data" / "quizzes" / "origins.yaml").touch()
    runs["en touched"] = build(src, "en")
    runs["zh touched"] = build(src, "zh")
    return {"work": work, "runs": runs, "english_files": english_files, "after_chinese": after_chinese}


def page(book: dict, lang: str, name: str) -> str:
    text = (book["work"] / f"html-{lang}" / f"{name}.html").read_text(encoding="utf-8")
    return text[text.index('<div class="body"') :]


@pytest.mark.parametrize("run", ["en again", "zh again", "en touched", "zh touched"])
def test_a_no_change_rebuild_after_the_other_edition_reads_nothing(book, run):
    assert read_count(book["runs"][run]) == (0, 0), book["runs"][run]


def test_the_chinese_build_changes_no_english_file(book):
    english, after = book["english_files"], book["after_chinese"]
    assert {name: after[name] for name in english} == english
    added = sorted(set(after) - set(english))
    assert "book/progress.zh_CN.md" in added and "book/teachers/banks.zh_CN.html" in added
    assert "book/teachers/answers/02_origins.zh_CN.md" in added and all(".zh_CN." in name for name in added)


def test_english_pages_stay_english_after_a_chinese_build(book):
    for name in ("book/teachers/answers/02_origins", "book/teachers/answers/index", "book/progress"):
        text = page(book, "en", name)
        assert not CHINESE_LABELS.search(text), name
    assert "Answer key: Origins, 2011-2018" in page(book, "en", "book/teachers/answers/02_origins")
    assert "No data leaves your browser." in page(book, "en", "book/progress")
    assert "QTI 2.1 package" in page(book, "en", "book/teachers/lms")
    assert "Use of the data" in page(book, "en", "book/teachers/rubrics")


def test_chinese_pages_are_chinese(book):
    key = page(book, "zh", "book/teachers/answers/02_origins")
    assert "测验答案：起源（2011—2018年）" in key and "Answer key" not in key and "Explanation" not in key
    assert "你的数据不会离开你的浏览器。" in page(book, "zh", "book/progress")
    assert "导出给老师" in page(book, "zh", "book/progress")
    banks = page(book, "zh", "book/teachers/lms")
    assert "QTI 2.1 包" in banks and "QTI 2.1 package" not in banks and "起源（2011—2018年）：" in banks
    rubric = page(book, "zh", "book/teachers/rubrics")
    assert "数据的使用" in rubric and "Use of the data" not in rubric


@pytest.mark.parametrize(
    "path", ["book/progress.zh_CN.md", "book/teachers/banks.zh_CN.html", "book/teachers/answers/02_origins.zh_CN.md"]
)
def test_the_chinese_generated_files_are_not_committed(path):
    assert subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0, (
        f"{path}: add it to .gitignore"
    )
