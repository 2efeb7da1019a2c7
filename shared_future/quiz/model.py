"""The quiz model: one YAML file per chapter in `data/quizzes/`, read and checked with pydantic.

Every problem is a `QuizError` naming file, question and field. The package's modules import
in one direction: model <- grading <- html <- widgets.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, ClassVar, Literal, get_args

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from ..bibliography import entries as bibliography
from ..data import data_dir, display_name, read_text
from ..escaping import safe_url

__all__ = [
    "LEVELS",
    "MAX_QUIZ_BYTES",
    "TYPES",
    "Data",
    "Multiple",
    "Numeric",
    "Option",
    "Ordering",
    "Question",
    "Quiz",
    "QuizError",
    "Single",
    "TrueFalse",
    "bibliography",
    "check_all",
    "load_quiz",
    "quizzes_dir",
    "read_quiz",
    "source_link",
]

Level = Literal["remember", "understand", "apply", "analyse", "evaluate"]
LEVELS = get_args(Level)
TYPES = ("single", "multiple", "true_false", "numeric", "ordering", "data")
MAX_QUIZ_BYTES = 1024 * 1024


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line (no line breaks)")
    return _not_blank(value)


Text = Annotated[str, Field(max_length=5000), AfterValidator(_not_blank)]
Line = Annotated[str, Field(max_length=500), AfterValidator(_one_line)]
Number = Annotated[float, Field(allow_inf_nan=False)]


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a key given twice in a mapping is an error."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in the same mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _UniqueKeyLoader.construct_mapping)


class QuizError(ValueError):
    """A quiz file is unreadable or breaks the schema; one line per problem."""


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Line
    correct: bool
    feedback: Text


class _Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    prompt: Text
    explanation: Text
    source: Line
    objective: Line
    level: Level
    hint: Text | None = None

    @field_validator("source")
    @classmethod
    def _known_source(cls, value: str) -> str:
        if value in bibliography():
            return value
        if value.lower().startswith(("http://", "https://")) and safe_url(value) == value:
            return value
        raise ValueError(f"{value!r} is neither an http(s) URL with a host nor a key in the bibliography")


def _distinct(texts: list[str], what: str) -> None:
    """No two options (or items) may read the same, ignoring case and spacing."""
    seen: dict[str, int] = {}
    for number, text in enumerate(texts, 1):
        folded = " ".join(text.split()).casefold()
        if folded in seen:
            raise ValueError(f"{what} {number} repeats {what} {seen[folded]} ({text!r})")
        seen[folded] = number


def _count_correct(options: list[Option], exactly_one: bool) -> list[Option]:
    _distinct([o.text for o in options], "option")
    correct = sum(o.correct for o in options)
    if exactly_one and correct != 1:
        raise ValueError(f"needs exactly one correct option, found {correct}")
    if correct < 1:
        raise ValueError("needs at least one correct option, found none")
    return options


class _Choice(_Question):
    """A question answered by choosing options: one correct, or (multiple) at least one."""

    exactly_one: ClassVar[bool] = True
    options: Annotated[list[Option], Field(min_length=2)]

    @field_validator("options")
    @classmethod
    def _correct_count(cls, options: list[Option]) -> list[Option]:
        return _count_correct(options, cls.exactly_one)


class Single(_Choice):
    type: Literal["single"]


class Multiple(_Choice):
    type: Literal["multiple"]
    exactly_one: ClassVar[bool] = False


class TrueFalse(_Question):
    type: Literal["true_false"]
    options: list[Option]

    @field_validator("options")
    @classmethod
    def _true_false(cls, options: list[Option]) -> list[Option]:
        if sorted(o.text for o in options) != ["False", "True"]:
            raise ValueError("needs exactly two options, 'True' and 'False'")
        return _count_correct(options, True)


class Data(_Question):
    """A choice question about a figure or table of the chapter (`refers_to`)."""

    type: Literal["data"]
    refers_to: Line
    select: Literal["single", "multiple"] = "single"
    options: Annotated[list[Option], Field(min_length=2)]

    @field_validator("options")
    @classmethod
    def _correct_count(cls, options: list[Option], info: ValidationInfo) -> list[Option]:
        return _count_correct(options, info.data.get("select") == "single")


class Numeric(_Question):
    """A number; with `data`, one the student computes from that file of `data/`."""

    type: Literal["numeric"]
    answer: Number
    tolerance: Annotated[Number, Field(ge=0)]
    unit: Annotated[str, Field(max_length=80)]
    data: Annotated[str, Field(pattern=r"^[a-z0-9_]+\.csv$")] | None = None

    @field_validator("data")
    @classmethod
    def _data_file_exists(cls, name: str | None) -> str | None:
        if name is not None and not (data_dir() / name).is_file():
            raise ValueError(f"{name!r} is not a file in data/")
        return name

    @field_validator("unit")
    @classmethod
    def _unit_one_line(cls, unit: str) -> str:
        return _one_line(unit) if unit else unit


class Ordering(_Question):
    type: Literal["ordering"]
    items: Annotated[list[Line], Field(min_length=3)]
    feedback: Text

    @field_validator("items")
    @classmethod
    def _distinct_items(cls, items: list[str]) -> list[str]:
        _distinct(items, "item")
        return items


Question = Annotated[Single | Multiple | TrueFalse | Data | Numeric | Ordering, Field(discriminator="type")]


class Quiz(BaseModel):
    model_config = ConfigDict(extra="forbid")
    chapter: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$", max_length=80)]
    title: Line
    questions: Annotated[list[Question], Field(min_length=1)]


def source_link(source: str) -> tuple[str, str]:
    """(label, url) for a question's source: a URL, or a bibliography key; url is '' unless safe."""
    entry = bibliography().get(source)
    if entry is None:
        return source, safe_url(source) or ""
    author = entry.authors[0] if entry.authors else ""
    label = f"{author} ({entry.year}), {entry.title}" if entry.year and author else entry.title
    return label, safe_url(entry.url) or ""


def _field(loc: tuple) -> str:
    """('options', 1, 'feedback') -> 'options[1].feedback'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(question)"


def _message(error: Mapping) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "union_tag_invalid":
        return f"unknown type {error['input'].get('type')!r}; expected one of: {', '.join(TYPES)}"
    if kind == "union_tag_not_found":
        return f"missing (one of: {', '.join(TYPES)})"
    return msg.removeprefix("Value error, ")


def _problems(name: str, raw: dict, err: ValidationError) -> list[str]:
    """Each pydantic error as `file: question <id>: field <path>: message`."""
    problems = []
    for error in err.errors():
        loc = error["loc"]
        if loc[:1] == ("questions",) and len(loc) > 1:
            number = int(loc[1])
            question = raw["questions"][number]
            qid = question.get("id") if isinstance(question, dict) else None
            rest = loc[3:] if len(loc) > 2 and loc[2] in TYPES else loc[2:]
            field = "type" if error["type"].startswith("union_tag") else _field(rest)
            problems.append(f"{name}: question {qid or f'#{number + 1}'}: field {field}: {_message(error)}")
        else:
            problems.append(f"{name}: field {_field(loc)}: {_message(error)}")
    return problems


def read_quiz(path: Path) -> Quiz:
    """Read and validate one quiz file (raises QuizError)."""
    name = display_name(path)
    if path.is_file() and path.stat().st_size > MAX_QUIZ_BYTES:
        raise QuizError(f"{name}: larger than {MAX_QUIZ_BYTES // 1024} KB; a quiz file is far smaller")
    text, problems = read_text(path)
    if text is None:
        raise QuizError("\n".join(str(p) for p in problems))
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except RecursionError:
        raise QuizError(f"{name}: invalid YAML: nested too deeply") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        what = "; ".join(filter(None, (getattr(err, "context", None), getattr(err, "problem", None))))
        raise QuizError(f"{name}: {line}invalid YAML: {what or err}") from None
    if not isinstance(raw, dict):
        raise QuizError(f"{name}: must be a mapping with chapter, title and questions")
    try:
        quiz = Quiz.model_validate(raw)
    except ValidationError as err:
        raise QuizError("\n".join(_problems(name, raw, err))) from None
    mistakes = (
        [f"{name}: field chapter: {quiz.chapter!r} must match the file name {path.stem!r}"]
        if quiz.chapter != path.stem
        else []
    )
    seen = set()
    for question in quiz.questions:
        if question.id in seen:
            mistakes.append(f"{name}: question {question.id}: field id: duplicate in this file")
        seen.add(question.id)
    if mistakes:
        raise QuizError("\n".join(mistakes))
    return quiz


def quizzes_dir() -> Path:
    return data_dir() / "quizzes"


def check_all(folder: Path | None = None) -> dict[str, Quiz]:
    """Validate every quiz file in `folder`; question ids must be unique across files."""
    quizzes: dict[str, Quiz] = {}
    problems: list[str] = []
    owner: dict[str, str] = {}
    for path in sorted((folder or quizzes_dir()).glob("*.yaml")):
        try:
            quizzes[path.stem] = quiz_ = read_quiz(path)
        except QuizError as err:
            problems.append(str(err))
            continue
        except Exception as err:  # noqa: BLE001 (one broken file must not hide the others)
            problems.append(f"{display_name(path)}: could not be checked ({type(err).__name__}: {err})")
            continue
        for question in quiz_.questions:
            if question.id in owner:
                problems.append(
                    f"{display_name(path)}: question {question.id}: field id: duplicate; also in {owner[question.id]}"
                )
            owner.setdefault(question.id, display_name(path))
    if problems:
        raise QuizError("\n".join(problems))
    return quizzes


def load_quiz(chapter: str) -> Quiz:
    """The validated quiz of a chapter, e.g. `load_quiz("what_is_it")`.

    Only this chapter's file is read, so a broken quiz elsewhere does not break this one
    (`check_all` and `python -m shared_future.validate` check the whole course)."""
    path = quizzes_dir() / f"{chapter}.yaml"
    if not path.exists():
        raise QuizError(f"{display_name(path)}: no quiz for chapter {chapter!r}")
    return read_quiz(path)
