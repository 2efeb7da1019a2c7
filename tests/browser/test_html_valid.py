"""Every built page, of the English and the Chinese edition, passes the W3C Nu HTML Checker (npm
`vnu-jar`, run with Java) with no error.

No allow-list: the course's pages, the theme's and the generated ones validate as they are
(book/_ext/course_valid_html.py fixes what did not)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BUILD_HTML, built_pages

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html():
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("the HTML checker needs Java and node_modules/vnu-jar: run `make test` (it installs both)")
    pages = [str(BUILD_HTML / p) for p in built_pages()] + [str(BUILD_HTML / "404.html")]
    if (BUILD_HTML / "zh").is_dir():  # the Chinese edition too (`make test` builds it; test_zh_edition.py needs it)
        pages += [str(BUILD_HTML / p) for p in built_pages("zh")] + [str(BUILD_HTML / "zh" / "404.html")]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').split('/_build/html/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, f"{len(errors)} validator error(s):\n" + "\n".join(errors[:40])
    assert len(pages) >= 30
