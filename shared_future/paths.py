"""Where the course's files are (no heavy imports, so build extensions can use it cheaply)."""

from __future__ import annotations

import functools
import os
import re
from importlib import resources
from pathlib import Path

import yaml

__all__ = ["DATA_ENV_VAR", "book_config", "course_root", "data_dir", "page_text", "static_text"]

DATA_ENV_VAR = "SHARED_FUTURE_DATA"


def course_root() -> Path:
    """The course's checkout: the folder holding `_config.yml`, `data/` and `notebooks/`."""
    return Path(__file__).resolve().parent.parent


@functools.cache
def book_config() -> dict:
    """The book's `_config.yml`, read once (the one place the package reads the book's settings)."""
    return yaml.safe_load((course_root() / "_config.yml").read_text(encoding="utf-8"))


def data_dir() -> Path:
    """The folder holding the course data (override with $SHARED_FUTURE_DATA)."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    return course_root() / "data"


def static_text(name: str) -> str:
    """A file the course wrote for the browser (`shared_future/static/<name>`), as text."""
    return resources.files("shared_future").joinpath("static", name).read_text(encoding="utf-8")


_COMMENT_LINES = re.compile(r"^[ \t]*(?:/\*.*?\*/|//[^\n]*)[ \t]*\n", re.M | re.S)


def page_text(name: str) -> str:
    """A static script or stylesheet as it goes inline into a page: without the lines that are only
    comments (the files keep them for readers of the code; each quiz page carried 1.6 KB of them,
    compressed). A comment that shares its line with code stays."""
    return _COMMENT_LINES.sub("", static_text(name))
