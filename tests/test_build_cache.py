"""Build caches: the execution cache is cleared when the data or the course package changes; the
references are formatted again only when a page or a .bib file changed."""
import sys
from pathlib import Path

import course_cache


def _tree(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "shared_future").mkdir()
    (root / "data" / "timeline.csv").write_text("date\n2015\n")
    (root / "shared_future" / "maps.py").write_text("X = 1\n")
    return root


def test_digest_follows_data_and_package(tmp_path):
    root = _tree(tmp_path)
    first = course_cache.inputs_digest(root)
    assert course_cache.inputs_digest(root) == first
    (root / "data" / "timeline.csv").write_text("date\n2016\n")
    second = course_cache.inputs_digest(root)
    (root / "shared_future" / "maps.py").write_text("X = 2\n")
    assert len({first, second, course_cache.inputs_digest(root)}) == 3


def test_cache_cleared_only_when_inputs_change(tmp_path):
    cache = tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    (cache / "entry").write_text("executed outputs")
    assert course_cache.refresh_cache(cache, "aaa") is True  # no stamp yet: not trusted
    cache.mkdir()
    (cache / "entry").write_text("executed outputs")
    assert course_cache.refresh_cache(cache, "aaa") is False
    assert (cache / "entry").exists()
    assert course_cache.refresh_cache(cache, "bbb") is True
    assert not cache.exists()


def _bib_project(root: Path, title: str) -> Path:
    (root / "refs.bib").write_text("@book{key1,\n  author = {Ana Author},\n  title = {" + title + "},\n"
                                   "  year = {2020},\n  publisher = {P},\n}\n", encoding="utf-8")
    (root / "index.md").write_text("# Home\n\nSee {cite}`key1`.\n\n```{bibliography}\n```\n", encoding="utf-8")
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parents[1] / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'course_bibcache']\nbibtex_bibfiles = ['refs.bib']\n", encoding="utf-8")
    return root


def _build(root: Path) -> str:
    from sphinx.cmd.build import build_main

    assert build_main(["-q", "-b", "html", str(root), str(root / "_build")]) == 0
    return (root / "_build" / "index.html").read_text(encoding="utf-8")


def test_references_skip_reformatting_only_when_nothing_changed(tmp_path, monkeypatch):
    import course_bibcache

    root = _bib_project(tmp_path, "First Title")
    calls = []
    original = course_bibcache.BibtexDomain.env_updated
    monkeypatch.setattr(course_bibcache.BibtexDomain, "env_updated",
                        lambda self: calls.append(1) or original(self))
    assert "First Title" in _build(root) and len(calls) == 1
    assert "First Title" in _build(root) and len(calls) == 1, "a no-change build formatted the references again"
    _bib_project(tmp_path, "Second Title")  # a longer title: the file's size changes with its mtime
    page = _build(root)
    assert len(calls) == 2 and "Second Title" in page, "a changed .bib file was not formatted again"
