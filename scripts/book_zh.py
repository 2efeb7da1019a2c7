"""The Chinese (zh-CN) edition of the book, built from the same sources through Sphinx's gettext workflow.

`make book-zh` (`python -m scripts.book_zh`) writes `_build/html/zh/`; `make locale`
(`python -m scripts.book_zh locale`) brings the English text into the catalogs of
`locale/zh_CN/LC_MESSAGES/`. The `jupyter-book` command cannot pass `-D language`, so the
Sphinx configuration is generated from `_config.yml` (`jupyter-book config sphinx`, into
`_build/zh/conf.py`, never committed) with the Chinese edition's settings added at its end: the
language, the catalogs, its own execution cache (the English one holds English outputs) and a
search bar text left to the theme's own translation. The notebooks run with
`SHARED_FUTURE_LANG=zh`, so their unchanged code cells give Chinese maps and quizzes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["GENERATED_PAGES", "ZH_HTML", "is_generated", "main", "sphinx_build", "write_config"]

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
WORK = ROOT / "_build" / "zh"
ZH_HTML = ROOT / "_build" / "html" / "zh"
LOCALE = ROOT / "locale"
POT = ROOT / "_build" / "gettext"
# Pages written from other files at build time, in Chinese for this edition (`name.zh_CN.md`,
# book/_ext/course_variants.py): their text is translated where it comes from (the quiz
# catalogs, the package's labels), so they get no page catalog. A folder or a page.
GENERATED_PAGES = ("book/teachers/answers", "book/progress")

ZH_SETTINGS = f"""
# The Chinese edition (scripts/book_zh.py)
import sys
from pathlib import Path
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / "book" / "_ext")!r}]
from course_publish import pages_url
language = "zh_CN"
locale_dirs = [{str(LOCALE)!r}]
gettext_compact = False
nb_execution_cache_path = {str(ROOT / "_build" / ".jupyter_cache_zh")!r}
# read relative to conf.py's folder: the repository's files
html_favicon = {str(ROOT)!r} + "/" + html_favicon
bibtex_bibfiles = [{str(ROOT)!r} + "/" + name for name in bibtex_bibfiles]
# published in zh/ of the English site
html_baseurl = (html_baseurl or pages_url(html_theme_options["repository_url"])).rstrip("/") + "/zh/"
html_title = "人类命运共同体：互动课程"
html_theme_options.pop("search_bar_text", None)  # Jupyter Book's English default; the theme translates its own
# sphinx-togglebutton translates its hint when it is imported, before the language is set: the
# words of its own zh-cn catalog, given here
togglebutton_hint = "点击显示"
togglebutton_hint_hide = "点击隐藏"
html_theme_options["extra_footer"] = "文字与数据：CC BY 4.0；代码：MIT。国家轮廓：Natural Earth（公有领域）。"
notfound_context = {{
    "title": "找不到页面",
    "body": "<h1>找不到页面</h1><p>本课程没有这个页面。请试试搜索，或从导言开始。</p>",
}}


def _outputs_beside_the_build(app):
    # MyST-NB writes executed notebooks and their images to `outdir/../jupyter_execute`, which for
    # this edition would be inside the English site: they go to _build/zh/ instead.
    folder = Path({str(WORK)!r}) / "jupyter_execute"
    app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(folder))


def setup(app):
    app.connect("builder-inited", _outputs_beside_the_build, priority=900)  # after MyST-NB's 500
"""


def is_generated(docname: str) -> bool:
    """Whether a page is one of `GENERATED_PAGES` (translated at its source, with no catalog)."""
    return any(docname == page or docname.startswith(f"{page}/") for page in GENERATED_PAGES)


def write_config() -> Path:
    """`_build/zh/conf.py`: `_config.yml` as Jupyter Book gives it to Sphinx, then the Chinese settings."""
    WORK.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "_config.yml", WORK / "_config.yml")  # jupyter-book writes conf.py beside it
    subprocess.run(
        [VENV_BIN / "jupyter-book", "config", "sphinx", ".", "--config", WORK / "_config.yml"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    conf = WORK / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + ZH_SETTINGS, encoding="utf-8")
    return WORK


def sphinx_build(builder: str, outdir: Path, *options: str) -> int:
    """Run sphinx-build over the repository with the Chinese configuration; its exit status."""
    path = os.pathsep.join([str(ROOT), str(ROOT / "book" / "_ext")])
    env = {**os.environ, "SHARED_FUTURE_LANG": "zh", "PYTHONPATH": path}
    command = [
        VENV_BIN / "sphinx-build",
        "-b",
        builder,
        "-c",
        write_config(),
        "-d",
        WORK / f"doctrees-{builder}",
        *options,
        ROOT,
        outdir,
    ]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def update_catalogs() -> int:
    """`make locale`: the English text of every page into its catalog (new msgids, changed ones fuzzy)."""
    shutil.rmtree(POT, ignore_errors=True)
    status = sphinx_build("gettext", POT, "-q", "-D", "nb_execution_mode=off")
    if status:
        return status
    for page in GENERATED_PAGES:
        shutil.rmtree(POT / page, ignore_errors=True)
        (POT / f"{page}.pot").unlink(missing_ok=True)
    command = [VENV_BIN / "sphinx-intl", "update", "-p", POT, "-d", LOCALE, "-l", "zh_CN"]
    return subprocess.run(command, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if argv == ["locale"]:
        return update_catalogs()
    if argv:
        print("usage: python -m scripts.book_zh [locale]", file=sys.stderr)
        return 2
    return sphinx_build("html", ZH_HTML, "-W", "-n", "--keep-going", "-q")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
