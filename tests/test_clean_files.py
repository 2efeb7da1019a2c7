"""A data file that passed its checks is not checked again while it, the rules and the libraries
are unchanged (shared_future/clean_files.py); anything else is checked as before."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared_future import clean_files
from shared_future.data import DATA_ENV_VAR, DataError, load

ROOT = Path(__file__).resolve().parent.parent

LOAD_IN_NEW_KERNEL = """
import json, sys
import pandas as pd
from shared_future.data import load
frame = load("timeline")
print(json.dumps({"pandera": "pandera" in sys.modules, "rows": len(frame),
                  "hash": int(pd.util.hash_pandas_object(frame).sum()), "dtypes": frame.dtypes.astype(str).to_dict()}))
"""


def load_in_new_process(cache: Path) -> dict:
    env = {**os.environ, clean_files.CACHE_ENV_VAR: str(cache), "PYTHONPATH": str(ROOT)}
    env.pop(DATA_ENV_VAR, None)
    run = subprocess.run([sys.executable, "-c", LOAD_IN_NEW_KERNEL], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(clean_files.CACHE_ENV_VAR, str(folder))
    return folder


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    monkeypatch.setenv(DATA_ENV_VAR, str(folder))
    return folder


def test_a_file_that_passed_loads_the_same_without_pandera(cache):
    first, second = load_in_new_process(cache), load_in_new_process(cache)
    assert first["pandera"] is True, "the first load checks the file"
    assert second["pandera"] is False, "the second load should not import pandera"
    assert (first["rows"], first["hash"], first["dtypes"]) == (second["rows"], second["hash"], second["dtypes"])


def test_a_failing_file_is_never_remembered(cache, data):
    path = data / "timeline.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",white_paper,", ",not-a-category,", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError, match="timeline.csv:[0-9]+:category"):
            load("timeline")
    assert not list(cache.glob("*.passed"))


def test_a_file_edited_after_passing_is_checked_again(cache, data):
    load("timeline")
    path = data / "timeline.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",white_paper,", ",not-a-category,", 1), encoding="utf-8")
    with pytest.raises(DataError, match="category"):
        load("timeline")


def test_the_mark_depends_on_the_text_the_data_set_and_the_rules(monkeypatch):
    mark = clean_files.fingerprint("timeline", "a,b\n1,2\n")
    assert clean_files.fingerprint("timeline", "a,b\n1,3\n") != mark
    assert clean_files.fingerprint("projects", "a,b\n1,2\n") != mark
    monkeypatch.setattr(clean_files, "_rules", lambda: b"other rules")
    assert clean_files.fingerprint("timeline", "a,b\n1,2\n") != mark


def test_a_cache_that_cannot_be_written_only_means_checking_again(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(clean_files.CACHE_ENV_VAR, str(blocker / "cache"))
    assert len(load("timeline")) == len(load("timeline"))
