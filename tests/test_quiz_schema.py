"""Quiz files: the real ones validate; each broken fixture fails naming file, question and field."""

from collections import Counter
from pathlib import Path

import pytest

from shared_future import quiz as q

FIXTURES = Path(__file__).resolve().parent / "quiz_fixtures"
BROKEN = {
    "bad_yaml": "bad_yaml.yaml: line 6: invalid YAML: while scanning a quoted scalar",
    "missing_field": "missing_field.yaml: question mf-1: field explanation: missing",
    "unknown_type": "unknown_type.yaml: question ut-1: field type: unknown type 'essay'",
    "two_correct": "two_correct.yaml: question tc-1: field options: needs exactly one correct option, found 2",
    "none_correct": "none_correct.yaml: question nc-1: field options: needs at least one correct option",
    "no_feedback": "no_feedback.yaml: question nf-1: field options[1].feedback: missing",
    "short_ordering": "short_ordering.yaml: question so-1: field items: List should have at least 3 items",
    "bad_level": "bad_level.yaml: question bl-1: field level: Input should be 'remember'",
    "bad_true_false": "bad_true_false.yaml: question tf-1: field options: "
    "needs exactly two options, 'True' and 'False'",
    "bad_source": "bad_source.yaml: question bs-1: field source: 'nosuchkey2020' is neither",
    "data_no_ref": "data_no_ref.yaml: question dr-1: field refers_to: missing",
}


def test_the_real_quiz_files_validate():
    quizzes = q.check_all()
    assert "what_is_it" in quizzes
    assert q.main() == 0


def test_chapter_one_quiz_covers_the_spec():
    questions = q.load_quiz("what_is_it").questions
    assert len(questions) >= 8
    assert {question.type for question in questions} == set(q.TYPES)
    assert sum(question.level != "remember" for question in questions) >= 3


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_reported_precisely(name):
    with pytest.raises(q.QuizError) as err:
        q.read_quiz(FIXTURES / "broken" / f"{name}.yaml")
    assert f"tests/quiz_fixtures/broken/{BROKEN[name]}" in str(err.value)


def test_every_broken_fixture_has_an_expected_message():
    assert {p.stem for p in (FIXTURES / "broken").glob("*.yaml")} == set(BROKEN)


def test_duplicate_id_across_files():
    with pytest.raises(
        q.QuizError,
        match=r"duplicate/b\.yaml: question dup-1: field id: duplicate; "
        r"also in tests/quiz_fixtures/duplicate/a\.yaml",
    ):
        q.check_all(FIXTURES / "duplicate")


def test_every_problem_of_a_folder_is_listed(capsys, monkeypatch):
    monkeypatch.setattr(q, "quizzes_dir", lambda: FIXTURES / "broken")
    assert q.main() == 1
    assert Counter(line.split(":")[0] for line in capsys.readouterr().out.splitlines()) == {
        f"tests/quiz_fixtures/broken/{name}.yaml": 1 for name in BROKEN
    }


def test_chapter_must_match_file_name(tmp_path):
    text = (FIXTURES / "duplicate" / "a.yaml").read_text().replace("chapter: a", "chapter: other")
    (tmp_path / "a.yaml").write_text(text)
    with pytest.raises(q.QuizError, match="field chapter: 'other' must match the file name 'a'"):
        q.read_quiz(tmp_path / "a.yaml")


def test_bibliography_keys_resolve_to_links():
    label, url = q.source_link("hu2012report")
    assert label.startswith("Hu (2012)") and url.startswith("https://interpret.csis.org/")
    assert q.source_link("https://example.org/") == ("https://example.org/", "https://example.org/")


def test_ordering_is_never_shown_in_the_answer_order():
    for question in q.load_quiz("what_is_it").questions:
        if question.type == "ordering":
            order = q.display_order(question)
            assert sorted(order) == list(range(len(question.items))) and order != sorted(order)


def test_a_broken_quiz_fails_only_its_own_chapter(tmp_path, monkeypatch):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURES.parents[1] / "data", data)
    (data / "quizzes" / "origins.yaml").write_text("chapter: origins\nquestions: [\n", encoding="utf-8")
    monkeypatch.setenv("SHARED_FUTURE_DATA", str(data))
    assert q.load_quiz("what_is_it").chapter == "what_is_it"
    with pytest.raises(q.QuizError, match=r"origins\.yaml: line \d+: invalid YAML"):
        q.load_quiz("origins")
