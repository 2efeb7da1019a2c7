"""Find and load the course data files in `data/`."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

DATA_ENV_VAR = "SHARED_FUTURE_DATA"


def data_dir() -> Path:
    """The folder holding the course data (override with $SHARED_FUTURE_DATA)."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


def load(name: str) -> pd.DataFrame:
    """Load `data/<name>.csv` as a DataFrame."""
    return pd.read_csv(data_dir() / f"{name}.csv", encoding="utf-8")
