"""Static scripts and stylesheets go inline into pages without their comment-only lines, and stay valid."""

import shutil
import subprocess

import pytest

from shared_future.paths import page_text, static_text

SCRIPTS = ["quiz-store.js", "quiz.js", "quiz-progress.js", "timeline.js"]


@pytest.mark.parametrize("name", SCRIPTS)
def test_inline_script_still_parses_and_lost_only_comments(name, tmp_path):
    inline = page_text(name)
    assert len(inline) < len(static_text(name))
    assert not [line for line in inline.splitlines() if line.strip().startswith(("//", "/*"))]
    script = tmp_path / name
    script.write_text(inline, encoding="utf-8")
    node = shutil.which("node")
    assert node, "node is needed (make test installs it)"
    check = subprocess.run([node, "--check", str(script)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
