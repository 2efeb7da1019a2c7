"""A rebuild costs what changed (book/_ext/course_incremental.py): sphinx-exercise's registry does
not carry whole pages in the environment, and figure and exercise numbers are worked out again
only when something numbered, or the table of contents, changed; they stay right either way."""

import pickle
import re
from pathlib import Path

import pytest

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext"
EXERCISE = "```{{exercise}}\n:label: {label}\n\n{text}\n```\n\n```{{solution}} {label}\n\nAn answer.\n```\n\n"


def _project(root: Path, order=("one", "two"), first_exercises=("one-a", "one-b")) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.md").write_text("# Home\n\n```{toctree}\n" + "\n".join(order) + "\n```\n", encoding="utf-8")
    exercises = "".join(EXERCISE.format(label=label, text="Do this.") for label in first_exercises)
    one = "# One\n\nSome prose.\n\n" + exercises
    (root / "one.md").write_text(one, encoding="utf-8")
    (root / "two.md").write_text("# Two\n\n" + EXERCISE.format(label="two-a", text="Do that."), encoding="utf-8")
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(EXT)!r})\n"
        "extensions = ['myst_parser', 'sphinx_exercise', 'course_incremental']\nnumfig = True\n",
        encoding="utf-8",
    )
    return root


def _build(root: Path, monkeypatch) -> list[str]:
    """Build `root`; the pages whose doctree Sphinx loaded from disk."""
    from sphinx.cmd.build import build_main
    from sphinx.environment import BuildEnvironment

    loaded: list[str] = []
    original = BuildEnvironment.get_doctree
    monkeypatch.setattr(BuildEnvironment, "get_doctree", lambda env, name: loaded.append(name) or original(env, name))
    assert build_main(["-q", "-W", "-b", "html", str(root), str(root / "_build")]) == 0
    return loaded


def _numbers(root: Path, page: str) -> list[str]:
    html = (root / "_build" / f"{page}.html").read_text(encoding="utf-8")
    return re.findall(r"caption-number\">Exercise (\d+)", html)


def test_the_registry_keeps_no_page(tmp_path, monkeypatch):
    root = _project(tmp_path)
    _build(root, monkeypatch)
    with open(root / "_build" / ".doctrees" / "environment.pickle", "rb") as handle:
        registry = pickle.load(handle).sphinx_exercise_registry
    assert set(registry) >= {"one-a", "one-b", "two-a"}
    for label, entry in registry.items():
        holding = [type(part).__name__ for part in entry["node"].findall() if vars(part).get("_document") is not None]
        assert not holding, f"{label}: registry node parts hold their page: {holding}"
    assert "Do this." in (root / "_build" / "one.html").read_text(encoding="utf-8")


def test_a_prose_edit_keeps_the_numbers_without_loading_other_pages(tmp_path, monkeypatch):
    root = _project(tmp_path)
    _build(root, monkeypatch)
    assert _numbers(root, "two") == ["3"]
    one = root / "one.md"
    one.write_text(one.read_text(encoding="utf-8").replace("Some prose.", "Some other prose."), encoding="utf-8")
    loaded = _build(root, monkeypatch)
    assert "two" not in loaded, "a prose edit loaded every page to number the figures again"
    assert "Some other prose." in (root / "_build" / "one.html").read_text(encoding="utf-8")
    assert _numbers(root, "one") == ["1", "2"]
    assert _numbers(root, "two") == ["3"]
    assert _build(root, monkeypatch) == [], "a no-change build loaded pages"


@pytest.mark.parametrize(
    "change, expected_two",
    [
        ({"first_exercises": ("one-a", "one-b", "one-c")}, ["4"]),  # a new exercise on an earlier page
        ({"first_exercises": ("one-a",)}, ["2"]),  # one removed
        ({"order": ("two", "one")}, ["1"]),  # the table of contents reordered
    ],
)
def test_numbers_follow_what_changed(tmp_path, monkeypatch, change, expected_two):
    root = _project(tmp_path)
    _build(root, monkeypatch)
    _project(root, **change)
    _build(root, monkeypatch)
    assert _numbers(root, "two") == expected_two
