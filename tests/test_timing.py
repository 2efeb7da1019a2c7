"""One source for time: the `minutes` and `optional_minutes` of data/course_outline.csv.

Every text that states a chapter's time (its "Time needed" box, chapter 1 and the introduction,
the teacher's guide, the lesson plans, quiz questions what-is-it-9 and what-is-it-10) must agree
with the file, and the file must agree with the timing rule of data/README.md, recomputed here
from the notebooks. A chapter that gains words, code cells, exercises or quiz questions fails
until its minutes are raised.
"""

import re
from pathlib import Path

import nbformat
import pytest

from shared_future.data import load
from shared_future.quiz import load_quiz
from shared_future.student_edition import orientation_cell

ROOT = Path(__file__).resolve().parents[1]
OUTLINE = load("course_outline")
CHAPTERS = list(OUTLINE.itertuples(index=False))

# The timing rule (data/README.md, "How the minutes are estimated").
WORDS_PER_MINUTE = 150
CODE_CELL_MINUTES = 1
SHORT_EXERCISE_MINUTES = 6
WRITTEN_EXERCISE_MINUTES = 15
QUIZ_QUESTION_MINUTES = 1
MAX_ABOVE_ESTIMATE = 15
CORE_LIMIT = 90

GOING_FURTHER = "## Going further"
EXERCISE = re.compile(r"^(`{3,})\{exercise\}[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
WRITTEN = re.compile(r"\b\d+ words\b")


def _split(cells) -> tuple[list, list]:
    """The chapter's cells before its "Going further" section, and the section's cells."""
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown" and cell.source.startswith(GOING_FURTHER):
            return cells[:i], cells[i:]
    return cells, []


def _notebook(name: str):
    return nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)


def estimate(cells, quiz_questions: int = 0) -> float:
    """Minutes a student needs for these cells, by the rule in data/README.md."""
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    code = [c for c in cells if c.cell_type == "code" and "remove-cell" not in c.metadata.get("tags", [])]
    exercises = [body for _, body in EXERCISE.findall(markdown)]
    written = sum(bool(WRITTEN.search(body)) for body in exercises)
    return (
        len(markdown.split()) / WORDS_PER_MINUTE
        + len(code) * CODE_CELL_MINUTES
        + (len(exercises) - written) * SHORT_EXERCISE_MINUTES
        + written * WRITTEN_EXERCISE_MINUTES
        + quiz_questions * QUIZ_QUESTION_MINUTES
    )


def _quiz_questions(name: str) -> int:
    return len(load_quiz(name.split("_", 1)[1]).questions)


def _fix(chapter, what: str) -> str:
    return (
        f"chapter {chapter.chapter} ({chapter.notebook}): {what}; change data/course_outline.csv "
        "and every text that states the time (see data/README.md)"
    )


def test_the_rule_counts_words_code_exercises_and_questions():
    cells = [
        nbformat.v4.new_markdown_cell(" ".join(["word"] * 300)),
        nbformat.v4.new_code_cell("setup()", metadata={"tags": ["remove-cell"]}),
        nbformat.v4.new_code_cell("load()"),
        nbformat.v4.new_markdown_cell("```{exercise} Read\n:label: a\n\nRead.\n```"),
        nbformat.v4.new_markdown_cell("````{exercise} Argue\n:label: b\n\nIn 150 words, argue.\n````"),
    ]
    exercise_words = len("```{exercise} Read\n:label: a\n\nRead.\n```".split()) + len(
        "````{exercise} Argue\n:label: b\n\nIn 150 words, argue.\n````".split()
    )
    expected = (300 + exercise_words) / 150 + 1 + 6 + 15 + 2 * QUIZ_QUESTION_MINUTES
    assert estimate(cells, quiz_questions=2) == pytest.approx(expected)
    more = cells + [nbformat.v4.new_markdown_cell(" ".join(["word"] * 1500))]
    assert estimate(more, quiz_questions=2) == pytest.approx(expected + 10)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.notebook)
def test_minutes_follow_the_timing_rule(chapter):
    core, optional = _split(_notebook(chapter.notebook).cells)
    # The student edition adds one cell to read, the orientation; its answer cells are the
    # exercises' own time, its glossary cell a reference (as the book's glossary page is).
    orientation = len(orientation_cell(chapter.notebook).source.split()) / WORDS_PER_MINUTE
    needed = estimate(core, _quiz_questions(chapter.notebook)) + orientation
    assert chapter.minutes <= CORE_LIMIT, _fix(
        chapter, f"{chapter.minutes} minutes: move whole sections to a final '{GOING_FURTHER}' section"
    )
    assert needed <= chapter.minutes, _fix(
        chapter, f"the core needs about {needed:.1f} minutes, the outline says {chapter.minutes}"
    )
    assert chapter.minutes <= needed + MAX_ABOVE_ESTIMATE, _fix(
        chapter, f"the core needs about {needed:.1f} minutes, the outline says {chapter.minutes}"
    )
    if not optional:
        assert chapter.optional_minutes == 0, _fix(chapter, f"no '{GOING_FURTHER}' section, yet optional minutes")
        return
    extra = estimate(optional)
    assert extra <= chapter.optional_minutes <= extra + MAX_ABOVE_ESTIMATE, _fix(
        chapter, f"'{GOING_FURTHER}' needs about {extra:.1f} minutes, the outline says {chapter.optional_minutes}"
    )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.notebook)
def test_time_needed_box_states_the_outline(chapter):
    cells = _notebook(chapter.notebook).cells
    box = next(c.source for c in cells if c.cell_type == "markdown" and "**Time needed.**" in c.source)
    found = re.search(
        r"\*\*Time needed\.\*\*\s+About (\d+) minutes(?:,\s+plus about (\d+) for the optional\s+"
        r"\"Going further\" section)?",
        box,
    )
    assert found, f"{chapter.notebook}: no '**Time needed.** About N minutes' in the objectives box"
    assert int(found.group(1)) == chapter.minutes, _fix(chapter, f"the box says {found.group(1)} minutes")
    assert int(found.group(2) or 0) == chapter.optional_minutes, _fix(
        chapter, f"the box gives {found.group(2) or 'no'} optional minutes"
    )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.notebook)
def test_going_further_is_marked_optional_and_comes_last(chapter):
    cells = _notebook(chapter.notebook).cells
    _, optional = _split(cells)
    headings = [c for c in cells if c.cell_type == "markdown" and GOING_FURTHER in c.source]
    assert len(headings) == (1 if chapter.optional_minutes else 0), _fix(
        chapter, "one 'Going further' section for optional minutes, none without"
    )
    if optional:
        heading = optional[0].source.splitlines()[0]
        assert heading == f"{GOING_FURTHER} (optional, about {chapter.optional_minutes} minutes)", heading
        later = "\n".join(c.source for c in optional[1:] if c.cell_type == "markdown")
        assert not re.search(r"^## ", later, re.M), "the 'Going further' section must be the chapter's last"
        before = "\n".join(c.source for c in cells[: cells.index(optional[0])] if c.cell_type == "markdown")
        assert re.search(r"^## Further reading", before, re.M), "'Going further' comes after the further reading"


def _range_and_total() -> tuple[int, int, int, int]:
    return (
        int(OUTLINE["minutes"].min()),
        int(OUTLINE["minutes"].max()),
        int(OUTLINE["minutes"].sum()),
        int(OUTLINE["optional_minutes"].sum()),
    )


def test_introduction_states_the_range_and_the_total():
    low, high, total, optional = _range_and_total()
    text = " ".join((ROOT / "book" / "intro.md").read_text(encoding="utf-8").split())
    assert f"Each chapter takes {low} to {high} minutes." in text
    assert f"The eight chapters add up to {total} minutes, about {total / 60:.1f} hours," in text
    assert f'plus {optional} minutes for the optional "Going further" section' in text
    assert len(OUTLINE) == 8


def test_chapter_one_states_the_range():
    low, high, _, _ = _range_and_total()
    markdown = " ".join(
        " ".join(c.source for c in _notebook("01_what_is_it").cells if c.cell_type == "markdown").split()
    )
    assert f"Every chapter takes {low} to {high} minutes" in markdown


def test_teachers_guide_table_states_the_outline():
    text = (ROOT / "book" / "teachers" / "index.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d+) \| .*\| ([^|]*min[^|]*) \|$", text, re.M))
    for chapter in CHAPTERS:
        expected = f"{chapter.minutes} min" + (
            f", plus {chapter.optional_minutes} min optional" if chapter.optional_minutes else ""
        )
        assert rows.get(str(chapter.chapter)) == expected, _fix(chapter, "the teacher's guide table differs")


def test_lesson_plans_state_the_outline():
    text = (ROOT / "book" / "teachers" / "lesson-plans.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\d+)\. .*?\n(.*?)(?=^## |\Z)", text, re.M | re.S))
    for chapter in CHAPTERS:
        intro = " ".join(sections[str(chapter.chapter)].split("**45 minutes**")[0].split())
        planned = re.findall(r"\(planned time (\d+) minutes(?:, plus (\d+) minutes for the optional)?", intro)
        assert planned == [(str(chapter.minutes), str(chapter.optional_minutes or ""))], _fix(
            chapter, f"the lesson plan says {planned}"
        )


def _question(quiz: str, question_id: str):
    return next(q for q in load_quiz(quiz).questions if q.id == question_id)


def test_quiz_on_chapters_over_n_minutes_matches_the_outline():
    question = _question("what_is_it", "what-is-it-9")
    limit = int(re.search(r"more than (\d+) minutes", question.prompt).group(1))
    by_title = {c.title: c for c in CHAPTERS}
    for option in question.options:
        chapter = by_title[option.text]
        assert option.correct == (chapter.minutes > limit), f"what-is-it-9: {option.text}"
        assert f"chapter {chapter.chapter} takes {chapter.minutes} minutes" in option.feedback, option.feedback
    listed = re.search(r"chapters ([\d, and]+) take more than", question.explanation).group(1)
    assert [int(n) for n in re.findall(r"\d+", listed)] == [c.chapter for c in CHAPTERS if c.minutes > limit]


def test_quiz_on_the_total_matches_the_outline():
    question = _question("what_is_it", "what-is-it-10")
    _, _, total, _ = _range_and_total()
    assert question.answer == pytest.approx(total / 60, abs=0.005)
    assert f"add up to {total} minutes" in question.explanation


def test_the_rule_is_documented_where_teachers_and_authors_read_it():
    readme = " ".join((ROOT / "data" / "README.md").read_text(encoding="utf-8").split())
    for allowance in (
        f"1 minute per {WORDS_PER_MINUTE} words",
        f"| {CODE_CELL_MINUTES} minute |",
        f"| {SHORT_EXERCISE_MINUTES} minutes |",
        f"| {WRITTEN_EXERCISE_MINUTES} minutes |",
        f"| {QUIZ_QUESTION_MINUTES} minute |",
        f"at most {MAX_ABOVE_ESTIMATE} minutes above it",
    ):
        assert allowance in readme, f"data/README.md: {allowance!r}"
    guide = " ".join((ROOT / "book" / "teachers" / "index.md").read_text(encoding="utf-8").split())
    for allowance in (
        f"1 minute per {WORDS_PER_MINUTE} words",
        f"{CODE_CELL_MINUTES} minute per code cell",
        f"{SHORT_EXERCISE_MINUTES} minutes per short exercise",
        f"{WRITTEN_EXERCISE_MINUTES} minutes per written exercise",
        f"{QUIZ_QUESTION_MINUTES} minute per quiz question",
    ):
        assert allowance in guide, f"book/teachers/index.md: {allowance!r}"
