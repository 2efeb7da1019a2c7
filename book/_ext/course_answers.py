"""Sphinx extension that writes the teachers' answer keys from the quiz files (never typed twice).

For every `data/quizzes/<chapter>.yaml` it writes `book/teachers/answers/<NN>_<chapter>.md`
(NN is the chapter number from `data/course_outline.csv`, so a glob lists them in course
order) with every question, its correct answer, explanation, source, objective and level,
plus `book/teachers/answers/index.md` listing them (their text: `shared_future.quiz.answer_key`).
Options are listed and lettered in the order students see them (`shared_future.quiz.option_order`),
as in the chapter and its handout. Quiz files are read with `shared_future.quiz` (a broken file stops the build with its
file, question and field). The data files that data questions point to are copied into the
built book's `_data/`, so the quiz's hint can link them.

In the Chinese edition (`language = "zh_CN"`) the pages are written in Chinese beside the
English ones, `<NN>_<chapter>.zh_CN.md` (read instead of the English by course_variants.py):
the quiz text from the quiz catalogs (`translated_quiz`, `option_text`), every fixed label and
the chapter titles from the package's catalogs (`shared_future.i18n`). Each edition writes only
its own pages (the Chinese one writes an English page only where it is missing, as Sphinx finds
a document by its English file).

Every text from YAML or a catalog is escaped for MyST, so it renders as text: no markup, role,
HTML or substitution in a quiz can reach the page. Files are written only when their text changes,
and answer pages whose quiz is gone are removed. The folder is generated, not committed.
"""

from __future__ import annotations

import re
from pathlib import Path

from course_pages import PACKAGE, build_stamp, fresh, mark_fresh, write_if_changed

from shared_future.i18n import content_path, from_locale, label_catalog_path, variant_path
from shared_future.paths import data_dir

DATA_LINE = re.compile(r"^\s+data:\s*['\"]?([\w.-]+\.csv)['\"]?\s*$", re.M)


def chapters(lang: str = "en") -> dict[str, tuple[int, str]]:
    """Quiz chapter name -> (chapter number, title in `lang`), from the course outline."""
    from shared_future.catalogs import translated_frame
    from shared_future.data import load

    outline = translated_frame("course_outline", load("course_outline"), lang)
    return {row.notebook.split("_", 1)[1]: (int(row.chapter), row.title) for row in outline.itertuples()}


def page_name(chapter: str, outline: dict[str, tuple[int, str]]) -> str:
    """`origins` -> `02_origins`; a quiz outside the outline keeps its own name."""
    return f"{outline[chapter][0]:02d}_{chapter}" if chapter in outline else chapter


def english_page(path: Path) -> Path:
    """The English page of a page in any language: `02_origins.zh_CN.md` -> `02_origins.md`."""
    return path.with_name(path.name.split(".", 1)[0] + path.suffix)


def is_page_of(path: Path, lang: str) -> bool:
    """Whether a Markdown file of the answers folder is a page in `lang`."""
    return path.suffix == ".md" and variant_path(english_page(path), lang) == path


def write_answer_keys(out: Path, quizzes_folder: Path | None = None, lang: str = "en") -> list[Path]:
    """Write every answer key page in `lang` and the index into `out` (removing the pages in `lang`
    of quizzes that are gone); returns the pages written, the index last."""
    from shared_future.quiz import check_all
    from shared_future.quiz.answer_key import answer_key_markdown, index_markdown

    quizzes = check_all(quizzes_folder)
    outline = chapters(lang)
    entries = sorted(
        ((page_name(name, outline), outline.get(name, (0, quiz.title))[1], quiz) for name, quiz in quizzes.items()),
        key=lambda entry: entry[0],
    )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, title, quiz in entries:
        path = variant_path(out / f"{name}.md", lang)
        write_if_changed(path, answer_key_markdown(quiz, title, lang))
        written.append(path)
    index = variant_path(out / "index.md", lang)
    for stale in {path for path in out.glob("*.md") if is_page_of(path, lang)} - set(written) - {index}:
        stale.unlink()
    write_if_changed(index, index_markdown([(name, title, len(quiz.questions)) for name, title, quiz in entries], lang))
    return [*written, index]


def inputs(app, lang: str = "en") -> list[Path]:
    """What the answer keys in `lang` are made from: quiz files (and their folder, for files added
    or removed), the outline, the bibliographies (of the Sphinx `app`'s configuration), the quiz
    schema, the package's language code and this extension; in another language than English,
    also the catalogs that translate them."""
    quizzes = data_dir() / "quizzes"
    files = [
        quizzes,
        *quizzes.glob("*.yaml"),
        data_dir() / "course_outline.csv",
        *(Path(app.srcdir) / name for name in app.config.bibtex_bibfiles),
        *(PACKAGE / "quiz").glob("*.py"),
        PACKAGE / "escaping.py",
        PACKAGE / "i18n.py",
        Path(__file__),
    ]
    if lang == "en":
        return files
    catalogs = [content_path("quizzes", quiz.stem, lang) for quiz in quizzes.glob("*.yaml")]
    catalogs += [content_path("data", "course_outline", lang), label_catalog_path(lang)]
    return [*files, *(path for path in catalogs if path.exists())]


def generate_answer_keys(app, config) -> None:
    lang = from_locale(config.language)
    answers = Path(app.srcdir) / "book" / "teachers" / "answers"
    pages = [path for path in answers.glob("*.md") if is_page_of(path, lang)]
    stamp = build_stamp(app, "answers")
    if not (pages and fresh(pages, inputs(app, lang), stamp)):
        written = write_answer_keys(answers, lang=lang)
        if not all(english_page(path).exists() for path in written):  # Sphinx finds a document by its English file
            write_answer_keys(answers)
        mark_fresh(stamp)


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
