"""The Chinese edition's catalogs: every page the manifest counts as translated has a complete
catalog, or is generated in Chinese and has none (scripts/book_zh.py); and the edition's
checks, tried on a small book translated here in a temporary folder (a complete page passes, a
fuzzy, untranslated or English page fails and is named)."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from course_answers import chapters, page_name
from course_languages import MANIFEST, translated_pages
from zh_edition import catalog, catalog_problems, prose_problem

from scripts.book_zh import GENERATED_PAGES, is_generated
from shared_future.quiz import check_all

ROOT = Path(__file__).resolve().parents[1]
PAGE = """# The community

The community with a shared future for mankind is a concept of Chinese diplomacy.

- It was named in 2012.

```python
print("code is not prose")
```
"""
TRANSLATION = {
    "The community": "共同体",
    "The community with a shared future for mankind is a concept of Chinese diplomacy.": (
        "人类命运共同体是中国外交的一个理念。"
    ),
    "It was named in 2012.": "这一提法出现于2012年。",
}
WRITTEN_IN_CHINESE = "这一段本来就是中文（`source_url` 列），不需要目录。"


def answer_key_pages() -> set[str]:
    """The docnames of the answer keys the build writes (generated, not committed)."""
    outline = chapters()
    return {f"book/teachers/answers/{page_name(name, outline)}" for name in check_all()}


def test_the_manifest_lists_every_page_of_the_book():
    """Every page of _toc.yml, the generated answer keys included, is in the manifest, and nothing else."""
    pages = translated_pages()
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries = [entry for part in toc["parts"] for entry in part["chapters"]]
    globs = [entry["glob"] for entry in entries if "glob" in entry]
    named = {toc["root"]} | {entry["file"] for entry in entries if "file" in entry}
    named |= {page for page in answer_key_pages() if any(fnmatch.fnmatch(page, pattern) for pattern in globs)}
    assert len(pages) == len(set(pages)), f"{MANIFEST}: a page is listed twice"
    assert not set(pages) - named, f"{MANIFEST}: not pages of _toc.yml: {sorted(set(pages) - named)}"
    assert not named - set(pages), f"{MANIFEST}: pages of the book not in it: {sorted(named - set(pages))}"


def test_manifest_pages_have_complete_catalogs():
    pages = [page for page in translated_pages() if not is_generated(page)]
    problems = [problem for page in pages for problem in catalog_problems(catalog(page))]
    assert problems == [], "\n".join(problems)


def test_generated_pages_have_no_catalog():
    """A page generated in Chinese is translated once, at its source: a page catalog would be a second translation."""
    catalogs = ROOT / "locale" / "zh_CN" / "LC_MESSAGES"
    for page in GENERATED_PAGES:
        assert not (catalogs / f"{page}.po").exists() and not (catalogs / page).exists(), page
    assert "book/progress" in translated_pages() and answer_key_pages() <= set(translated_pages())


def po_file(translations: dict[str, str], fuzzy: str = "") -> str:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=utf-8\\n"', ""]
    for msgid, msgstr in translations.items():
        lines += (["#, fuzzy"] if msgid == fuzzy else []) + [f'msgid "{msgid}"', f'msgstr "{msgstr}"', ""]
    return "\n".join(lines)


def write_catalog(path: Path, translations: dict[str, str], fuzzy: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(po_file(translations, fuzzy), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_book(tmp_path_factory) -> Path:
    """A book in the course's theme, built in Chinese into html/: page `index` translated and in
    the manifest (with a paragraph written in Chinese, as a cell's output or an included file's
    Chinese variant gives, that no catalog has), page `english` with only its title translated
    and not in the manifest, page `stale` in the manifest with a catalog that lacks a message (as
    after an English edit)."""
    root = tmp_path_factory.mktemp("small-book")
    messages = root / "locale" / "zh_CN" / "LC_MESSAGES"
    (root / "index.md").write_text(
        PAGE + f"\n{WRITTEN_IN_CHINESE}\n\n```{{toctree}}\nenglish\nstale\n```\n", encoding="utf-8"
    )
    (root / "english.md").write_text(PAGE, encoding="utf-8")
    (root / "stale.md").write_text(PAGE + "\nA sentence added in English.\n", encoding="utf-8")
    write_catalog(messages / "stale.po", TRANSLATION)
    write_catalog(messages / "index.po", TRANSLATION)
    write_catalog(messages / "english.po", {"The community": "共同体"})
    (root / "manifest.yml").write_text(yaml.safe_dump({"translated": ["index", "stale"]}), encoding="utf-8")
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'course_languages']\nhtml_theme = 'sphinx_book_theme'\n"
        "language = 'zh_CN'\nlocale_dirs = ['locale']\ngettext_compact = False\n"
        f"course_manifest = {str(root / 'manifest.yml')!r}\nhtml_baseurl = 'https://o.github.io/c/zh/'\n",
        encoding="utf-8",
    )
    # in a process of its own: Sphinx keeps the catalogs it loaded for the life of the process
    build = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(root), str(root / "html")]
    done = subprocess.run(build, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (root / "warnings.txt").write_text(done.stderr, encoding="utf-8")
    return root


def test_a_translated_page_passes_every_check(small_book):
    page = small_book / "html" / "index.html"
    assert catalog_problems(small_book / "locale" / "zh_CN" / "LC_MESSAGES" / "index.po") == []
    assert prose_problem(page) is None
    text = page.read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in text and "人类命运共同体是中国外交的一个理念。" in text
    assert "这一段本来就是中文" in text  # and no warning for it: test_a_manifest_page_with_english_text...
    assert 'class="sf-untranslated"' not in text and '<section lang="en"' not in text
    assert '<a href="../index.html" hreflang="en" lang="en">English</a>' in text
    assert '<link rel="alternate" hreflang="en" href="https://o.github.io/c/index.html">' in text


def test_a_manifest_page_with_english_text_the_catalog_lacks_fails_the_build(small_book):
    warnings = [line for line in (small_book / "warnings.txt").read_text().splitlines() if "WARNING" in line]
    assert len(warnings) == 1, warnings  # the strict build (-W) fails on it
    assert "stale is in" in warnings[0] and "1 of its messages are not translated" in warnings[0]
    assert "'A sentence added in English.'" in warnings[0] and "LC_MESSAGES/stale.po" in warnings[0]


def test_fuzzy_and_untranslated_messages_are_named(tmp_path):
    fuzzy, missing = list(TRANSLATION)[1], list(TRANSLATION)[2]
    po = write_catalog(tmp_path / "index.po", {**TRANSLATION, missing: ""}, fuzzy=fuzzy)
    problems = catalog_problems(po)
    assert len(problems) == 2
    assert "fuzzy" in problems[0] and fuzzy[:40] in problems[0]
    assert "untranslated" in problems[1] and missing[:20] in problems[1]


def test_an_english_page_fails_the_prose_check_and_says_it_is_not_translated(small_book):
    page = small_book / "html" / "english.html"
    problem = prose_problem(page)
    assert problem and "english.html" in problem
    text = page.read_text(encoding="utf-8")
    assert 'class="sf-untranslated"' in text and "本页尚未译成中文" in text and "not translated into Chinese" in text
    assert '<section lang="en" id="the-community">' in text  # the English text is marked as English
    assert text.count('href="../english.html"') == 3  # the switch and the notice's two links


def test_a_missing_catalog_is_a_problem(tmp_path):
    assert catalog_problems(tmp_path / "nothing.po") == [f"{tmp_path / 'nothing.po'}: no catalog"]


def test_a_malformed_manifest_names_its_file(tmp_path):
    manifest = tmp_path / "manifest.yml"
    manifest.write_text("translated: book/intro\n", encoding="utf-8")
    with pytest.raises(ValueError, match="manifest.yml: field translated"):
        translated_pages(manifest)


def test_ids_repeated_by_translated_messages_become_unique():
    """Each translated message is parsed alone, so two can give their citations the same id."""
    from types import SimpleNamespace

    from course_languages import _unique_ids
    from docutils import nodes
    from docutils.utils import new_document

    doctree = new_document("page")
    for _ in range(3):
        doctree += nodes.inline(ids=["id2"])
    doctree += nodes.inline(ids=["id2-2"])
    _unique_ids(SimpleNamespace(config=SimpleNamespace(language="zh_CN")), doctree, "page")
    ids = [i for node in doctree.findall(nodes.inline) for i in node["ids"]]
    assert ids[0] == "id2" and len(set(ids)) == 4
