"""The execution cache is cleared when the data or the course package changes."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import course_cache  # noqa: E402


def _tree(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "shared_future").mkdir()
    (root / "data" / "timeline.csv").write_text("date\n2015\n")
    (root / "shared_future" / "maps.py").write_text("X = 1\n")
    return root


def test_digest_follows_data_and_package(tmp_path):
    root = _tree(tmp_path)
    first = course_cache.inputs_digest(root)
    assert course_cache.inputs_digest(root) == first
    (root / "data" / "timeline.csv").write_text("date\n2016\n")
    second = course_cache.inputs_digest(root)
    (root / "shared_future" / "maps.py").write_text("X = 2\n")
    assert len({first, second, course_cache.inputs_digest(root)}) == 3


def test_cache_cleared_only_when_inputs_change(tmp_path):
    cache = tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    (cache / "entry").write_text("executed outputs")
    assert course_cache.refresh_cache(cache, "aaa") is True  # no stamp yet: not trusted
    cache.mkdir()
    (cache / "entry").write_text("executed outputs")
    assert course_cache.refresh_cache(cache, "aaa") is False
    assert (cache / "entry").exists()
    assert course_cache.refresh_cache(cache, "bbb") is True
    assert not cache.exists()
