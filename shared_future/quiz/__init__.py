"""Chapter quizzes: one YAML file per chapter in `data/quizzes/`.

`quiz("what_is_it")` in a notebook shows the chapter quiz; `python -m shared_future.quiz`
checks every quiz file. The modules import in one direction:

- `model`: the schema, reading and checking files (every problem a `QuizError` naming file,
  question and field);
- `grading`: the grading rules and the option order, written once for both renderers;
- `html`: the static renderer of the book (the rules travel in the page's key to quiz.js);
- `widgets`: the live renderer in JupyterLab, which saves every attempt (`progress`).

Why not jupyterquiz (a well-kept library whose HTML does work offline): it has no ordering
question, hides its radio inputs and reacts to clicks on labels (no fieldset/legend, no Check
button, no aria-live feedback, not usable by keyboard), shows right and wrong by colour, writes
feedback with innerHTML (YAML text is not escaped), has no Python side to save progress, and
its own JSON format.
"""

from __future__ import annotations

from .grading import SALT, display_order, grade, option_order
from .model import (
    LEVELS,
    TYPES,
    Data,
    Multiple,
    Numeric,
    Ordering,
    Question,
    Quiz,
    QuizError,
    Single,
    TrueFalse,
    bibliography,
    check_all,
    load_quiz,
    quizzes_dir,
    read_quiz,
    source_link,
)
from .translation import option_text, quiz_messages, translated_quiz

__all__ = [
    "LEVELS",
    "SALT",
    "TYPES",
    "Data",
    "Multiple",
    "Numeric",
    "Ordering",
    "Question",
    "Quiz",
    "QuizError",
    "Single",
    "TrueFalse",
    "bibliography",
    "check_all",
    "display_order",
    "grade",
    "load_quiz",
    "main",
    "option_order",
    "option_text",
    "quiz",
    "quiz_messages",
    "quizzes_dir",
    "read_quiz",
    "source_link",
    "translated_quiz",
]


def quiz(chapter: str, live: bool | None = None, lang: str | None = None):
    """Show a chapter quiz: live widgets in JupyterLab, self-contained HTML in the book; in
    `lang` ('en' or 'zh'; default $SHARED_FUTURE_LANG, else English), the text from the
    chapter's catalog where translated, English where not."""
    from .widgets import QuizDisplay

    return QuizDisplay(translated_quiz(load_quiz(chapter), lang), live=live, lang=lang)


def main(argv: list[str] | None = None) -> int:
    """Check every quiz file; print what is wrong, or one line per chapter. With `export <folder>`,
    also write the LMS question banks (QTI 2.1 and Moodle XML) there."""
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(
        prog="python -m shared_future.quiz", description="Check the quiz files; optionally export them for an LMS."
    )
    commands = parser.add_subparsers(dest="command")
    export = commands.add_parser("export", help="write a QTI 2.1 package and a Moodle XML file per chapter")
    export.add_argument("folder", type=Path)
    args = parser.parse_args(argv or [])
    try:
        quizzes = check_all(quizzes_dir())
    except QuizError as err:
        print(err)
        return 1
    print("OK: " + ", ".join(f"{name} {len(q.questions)} questions" for name, q in quizzes.items()))
    if args.command == "export":
        from .banks import write_banks

        paths = write_banks(args.folder, quizzes)
        print(f"wrote {len(paths)} files into {args.folder}: a QTI 2.1 package and a Moodle XML file per chapter")
    return 0
