"""The chapters in the reader's browser (JupyterLite, `make lite`), served by the book itself.

Chapter 1's "Run in your browser" button opens the book's own JupyterLite site in Chromium with
every other host blocked and recorded: the Pyodide kernel starts from the bundled runtime, a
pure-Python cell runs, the course's own wheel installs from the site with its dependencies off,
pycountry imports and answers, and the course data is on the kernel's drive, all without a
request leaving the local server. Then a cell that imports the data stack shows where everything
else comes from: every pure-Python package from the site, and the only requests that leave it
are for the compiled packages of Pyodide's lock, at the one configured location. A file saved as
the course saves quiz answers is still there after the page is reloaded (JupyterLite's drive, in
the browser's storage). A second site, built with the location pointed at a local folder (a
second local server holding a stand-in lock file and stand-in wheels), sends those requests there.

No network here, so the compiled packages themselves (numpy, pandas ...) never load in these
tests: the maps and quizzes of a chapter running in Pyodide are not tested here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import BUILD_HTML, LITE
from playwright.sync_api import expect

from scripts.lite import LOCK, PACKAGES_ENV_VAR, packages_url, pyodide_version
from tools.browser import LITE_CHAPTER, serve, wait_for_pyodide_kernel

ROOT = BUILD_HTML.parents[1]
SITE = BUILD_HTML / LITE
CHAPTER = "01_what_is_it"
KERNEL_TIMEOUT_MS = 180_000  # Pyodide and IPython start in the page's worker: slow on a loaded machine
CORE = ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", LOCK)
DATA_STACK = "import pandas, pydantic, yaml, jinja2"  # compiled: pandas, numpy, pydantic-core, pyyaml, markupsafe


def lock_of(site: Path) -> dict:
    return json.loads((site / "static" / "pyodide" / LOCK).read_text(encoding="utf-8"))["packages"]


def compiled_files(lock: dict, names: list[str]) -> set[str]:
    """The compiled wheels (file names in Pyodide's distribution) that loading `names` needs."""
    seen, queue, files = set(), list(names), set()
    while queue:
        name = queue.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        entry = lock[name]
        if not entry["file_name"].endswith("-none-any.whl"):
            files.add(entry["file_name"].rsplit("/", 1)[-1])
        queue.extend(entry["depends"])
    return files


def course_wheel(site: Path) -> str:
    return next((site / "pypi").glob("shared_future-*.whl")).name


class Recorder:
    """Every request of a browser context (its pages' and workers'): those to the site go through,
    those to the `copy` are fetched and their status recorded, the rest are aborted."""

    def __init__(self, context, site: str, copy: str | None = None):
        self.site, self.copy = urlsplit(site).netloc, copy and urlsplit(copy).netloc
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.from_copy: list[tuple[str, int]] = []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")):
            return route.continue_()
        self.requests.append(url)
        if urlsplit(url).netloc == self.site:
            return route.continue_()
        if urlsplit(url).netloc == self.copy:
            response = route.fetch()
            self.from_copy.append((url, response.status))
            return route.fulfill(response=response)
        self.blocked.append(url)
        return route.abort()


def run_new_cell(page, code: str, run: int) -> str:
    """Add a code cell below the first one (as a student: select, Esc, b), run it as the kernel's
    `run`-th execution, return its output."""
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(code)  # as pasted: no auto-indent on the way
    page.keyboard.press("Shift+Enter")
    cell = page.locator(".jp-NotebookPanel .jp-Cell").nth(1)
    expect(cell.locator(".jp-InputPrompt")).to_have_text(f"[{run}]:", timeout=120_000)
    return cell.locator(".jp-OutputArea").inner_text()


@pytest.fixture(scope="module")
def lite_site():
    if not (SITE / "lab" / "index.html").is_file():
        pytest.fail(f"{SITE} is missing: run `make lite` first.")
    return SITE


def test_chapter_opens_in_jupyterlite_from_the_books_files(browser, site_url, lite_site, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    recorder = Recorder(context, site_url)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{CHAPTER}.html")
    page.locator(".dropdown-launch-buttons > button").click()
    button = page.locator(".dropdown-launch-buttons a", has_text="Run in your browser")
    expect(button).to_be_visible()
    assert button.get_attribute("href") == "../" + LITE_CHAPTER.format(CHAPTER)
    with context.expect_page() as opened:
        button.click()
    lab = opened.value
    wait_for_pyodide_kernel(lab, KERNEL_TIMEOUT_MS)
    expect(lab.locator(".jp-KernelName")).to_have_text("Python (Pyodide)")
    for name in CORE:  # the runtime came from the book
        assert f"{site_url}lite/static/pyodide/{name}" in recorder.requests, name
    assert recorder.blocked == []

    wheel = f"{site_url}lite/pypi/{course_wheel(lite_site)}"
    output = run_new_cell(
        lab,
        "import sys, micropip\n"
        f"await micropip.install('{wheel}', deps=False)\n"
        "from importlib.metadata import version\n"
        "print(sys.platform, version('shared-future'), sum(range(10)))",
        1,
    )
    assert output.strip() == "emscripten 0.1.0 45", output
    assert wheel in recorder.requests
    assert recorder.blocked == [], "with its dependencies off, nothing leaves the book's server"

    # pycountry (pure Python, no dependencies) loads from the site on import and works in Pyodide;
    # the course data is on the kernel's drive, where $SHARED_FUTURE_DATA points the package
    code = (
        "import os, pycountry\n"
        "print(pycountry.countries.get(alpha_3='CHN').name)\n"
        "print(open(os.path.join(os.environ['SHARED_FUTURE_DATA'], 'pillars.csv')).readline().strip())"
    )
    output = run_new_cell(lab, code, 2)
    header = (ROOT / "data" / "pillars.csv").read_text(encoding="utf-8").splitlines()[0]
    assert output.strip().splitlines() == ["China", header], output
    assert recorder.blocked == []

    run_new_cell(lab, DATA_STACK, 3)  # fails here: the compiled packages cannot be fetched offline
    lab.wait_for_timeout(1000)
    lab.screenshot(path=str(tmp_path / "jupyterlite.png"))  # look at it: --basetemp keeps it
    lock = lock_of(lite_site)
    location = packages_url(pyodide_version())
    expected = {location + f for f in compiled_files(lock, ["pandas", "pydantic", "pyyaml", "jinja2"])}
    assert set(recorder.blocked) == expected, "only the compiled packages leave the site, to the one location"
    for pure in ("pydantic", "jinja2", "python-dateutil", "pytz"):
        assert f"{site_url}lite/static/pyodide/{lock[pure]['file_name']}" in recorder.requests, pure
    context.close()


# what shared_future.progress.record does to save an attempt (it needs pandas, so not itself here):
# the lock, a temporary file beside the progress file, fsync, and os.replace
SAVE_AS_PROGRESS_DOES = """import json, os, tempfile
from pathlib import Path
from filelock import FileLock
path = Path(os.environ['SHARED_FUTURE_PROGRESS'])
path.parent.mkdir(parents=True, exist_ok=True)
with FileLock(f'{path}.lock').acquire(timeout=20, poll_interval=0.002):
    with tempfile.NamedTemporaryFile('w', dir=path.parent, delete=False, suffix='.tmp') as out:
        json.dump({'version': 2, 'saved': 'q1'}, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(out.name, path)
print('saved')"""


def test_saved_answers_stay_in_the_browser_across_a_reload(browser, site_url, lite_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    recorder = Recorder(context, site_url)
    lab = context.new_page()
    lab.goto(site_url + LITE_CHAPTER.format(CHAPTER))
    wait_for_pyodide_kernel(lab, KERNEL_TIMEOUT_MS)
    output = run_new_cell(lab, SAVE_AS_PROGRESS_DOES, 1)
    assert output.strip().endswith("saved"), output
    assert "only soft file lock is available" in output  # filelock's own fallback in Pyodide, and its warning
    lab.reload()
    wait_for_pyodide_kernel(lab, KERNEL_TIMEOUT_MS)  # a new kernel: Pyodide's memory is gone
    output = run_new_cell(lab, "import os\nprint(open(os.environ['SHARED_FUTURE_PROGRESS']).read())", 1)
    assert json.loads(output) == {"version": 2, "saved": "q1"}
    assert recorder.blocked == []
    context.close()


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory):
    """A school's copy of the compiled packages, as a local folder on a server of its own: a
    stand-in lock file and a stand-in file for each compiled wheel the data stack needs."""
    folder = tmp_path_factory.mktemp("school-copy")
    lock = lock_of(SITE)
    names = compiled_files(lock, ["pandas", "pydantic", "pyyaml", "jinja2"])
    (folder / LOCK).write_text(json.dumps({"info": {"stand_in": True}, "packages": {}}), encoding="utf-8")
    for name in names:
        (folder / name).write_bytes(b"stand-in")
    with serve(folder) as url:
        yield url, names


def test_the_package_location_setting_is_honoured(browser, stand_in, tmp_path):
    location, names = stand_in
    out = tmp_path / "site" / LITE
    env = {**os.environ, PACKAGES_ENV_VAR: location, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "scripts.lite", "--output", str(out)], cwd=ROOT, env=env, check=True)
    lock = lock_of(out)
    compiled = [e["file_name"] for e in lock.values() if not e["file_name"].endswith("-none-any.whl")]
    assert compiled and all(f.startswith(location) for f in compiled)

    with serve(out.parent) as site:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        recorder = Recorder(context, site, location)
        lab = context.new_page()
        lab.goto(site + LITE_CHAPTER.format(CHAPTER))
        wait_for_pyodide_kernel(lab, KERNEL_TIMEOUT_MS)
        run_new_cell(lab, DATA_STACK, 1)
        lab.wait_for_timeout(1000)
        context.close()
    assert recorder.blocked == []
    assert sorted(recorder.from_copy) == sorted((location + n, 200) for n in names), (
        "the compiled packages came from the copy"
    )
    assert {urlsplit(u).netloc for u in recorder.requests} == {urlsplit(site).netloc, urlsplit(location).netloc}


def test_a_student_switches_jupyterlite_to_chinese(browser, site_url, lite_site):
    """The site serves JupyterLab's Chinese language pack (api/translations/, from the pinned
    jupyterlab-language-pack-zh-CN): Settings > Language > 中文 reloads the chapter with Chinese menus,
    without a request leaving the site."""
    languages = json.loads((lite_site / "api" / "translations" / "all.json").read_text(encoding="utf-8"))["data"]
    assert set(languages) == {"en", "zh_CN"}
    assert (lite_site / "api" / "translations" / "zh_CN.json").stat().st_size < 1_000_000
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    recorder = Recorder(context, site_url)
    lab = context.new_page()
    lab.goto(site_url + LITE_CHAPTER.format(CHAPTER))
    menus = lab.locator(".lm-MenuBar-itemLabel")
    expect(menus.first).to_have_text("File", timeout=60_000)
    lab.locator(".lm-MenuBar-itemLabel", has_text="Settings").click()
    lab.locator(".lm-Menu-itemLabel", has_text="Language").hover()
    lab.locator(".lm-Menu-itemLabel", has_text="中文 (简体, 中国)").click()
    lab.locator(".jp-Dialog button.jp-mod-accept").click()  # "Change and reload"
    expect(menus.first).to_have_text("文件", timeout=60_000)
    assert [t.strip() for t in menus.all_text_contents()][:4] == ["文件", "编辑", "查看", "运行"]
    assert lab.url.endswith(LITE_CHAPTER.format(CHAPTER))  # the same chapter, reloaded
    assert f"{site_url}lite/api/translations/zh_CN.json" in recorder.requests
    assert recorder.blocked == []
    context.close()
