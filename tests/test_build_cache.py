"""Build caches: the execution cache is cleared when the data or the course package changes; the
references are formatted again only when a page or a .bib file changed."""

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


def test_each_cache_has_its_own_stamp(tmp_path):
    """The Chinese edition's cache sits beside the English one: a change the English build saw
    (and stamped) must still clear the Chinese cache."""
    english, chinese = tmp_path / ".jupyter_cache", tmp_path / ".jupyter_cache_zh"
    for cache in (english, chinese):
        course_cache.refresh_cache(cache, "aaa")
        cache.mkdir()
        (cache / "entry").write_text("executed outputs")
    assert course_cache.refresh_cache(english, "bbb") is True
    assert course_cache.refresh_cache(chinese, "bbb") is True
    assert not chinese.exists()


def _bib_project(root: Path, title: str) -> Path:
    (root / "refs.bib").write_text(
        "@book{key1,\n  author = {Ana Author},\n  title = {" + title + "},\n  year = {2020},\n  publisher = {P},\n}\n",
        encoding="utf-8",
    )
    (root / "index.md").write_text("# Home\n\nSee {cite}`key1`.\n\n```{bibliography}\n```\n", encoding="utf-8")
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parents[1] / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'course_bibcache']\nbibtex_bibfiles = ['refs.bib']\n",
        encoding="utf-8",
    )
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
    monkeypatch.setattr(course_bibcache.BibtexDomain, "env_updated", lambda self: calls.append(1) or original(self))
    assert "First Title" in _build(root) and len(calls) == 1
    assert "First Title" in _build(root) and len(calls) == 1, "a no-change build formatted the references again"
    _bib_project(tmp_path, "Second Title")  # a longer title: the file's size changes with its mtime
    page = _build(root)
    assert len(calls) == 2 and "Second Title" in page, "a changed .bib file was not formatted again"


BIB = {
    "alpha2019": ("Ana Alpha", "Alpha's Book", "2019"),
    "beta2020": ("Ben Beta", "A Book on {Beta}", "2020"),
    "beta2020b": ("Ben Beta", "Another Book on Beta", "2020"),
    "gamma2021": ("Gil Gamma and Gus Ganz", "Gamma: A Study", "2021"),
}


def _write_bib(root: Path, entries: dict[str, tuple[str, str, str]]) -> None:
    text = "".join(
        f"@book{{{key},\n  author = {{{author}}},\n  title = {{{title}}},\n  year = {{{year}}},\n"
        "  publisher = {Press},\n}\n\n"
        for key, (author, title, year) in entries.items()
    )
    (root / "refs.bib").write_text(text, encoding="utf-8")


def _cited_project(root: Path) -> Path:
    """Two chapters citing some keys; a references page listing every entry; a chapter's own
    list of what it cites (its alpha labels depend on what is cited: Bet20 alone, Bet20a beside Bet20b)."""
    root.mkdir(parents=True, exist_ok=True)
    _write_bib(root, BIB)
    (root / "index.md").write_text("# Home\n\n```{toctree}\nchapter\nother\nreferences\n```\n", encoding="utf-8")
    (root / "chapter.md").write_text(
        "# Chapter\n\nAs {cite}`alpha2019` and {cite:p}`beta2020` say.\n\n"
        "```{bibliography}\n:filter: docname in docnames\n:list: bullet\n```\n",
        encoding="utf-8",
    )
    (root / "other.md").write_text("# Other\n\nSee {cite:t}`gamma2021`.\n", encoding="utf-8")
    (root / "references.md").write_text("# References\n\n```{bibliography}\n:all:\n```\n", encoding="utf-8")
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parents[1] / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'course_bibcache']\nbibtex_bibfiles = ['refs.bib']\n"
        "bibtex_reference_style = 'author_year'\n",
        encoding="utf-8",
    )
    return root


def _build_pages(root: Path) -> tuple[dict[str, bytes], int]:
    """The built chapter, other and references pages, and how many entries pybtex formatted."""
    import pickle

    from sphinx.cmd.build import build_main

    out = root / "_build"
    assert build_main(["-q", "-W", "-b", "html", str(root), str(out)]) == 0
    pages = {name: (out / f"{name}.html").read_bytes() for name in ("chapter", "other", "references")}
    with open(out / ".doctrees" / "environment.pickle", "rb") as handle:
        env = pickle.load(handle)
    return pages, env.course_bib_formatted_now


def _touch_edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_cached_references_are_byte_identical_to_a_fresh_build(tmp_path):
    """Build, edit, rebuild with the cache; then build the same sources from nothing: the
    references page and the chapters' citations are the same bytes, and only what changed was
    formatted (a prose edit: nothing; a new citation: only entries under a label not seen before;
    an edited .bib entry: that entry, once for every list showing it under the same label)."""
    cached = _cited_project(tmp_path / "cached")
    _, formatted = _build_pages(cached)
    assert formatted == 5  # the :all: page's four; in the chapter's list, Alp19 again and Bet20 (a new label)

    edits = [
        ("prose edit", lambda root: _touch_edit(root / "other.md", "See", "As shown in"), 0),
        # the chapter's list gains beta2020b: beta2020 becomes Bet20a, both as formatted for the :all: page
        ("new citation", lambda root: _touch_edit(root / "chapter.md", "say.", "say; also {cite}`beta2020b`."), 0),
        (
            "new citation under a new label",
            lambda root: _touch_edit(root / "chapter.md", "say;", "say, with {cite}`gamma2021`;"),
            0,
        ),
        (
            "edited .bib entry",
            lambda root: _write_bib(
                root, {**BIB, "gamma2021": ("Gil Gamma and Gus Ganz", "Gamma: A New Study", "2021")}
            ),
            1,
        ),
    ]
    for step, (what, edit, expected) in enumerate(edits):
        edit(cached)
        pages, formatted = _build_pages(cached)
        fresh = _cited_project(tmp_path / f"fresh{step}")
        for _, earlier_edit, _ in edits[: step + 1]:
            earlier_edit(fresh)
        fresh_pages, _ = _build_pages(fresh)
        for name, body in fresh_pages.items():
            assert pages[name] == body, f"after the {what}, {name}.html differs from a fresh build"
        assert formatted == expected, f"the {what} formatted {formatted} entries, expected {expected}"
    assert b"Gamma: A New Study" in pages["references"] and b"Gamma: A New Study" in pages["chapter"]
    assert b"Gamma" in pages["other"] and b"Beta" in pages["chapter"]


def test_a_warning_is_given_again_on_every_build(tmp_path):
    """An entry that fails to format is not cached, so its warning is not lost on the next build."""
    from sphinx.cmd.build import build_main

    root = _cited_project(tmp_path / "book")
    (root / "refs.bib").write_text((root / "refs.bib").read_text() + "@book{broken,\n  title = {No Author},\n}\n")
    _touch_edit(root / "other.md", "See", "See {cite}`broken` and")
    args = ["-q", "-W", "-b", "html", str(root), str(root / "_build")]
    assert build_main(args) != 0
    _touch_edit(root / "other.md", "See", "As in")  # a prose edit: the references are formatted again
    assert build_main(args) != 0, "the second build lost the missing-field warning"
