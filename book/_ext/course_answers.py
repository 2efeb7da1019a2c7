"""Sphinx extension that writes the teachers' answer keys from the quiz files (never typed twice).

For every `data/quizzes/<chapter>.yaml` it writes `book/teachers/answers/<NN>_<chapter>.md`
(NN is the chapter number from `data/course_outline.csv`, so a glob lists them in course
order) with every question, its correct answer, explanation, source, objective and level,
plus `book/teachers/answers/index.md` listing them. Options are listed and lettered in the
order students see them (`shared_future.quiz.option_order`), as in the chapter and its
handout. Quiz files are read with `shared_future.quiz` (a broken file stops the build with its
file, question and field). The data files that data questions point to are copied into the
built book's `_data/`, so the quiz's hint can link them.

Every text from YAML is escaped for MyST, so it renders as text: no markup, role, HTML or
substitution in a quiz can reach the page. Files are written only when their text changes,
and answer pages whose quiz is gone are removed. The folder is generated, not committed.
"""

from __future__ import annotations

import re
from pathlib import Path

from course_pages import PACKAGE, mark_current, up_to_date, write_if_changed

from shared_future.escaping import myst_link
from shared_future.escaping import myst_text as text
from shared_future.paths import data_dir

ROOT = PACKAGE.parent
DATA_LINE = re.compile(r"^\s+data:\s*['\"]?([\w.-]+\.csv)['\"]?\s*$", re.M)
TYPE_NAMES = {
    "single": "single choice",
    "multiple": "multiple choice",
    "true_false": "true or false",
    "numeric": "numeric",
    "ordering": "ordering",
    "data": "reading a map or table",
}


def source_markdown(source: str) -> str:
    """A bibliography key as a citation, a URL as a link showing the URL."""
    from shared_future.quiz import bibliography

    if source in bibliography():
        return f"{{cite}}`{source}`"
    return myst_link(source, source)


def plain_number(value: float) -> str:
    """2018.0 -> '2018', 1500000.0 -> '1500000', 0.5 -> '0.5'."""
    return str(int(value)) if value.is_integer() else str(value)


def answer_markdown(question) -> list[str]:
    """The lines giving a question's correct answer."""
    if question.type == "numeric":
        unit = f" {text(question.unit)}" if question.unit else ""
        if question.tolerance:
            return [f"**Answer:** {plain_number(question.answer)} ± {plain_number(question.tolerance)}{unit}"]
        return [f"**Answer:** {plain_number(question.answer)}{unit} (exact)"]
    if question.type == "ordering":
        items = [f"{n}. {text(item)}" for n, item in enumerate(question.items, 1)]
        return ["**Answer, in order:**", "", *items, "", f"*Feedback:* {text(question.feedback)}"]
    shown = shown_options(question)
    lines = [
        "**Answer:** " + "; ".join(f"{letter(n)}. {text(o.text)}" for n, o in enumerate(shown) if o.correct),
        "",
        "Options in the order students see them, with the feedback they get:",
        "",
    ]
    for n, option in enumerate(shown):
        mark = "**correct**" if option.correct else "wrong"
        lines.append(f"- {letter(n)}. {text(option.text)} ({mark}): {text(option.feedback)}")
    return lines


def shown_options(question) -> list:
    """A choice question's options in the order the chapter shows them."""
    from shared_future.quiz import option_order

    return [question.options[i] for i in option_order(question)]


def letter(index: int) -> str:
    return chr(ord("A") + index)


def short_answer(question) -> str:
    """The answer in a few characters, for the table at the top of the page."""
    if question.type == "numeric":
        return plain_number(question.answer)
    if question.type == "ordering":
        return "see below"
    return ", ".join(letter(n) for n, o in enumerate(shown_options(question)) if o.correct)


def question_markdown(position: int, question) -> list[str]:
    about = [f"*About:* {text(question.refers_to)}", ""] if getattr(question, "refers_to", None) else []
    about += [f"*Hint:* {text(question.hint)}", ""] if question.hint else []
    return [
        f"## Question {position} ({text(question.id)})",
        "",
        f"*{TYPE_NAMES[question.type]}; level: {question.level}*",
        "",
        text(question.prompt),
        "",
        *about,
        *answer_markdown(question),
        "",
        f"**Explanation.** {text(question.explanation)}",
        "",
        f"**Source:** {source_markdown(question.source)}",
        "",
        f"**Objective:** {text(question.objective)}",
        "",
    ]


def answer_key_markdown(quiz, chapter_title: str) -> str:
    """The answer key page of one chapter quiz."""
    lines = [
        f"# Answer key: {text(chapter_title)}",
        "",
        f"For teachers. Generated from `data/quizzes/{quiz.chapter}.yaml` when the book is built;",
        "edit the quiz file, not this page. The quiz in the chapter is titled",
        f"“{text(quiz.title)}”; it has {len(quiz.questions)} questions.",
        "",
        "| Question | Id | Type | Level | Answer |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {n} | {text(q.id)} | {TYPE_NAMES[q.type]} | {q.level} | {short_answer(q)} |"
        for n, q in enumerate(quiz.questions, 1)
    ]
    lines.append("")
    for n, question in enumerate(quiz.questions, 1):
        lines += question_markdown(n, question)
    return "\n".join(lines).rstrip() + "\n"


def chapters() -> dict[str, tuple[int, str]]:
    """Quiz chapter name -> (chapter number, title), from the course outline."""
    from shared_future.data import load

    outline = load("course_outline")
    return {row.notebook.split("_", 1)[1]: (int(row.chapter), row.title) for row in outline.itertuples()}


def page_name(chapter: str, outline: dict[str, tuple[int, str]]) -> str:
    """`origins` -> `02_origins`; a quiz outside the outline keeps its own name."""
    return f"{outline[chapter][0]:02d}_{chapter}" if chapter in outline else chapter


def index_markdown(pages: list[tuple[str, str, int]]) -> str:
    """The page listing every answer key: (page name, chapter title, number of questions)."""
    lines = [
        "# Answer keys",
        "",
        "One page per chapter quiz, with every question, its correct answer, the explanation,",
        "the source, the learning objective and the level (remember, understand, apply, analyse,",
        "evaluate). The pages are generated from the quiz files in `data/quizzes/` each time the",
        "book is built, so they always match what students see. Each page prints cleanly from",
        "the browser.",
        "",
    ]
    lines += [f"- [{text(title)}]({name}.md): {count} questions" for name, title, count in pages]
    return "\n".join(lines) + "\n"


def write_answer_keys(out: Path, quizzes_folder: Path | None = None) -> list[Path]:
    """Write every answer key page and the index into `out`; returns the pages written."""
    from shared_future.quiz import check_all

    quizzes = check_all(quizzes_folder)
    outline = chapters()
    entries = sorted(
        ((page_name(name, outline), outline.get(name, (0, quiz.title))[1], quiz) for name, quiz in quizzes.items()),
        key=lambda entry: entry[0],
    )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, title, quiz in entries:
        path = out / f"{name}.md"
        write_if_changed(path, answer_key_markdown(quiz, title))
        written.append(path)
    for stale in set(out.glob("*.md")) - set(written) - {out / "index.md"}:
        stale.unlink()
    write_if_changed(
        out / "index.md", index_markdown([(name, title, len(quiz.questions)) for name, title, quiz in entries])
    )
    return written


def inputs(config) -> list[Path]:
    """What the answer keys are made from: quiz files (and their folder, for files added or
    removed), the outline, the bibliographies (of the Sphinx `config`), the quiz schema and this extension."""
    quizzes = data_dir() / "quizzes"
    return [
        quizzes,
        *quizzes.glob("*.yaml"),
        data_dir() / "course_outline.csv",
        *(ROOT / name for name in config.bibtex_bibfiles),
        *(PACKAGE / "quiz").glob("*.py"),
        PACKAGE / "escaping.py",
        Path(__file__),
    ]


def generate_answer_keys(app, config) -> None:
    answers = Path(app.srcdir) / "book" / "teachers" / "answers"
    pages = list(answers.glob("*.md"))
    if not up_to_date(pages, inputs(config)):
        mark_current(write_answer_keys(answers) + [answers / "index.md"])


def copy_quiz_data(app, exception) -> None:
    """Serve the data files of data questions in the built book's `_data/`, for the hints' links."""
    if exception or app.builder.format != "html":
        return
    # The quiz files are validated by the answer keys and `make validate`; here their `data:` lines
    # are only read, so an unchanged build skips parsing and validating every quiz (about 1.5 s).
    names = {
        Path(found).name
        for path in (data_dir() / "quizzes").glob("*.yaml")
        for found in DATA_LINE.findall(path.read_text(encoding="utf-8"))
    }
    for name in sorted(names):
        content = (data_dir() / name).read_bytes()
        write_if_changed(Path(app.outdir) / "_data" / name, content)


def setup(app):
    app.connect("config-inited", generate_answer_keys)
    app.connect("build-finished", copy_quiz_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
