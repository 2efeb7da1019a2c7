"""Every quiz question serves one of its chapter's stated objectives, and every objective has a question.

The objectives are the list in each chapter's objectives box (the same list the teacher's
objectives page shows); a question's `objective` quotes one of them."""

from __future__ import annotations

import re
from pathlib import Path

import course_pages
import pytest

from shared_future.data import load
from shared_future.quiz import check_all

ROOT = Path(__file__).resolve().parents[1]

ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+", re.M)


def normal(text: str) -> str:
    """An objective compared without case, backticks, spacing or its closing punctuation."""
    text = " ".join(text.replace("`", "").split()).casefold()
    return re.sub(r"[;.,]+$", "", text)


def box_objectives(notebook: str) -> list[str]:
    listing = course_pages.chapter_objectives(ROOT / "notebooks" / f"{notebook}.ipynb")
    return [normal(item) for item in ITEM.split(listing) if item.strip()]


CHAPTERS = [(row.notebook, row.notebook.split("_", 1)[1]) for row in load("course_outline").itertuples()]


@pytest.mark.parametrize("notebook, quiz_name", CHAPTERS)
def test_questions_quote_the_objectives_and_cover_them(notebook, quiz_name):
    objectives = box_objectives(notebook)
    questions = check_all()[quiz_name].questions
    assert 3 <= len(objectives) <= 5, objectives
    strays = [q.id for q in questions if normal(q.objective) not in objectives]
    assert not strays, f"{quiz_name}: objective not in the chapter's box: {strays}"
    covered = {normal(q.objective) for q in questions}
    assert not [o for o in objectives if o not in covered], f"{quiz_name}: objectives without a question"
