"""The grading rules' shared table (quiz_fixtures/grading/cases.yaml) and the check of one
attempt's feedback, used by tests/test_quiz_grading.py (widgets) and
tests/browser/test_quiz_grading_pages.py (quiz.js)."""

from pathlib import Path

import yaml

from shared_future.quiz import read_quiz

FOLDER = Path(__file__).resolve().parent / "quiz_fixtures" / "grading"
QUIZ = read_quiz(FOLDER / "grading.yaml")
CASES = yaml.safe_load((FOLDER / "cases.yaml").read_text(encoding="utf-8"))


def check_feedback(case: dict, number: int, text: str) -> None:
    """The feedback shown after attempt `number` of a case, as the table says (both renderers)."""
    attempt = case["attempts"][number - 1]
    where = f"{case['name']}, attempt {number}: {text!r}"
    assert text.startswith("Correct." if attempt["correct"] else "Not quite."), where
    for part in attempt.get("shows", []):
        assert part in text, f"{where} lacks {part!r}"
    for part in attempt.get("hides", []):
        assert part not in text, f"{where} shows {part!r}"
