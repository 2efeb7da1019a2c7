"""Where the course's files are (no heavy imports, so build extensions can use it cheaply)."""
from __future__ import annotations

import os
from pathlib import Path

DATA_ENV_VAR = "SHARED_FUTURE_DATA"


def data_dir() -> Path:
    """The folder holding the course data (override with $SHARED_FUTURE_DATA)."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"
