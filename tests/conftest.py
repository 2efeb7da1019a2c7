"""Fixtures the unit tests share."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shared_future import data

REAL_DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of data/ (quizzes and translation catalogs too) that the package reads instead."""
    copy = tmp_path / "data"
    shutil.copytree(REAL_DATA, copy)
    monkeypatch.setenv(data.DATA_ENV_VAR, str(copy))
    return copy
