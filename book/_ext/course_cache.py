"""Sphinx extension: re-run the notebooks when the data or the course package changes.

myst-nb's execution cache keys on a notebook's code cells only, so editing `data/` or
`shared_future/` would leave stale outputs. Before reading, hash those folders; when the hash
differs from the one stored beside the cache, clear the cache so every notebook runs again.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WATCHED = ("data", "shared_future")
STAMP_SUFFIX = ".course-inputs.sha256"


def inputs_digest(root: Path = ROOT) -> str:
    """One hash over every file the notebooks read through the package."""
    digest = hashlib.sha256()
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def refresh_cache(cache_dir: Path, digest: str) -> bool:
    """Clear `cache_dir` if it was built from other inputs; returns True when cleared. Each cache has
    its own stamp beside it (the English and the Chinese editions' caches share a folder)."""
    stamp = cache_dir.parent / f"{cache_dir.name}{STAMP_SUFFIX}"
    stale = stamp.exists() and stamp.read_text().strip() != digest
    if stale or (cache_dir.exists() and not stamp.exists()):
        shutil.rmtree(cache_dir, ignore_errors=True)
        cleared = True
    else:
        cleared = False
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
    return cleared


def _on_config(app, config) -> None:
    cache = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if not cache.is_absolute():
        cache = Path(app.srcdir) / cache
    app.course_inputs_changed = refresh_cache(cache, inputs_digest())
    if app.course_inputs_changed:
        print(f"[course_cache] data or package changed: cleared {cache}")


def _notebooks_to_reread(app, env, added, changed, removed) -> list[str]:
    """When the inputs changed, every notebook must be read (and so executed) again."""
    if not getattr(app, "course_inputs_changed", False):
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")]


def setup(app):
    app.connect("config-inited", _on_config, priority=400)
    app.connect("env-get-outdated", _notebooks_to_reread)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
