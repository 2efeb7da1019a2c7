"""Where the course's files are (no heavy imports, so build extensions can use it cheaply)."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

DATA_ENV_VAR = "SHARED_FUTURE_DATA"


def data_dir() -> Path:
    """The folder holding the course data (override with $SHARED_FUTURE_DATA)."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


def static_text(name: str) -> str:
    """A file the course wrote for the browser (`shared_future/static/<name>`), as text."""
    return resources.files("shared_future").joinpath("static", name).read_text(encoding="utf-8")
