"""Which data files passed their checks before, so that an unchanged file is not checked again.

Every kernel that loads a data set used to check it with pandera, and importing pandera costs
0.2-0.5 s of CPU: in each of the book's eight notebook runs, and again after each notebook edit.
A file that passed is remembered by a fingerprint of its text, its data set's name and the rules
(the source of the modules that define and apply them, and the versions of the libraries they
use): a changed file, rule or library has a new fingerprint and is checked again. Problems are
never remembered. The marks are empty files in the user's cache folder ($SHARED_FUTURE_CACHE,
else $XDG_CACHE_HOME/shared-future, else ~/.cache/shared-future); where that folder cannot be
written, every load checks, as before.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib import metadata
from pathlib import Path

__all__ = ["CACHE_ENV_VAR", "cache_dir", "fingerprint", "passed_before", "remember_passed"]

CACHE_ENV_VAR = "SHARED_FUTURE_CACHE"
RULE_MODULES = ("schemas.py", "data.py", "categories.py", "escaping.py")
RULE_LIBRARIES = ("pandera", "pandas", "pycountry")


def cache_dir() -> Path:
    """Where the marks of files that passed are kept."""
    if override := os.environ.get(CACHE_ENV_VAR):
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "shared-future"


@functools.cache
def _rules() -> bytes:
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for module in RULE_MODULES:
        digest.update((package / module).read_bytes())
    for library in RULE_LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}\n".encode())
    return digest.digest()


def fingerprint(dataset: str, text: str) -> str:
    """The mark of this text checked as `dataset` under today's rules."""
    return hashlib.sha256(_rules() + dataset.encode() + b"\0" + text.encode("utf-8")).hexdigest()


def passed_before(mark: str) -> bool:
    return (cache_dir() / f"{mark}.passed").is_file()


def remember_passed(mark: str) -> None:
    """Keep the mark; a cache folder that cannot be written is no error (the file is checked next time)."""
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        (cache_dir() / f"{mark}.passed").touch()
    except OSError:
        pass
