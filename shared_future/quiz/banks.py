"""The question banks for learning platforms, from the quiz files: per chapter an IMS QTI 2.1
package (`<chapter>-qti21.zip`: Canvas, Blackboard, Brightspace) and a Moodle XML file
(`<chapter>-moodle.xml`), written by `make quiz-export` into `_build/quiz-export/` and by the
book build into the site's `quiz-export/` (book/_ext/course_progress.py).
"""

from __future__ import annotations

from pathlib import Path

from . import moodle, qti
from .model import Quiz, check_all

__all__ = ["bank_files", "write_banks"]


def bank_files(quiz: Quiz) -> dict[str, bytes]:
    """File name -> content of one chapter's banks."""
    return {f"{quiz.chapter}-qti21.zip": qti.package(quiz), f"{quiz.chapter}-moodle.xml": moodle.quiz_xml(quiz)}


def write_banks(out: Path, quizzes: dict[str, Quiz] | None = None) -> list[Path]:
    """Write every chapter's banks into `out` (only files whose bytes changed); returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for quiz in (quizzes if quizzes is not None else check_all()).values():
        for name, content in bank_files(quiz).items():
            path = out / name
            if not path.exists() or path.read_bytes() != content:
                path.write_bytes(content)
            written.append(path)
    return written
