"""A student's session in JupyterLab, end to end: the project's JupyterLab on 127.0.0.1 (free
port, token, throwaway settings and runtime folders) serving the student edition (`student/`),
opened in Debian's Chromium, Run > Run All Cells, then in the real page.

Chapter 2 in depth: no error output, the key-moments map drawn by Leaflet with every country
outline and marker, the live ipywidgets quiz, one question answered by clicking, its feedback
shown, and the answer saved in the student's progress file. Every chapter as a student meets
it: the orienting first cell, no raw MyST on the page, each solution hidden until its "Show the
solution" is clicked, an empty answer cell after each exercise, an answer that survives the
next Run All, the maps drawn and the quiz answerable.

Selectors follow JupyterLab's own UI test tool, Galata (`.jp-NotebookPanel`, `.jp-Cell`,
`.jp-InputArea-prompt`, `.jp-OutputArea-output`, the `lm-MenuBar` menus). The notebook is
a copy in a temporary folder, so nothing (autosave, checkpoints) touches the repository.
Screenshots of each chapter go to the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest

from shared_future import student_edition
from shared_future.data import load_geojson
from shared_future.map_assets import MARKER_CLASS
from shared_future.maps import key_moments_map
from shared_future.quiz import load_quiz, option_order, translated_quiz
from tools.browser import MAP_READY, keep_local

ROOT = Path(__file__).resolve().parents[2]
EDITION = ROOT / "student"
NOTEBOOK = "02_origins.ipynb"
STUDENT = "e2e-student"
START_TIMEOUT_S = 40
# Real-user defaults, but no autosave (announcements are off on the command line: no network).
USER_SETTINGS = {"@jupyterlab/docmanager-extension:plugin": {"autosave": False}}
# JupyterLab in Chinese, as Settings > Language > 中文 leaves it (book/teachers/jupyterhub.md)
CHINESE = {"@jupyterlab/translation-extension:plugin": {"locale": "zh_CN"}}
# A student's folium, as a tutorial writes it: layers added to a course map, and a map from scratch.
FOLIUM_NOTEBOOK = "student_folium.ipynb"
FOLIUM_CELLS = [
    "import folium\nimport shared_future\nfrom shared_future import maps",
    "m = maps.projects_map()\nmine = folium.FeatureGroup(name='My places').add_to(m)\n"
    "folium.Marker([-10, 40], popup='Hello from a student').add_to(mine)\nm",
    "s = folium.Map(location=[0, 20], zoom_start=3)\nfolium.Marker([0, 20], popup='Hello from scratch').add_to(s)\ns",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Lab:
    """The running server: its base URL and token, and a look at its kernels through the REST API."""

    def __init__(self, base: str, token: str, progress: Path):
        self.base, self.token, self.progress = base, token, progress

    def url_of(self, notebook: str) -> str:
        """The notebook in a fresh workspace of its own (no tabs restored from another test)."""
        return (
            f"{self.base}lab/workspaces/{Path(notebook).stem}/tree/{EDITION.name}/{notebook}?reset&token={self.token}"
        )

    def api(self, path: str, prefix: str = "api"):
        with urllib.request.urlopen(f"{self.base}{prefix}/{path}?token={self.token}", timeout=5) as response:
            return json.load(response)

    def put_notebook(self, path: str, notebook) -> None:
        """Write `notebook` at `path` of the server's folder (the contents API, as the Lab saves)."""
        body = json.dumps({"type": "notebook", "format": "json", "content": notebook}).encode()
        request = urllib.request.Request(f"{self.base}api/contents/{path}?token={self.token}", data=body, method="PUT")
        urllib.request.urlopen(request, timeout=10).close()

    def wait_for_kernel(self, page, state: str = "idle", timeout_s: float = 40) -> None:
        """Wait until the notebook's kernel is connected to the page and in `state`. Waits with
        `page.wait_for_timeout`, which keeps serving the page's routed requests (a sleep would not)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                kernels = self.api("kernels")
            except urllib.error.HTTPError as err:
                if err.code < 500:
                    raise
                kernels = []  # the server answered 500 while the kernel was starting (seen here): poll on
            if kernels and all(k["connections"] and k["execution_state"] == state for k in kernels):
                return
            page.wait_for_timeout(250)
        pytest.fail(f"no connected {state} kernel within {timeout_s} s: {self.api('kernels')}")


def wait_for_server(lab: Lab, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            lab.api("status")
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer within {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    """End the server and its kernels (its own process group)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as lab:
        yield lab


@contextmanager
def running_lab(tmp_path: Path, settings: dict[str, dict] | None = None):
    """JupyterLab on a free port of 127.0.0.1 serving a copy of the student edition, laid out as
    in the repository (chapter 1 reads `../data/`, chapter 8 the rubric in `../book/`), in the
    folder `tmp_path`, with the user `settings` of some plugins ({"@jupyterlab/x-extension:plugin":
    {...}}) over USER_SETTINGS; yields a `Lab` (the benchmark, scripts/bench.py, starts one per chapter)."""
    work = tmp_path / "work"
    shutil.copytree(EDITION, work / EDITION.name)
    shutil.copytree(ROOT / "data", work / "data")
    teachers = Path("book") / "teachers"
    (work / teachers).mkdir(parents=True)
    for rubric in (ROOT / teachers).glob("capstone-rubric*.md"):  # the English and its Chinese variant
        shutil.copy(rubric, work / teachers / rubric.name)
    chapter = nbformat.read(work / EDITION.name / NOTEBOOK, as_version=4)
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in FOLIUM_CELLS], metadata=chapter.metadata),
        work / EDITION.name / FOLIUM_NOTEBOOK,
    )
    settings_dir = tmp_path / "lab-settings"
    for plugin, values in {**USER_SETTINGS, **(settings or {})}.items():
        extension, _, name = plugin.partition(":")
        path = settings_dir / extension / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    progress = tmp_path / "progress.json"
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings_dir),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "SHARED_FUTURE_PROGRESS": str(progress),
        "SHARED_FUTURE_STUDENT": STUDENT,
        # as on Binder, Colab or a hub: no node_modules/, so maps must come from the package's files
        "SHARED_FUTURE_NODE_MODULES": str(tmp_path / "no-node-modules"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [
        str(Path(sys.executable).with_name("jupyter-lab")),
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={work}",
        "--allow-root",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = tmp_path / "jupyterlab.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    try:
        lab = Lab(f"http://127.0.0.1:{port}/", token, progress)
        wait_for_server(lab, process, log)
        yield lab
    finally:
        stop(process)


def close_sessions(lab: Lab) -> None:
    """Shut down every notebook session (and its kernel) the test opened."""
    for session in lab.api("sessions"):
        request = urllib.request.Request(f"{lab.base}api/sessions/{session['id']}?token={lab.token}", method="DELETE")
        urllib.request.urlopen(request, timeout=10).close()


def run_all_cells(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def shown_code_cells(cells: list[dict]) -> int:
    """Code cells whose input (and so prompt) is shown: the collapsed Colab set-up cell is not."""
    return sum(c["cell_type"] == "code" and not c["metadata"].get("jupyter", {}).get("source_hidden") for c in cells)


def wait_until_run(page, lab: Lab, cells: int, timeout_s: float = 40) -> None:
    """Every shown code cell numbered (`[n]:`, not `[ ]:` or `[*]:`), then the kernel idle."""
    prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        texts = [t.strip() for t in prompts.all_text_contents()]
        if len(texts) == cells and all(re.fullmatch(r"\[\d+\]:", t) for t in texts):
            return lab.wait_for_kernel(page, "idle", timeout_s)
        page.wait_for_timeout(250)
    pytest.fail(f"cells did not all run within {timeout_s} s: prompts {prompts.all_text_contents()}")


def student_page(browser, lab: Lab, width: int, height: int):
    """A fresh browser context kept off the network; (context, page, blocked requests, page errors)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    blocked: list[str] = []
    keep_local(context, lab.base, blocked)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    return context, page, blocked, page_errors


def open_and_run_all(page, lab: Lab, notebook: str, before_run=None):
    """Open `notebook` of the student edition, let `before_run(panel, cells)` act, Run All; the panel."""
    page.goto(lab.url_of(notebook))
    panel = page.locator(".jp-NotebookPanel")
    panel.wait_for(timeout=60000)
    lab.wait_for_kernel(page, "idle", timeout_s=60)
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$")).wait_for(timeout=30000)
    cells = json.loads((EDITION / notebook).read_text(encoding="utf-8"))["cells"]
    if before_run:
        before_run(panel, cells)
    run_all_cells(page)
    wait_until_run(page, lab, shown_code_cells(cells))
    return panel, cells


def test_a_student_runs_chapter_2_and_answers_the_quiz(browser, jupyterlab):
    lab = jupyterlab
    context, page, blocked, page_errors = student_page(browser, lab, 1400, 1000)
    try:
        panel, _ = open_and_run_all(page, lab, NOTEBOOK)

        errors = panel.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
        )
        assert errors.count() == 0, errors.all_inner_texts()

        holder = panel.locator(f'div.{MARKER_CLASS}[data-sf-map="key_moments"]')
        holder.scroll_into_view_if_needed()
        frame = holder.frame_locator("iframe").first
        frame.locator(MAP_READY).wait_for(timeout=15000)
        assert frame.locator("path.sf-country").count() == len(load_geojson("countries")["features"])
        # Clusters animate while the notebook's layout settles (a marker is briefly both in its
        # cluster and on its own), so count once the map has been still for a moment.
        expected = key_moments_map().layers["Key moments"]
        for _ in range(20):
            page.wait_for_timeout(500)
            singles = frame.locator(".sf-marker").count()
            clustered = sum(int(n) for n in frame.locator(".sf-cluster span").all_inner_texts())
            if (
                frame.locator(".leaflet-zoom-anim, .leaflet-cluster-anim").count() == 0
                and singles + clustered == expected
            ):
                break
        assert singles + clustered == expected

        quiz = load_quiz("origins")
        first = quiz.questions[0]
        widget = panel.locator(".jp-OutputArea-output .widget-vbox", has_text=quiz.title).first
        widget.scroll_into_view_if_needed()
        question = widget.locator(".widget-vbox", has_text=first.prompt).first
        question.scroll_into_view_if_needed()
        question.locator(".widget-radio-box label").first.wait_for(timeout=10000)
        labels = [t.strip() for t in question.locator(".widget-radio-box label").all_text_contents()]
        assert labels == [first.options[i].text for i in option_order(first)]  # as in the book and answer key
        right = next(o for o in first.options if o.correct)
        question.locator(".widget-radio-box label", has_text=right.text).click()
        question.locator("button", has_text="Check").click()
        feedback = question.locator(".widget-html-content", has_text="Explanation:")
        feedback.wait_for(timeout=10000)
        assert feedback.inner_text().startswith("Correct.")
        assert right.feedback in feedback.inner_text()

        deadline = time.monotonic() + 10
        while not lab.progress.exists() and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        saved = json.loads(lab.progress.read_text(encoding="utf-8"))["students"][STUDENT]["origins"][first.id]
        assert saved["answer"] == right.text and saved["correct"] is True

        # wrong, then right: no explanation after the first attempt; both attempts saved
        second = next(q for q in quiz.questions[1:] if q.type == "single")
        question = widget.locator(".widget-vbox", has_text=second.prompt).first
        question.scroll_into_view_if_needed()
        wrong = next(o for o in second.options if not o.correct)
        question.locator(".widget-radio-box label", has_text=wrong.text).click()
        question.locator("button", has_text="Check").click()
        verdict = question.locator(".widget-html-content", has_text="Not quite.")
        verdict.wait_for(timeout=10000)
        assert "Explanation:" not in verdict.inner_text() and "Try again" in verdict.inner_text()
        right = next(o for o in second.options if o.correct)
        question.locator(".widget-radio-box label", has_text=right.text).click()
        question.locator("button", has_text="Check").click()
        question.locator(".widget-html-content", has_text="Explanation:").wait_for(timeout=10000)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            entry = json.loads(lab.progress.read_text(encoding="utf-8"))["students"][STUDENT]["origins"].get(second.id)
            if entry and len(entry.get("attempts", [])) == 2:
                break
            page.wait_for_timeout(200)
        assert [a["correct"] for a in entry["attempts"]] == [False, True] and entry["first_known"] is True
        assert blocked == [], f"JupyterLab asked the network for {blocked}"
        assert page_errors == [], page_errors
    finally:
        close_sessions(lab)
        context.close()


RAW_MYST = re.compile(r"\{cite\}|\{term\}|:::|```\{|\{(?:exercise|solution|admonition|note)\}")
MAP_CALL = re.compile(r"^\w+_map\(|^\w+ = folium\.Map\(", re.M)  # a course map, or a student's own folium map
SHOTS = ROOT / "_build" / "jupyterlab-screenshots"


def type_answers(page, panel, cells) -> dict[int, str]:
    """Type an answer into every answer cell, as a student would; {cell index: text typed}."""
    typed = {}
    for index, cell in enumerate(cells):
        if student_edition.ANSWER_TAG not in cell["metadata"].get("tags", []):
            continue
        dom = panel.locator(".jp-Notebook .jp-Cell").nth(index)
        dom.scroll_into_view_if_needed()
        text = f"answer_{index} = 6 * 7"
        if cell["cell_type"] == "markdown":
            dom.dblclick()
        editor = dom.locator(".cm-content")
        editor.click()
        page.locator(".jp-Notebook .jp-Cell .cm-editor.cm-focused").wait_for(timeout=5000)
        page.keyboard.press("Control+End")
        page.keyboard.press("Enter")
        page.keyboard.type(text)
        page.keyboard.press("Escape")
        typed[index] = text
    return typed


@pytest.mark.parametrize("notebook", [p.name for p in student_edition.chapters()])
def test_a_student_works_through_the_chapter(browser, jupyterlab, notebook):
    lab = jupyterlab
    context, page, blocked, page_errors = student_page(browser, lab, 1280, 900)
    SHOTS.mkdir(parents=True, exist_ok=True)
    typed: dict[int, str] = {}
    try:

        def before_run(panel, cells):
            page.screenshot(path=SHOTS / f"{notebook[:2]}-first-view.png")
            # Every exercise is followed by its answer cell, empty but for its prompt.
            answers = [i for i, c in enumerate(cells) if student_edition.ANSWER_TAG in c["metadata"].get("tags", [])]
            exercises = [
                i
                for i, c in enumerate(cells)
                if c["cell_type"] == "markdown" and re.search(r"^> \*\*Exercise \d+: ", "".join(c["source"]), re.M)
            ]
            assert [i + 1 for i in exercises] == answers and answers, (
                f"{notebook}: exercises at {exercises}, answers at {answers}"
            )
            for number, index in enumerate(answers, 1):
                assert "".join(cells[index]["source"]).count("\n") == 0, "an answer cell holds one prompt line"
                dom = panel.locator(".jp-Notebook .jp-Cell").nth(index)
                assert f"xercise {number}" in dom.text_content()
                assert f"Exercise {number}:" in panel.locator(".jp-Notebook .jp-Cell").nth(index - 1).text_content()
            typed.update(type_answers(page, panel, cells))

        panel, cells = open_and_run_all(page, lab, notebook, before_run)
        dom_cells = panel.locator(".jp-Notebook .jp-Cell")
        assert dom_cells.count() == len(cells)
        errors = panel.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
        )
        assert errors.count() == 0, errors.all_inner_texts()

        # The first cell orients: which chapter, how long, how to run a cell, answers, quiz, progress.
        first = dom_cells.nth(0).text_content()
        for words in ("Chapter", "minutes", "Shift+Enter", "Your answers", "quiz", "export_csv"):
            assert words in first, f"{notebook}: the first cell does not say {words!r}"
        assert cells[1]["cell_type"] == "markdown" and "".join(cells[1]["source"]).startswith("# ")

        # No raw MyST anywhere on the rendered page (text of every rendered Markdown cell).
        rendered = panel.locator(".jp-MarkdownCell .jp-RenderedMarkdown")
        assert rendered.count() == sum(c["cell_type"] == "markdown" for c in cells), "a Markdown cell is not rendered"
        raw = [t[:120] for t in rendered.all_text_contents() if RAW_MYST.search(t)]
        assert raw == [], f"{notebook}: raw MyST on the page: {raw}"
        math = rendered.locator("mjx-container, .MathJax")
        assert math.count() == 0, (
            f"{notebook}: typeset as math: "
            f"{[m.evaluate('e => e.parentElement.textContent.slice(0, 200)') for m in math.all()][:3]}"
        )

        # The answers typed before Run All are still there after it.
        for index, text in typed.items():
            assert text in dom_cells.nth(index).text_content(), f"{notebook}: answer in cell {index} lost on Run All"

        # Every solution is closed until its summary is clicked, then shows the source's text.
        source = (student_edition.SOURCE_DIR / notebook).read_text(encoding="utf-8")
        solutions = panel.locator(".jp-RenderedMarkdown details")
        assert solutions.count() == source.count("{solution}")
        for n in range(solutions.count()):
            details = solutions.nth(n)
            summary = details.locator("summary")
            summary.scroll_into_view_if_needed()
            body = details.locator(":scope > :not(summary)").first
            assert summary.text_content().strip().startswith(student_edition.SOLUTION_SUMMARY)
            assert not body.is_visible(), f"{notebook}: solution {n + 1} is visible before its click"
            if n == 0:
                page.screenshot(path=SHOTS / f"{notebook[:2]}-exercise.png")
            summary.click()
            body.wait_for(state="visible", timeout=5000)
            assert body.inner_text().strip(), f"{notebook}: solution {n + 1} is empty"
            if n == 0:
                page.screenshot(path=SHOTS / f"{notebook[:2]}-solution-open.png")

        # Every map the chapter draws is drawn.
        expected_maps = sum(bool(MAP_CALL.search("".join(c["source"]))) for c in cells if c["cell_type"] == "code")
        holders = panel.locator(f"div.{MARKER_CLASS}")
        assert holders.count() == expected_maps
        for n in range(expected_maps):
            holders.nth(n).scroll_into_view_if_needed()
            frame = holders.nth(n).frame_locator("iframe").first
            frame.locator(MAP_READY).wait_for(timeout=15000)
            assert frame.locator("path.leaflet-interactive, .sf-marker, .sf-cluster").count() > 0
        # The chapter's own folium cell draws its map; each course map has its data table after it.
        folium_cells = sum("folium.Map(" in "".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert panel.locator(f'div.{MARKER_CLASS}[data-sf-map="folium"]').count() == folium_cells
        tables = panel.locator(f"div.{MARKER_CLASS} + details.sf-data-table")
        assert tables.count() == expected_maps - folium_cells
        for n in range(tables.count()):
            assert tables.nth(n).locator("table caption").text_content().startswith("Data for the map")
        if expected_maps:
            page.screenshot(path=SHOTS / f"{notebook[:2]}-map.png")

        # The quiz is answerable: pick an option of a multiple-choice question, Check, feedback.
        quiz = panel.locator(".jp-OutputArea-output .widget-vbox", has_text="Check").first
        question = quiz.locator(".widget-vbox:has(> .widget-radio)").first
        question.scroll_into_view_if_needed()
        question.locator(".widget-radio-box label").first.click()
        question.locator("button", has_text="Check").click()
        feedback = question.locator(".widget-html-content").last
        page.wait_for_function("el => el.innerText.trim().length > 0", arg=feedback.element_handle(), timeout=10000)
        page.screenshot(path=SHOTS / f"{notebook[:2]}-quiz.png")
        assert blocked == [], f"JupyterLab asked the network for {blocked}"
        assert page_errors == [], page_errors
    finally:
        close_sessions(lab)
        context.close()


def test_a_students_folium_maps_draw_offline_in_jupyterlab(browser, jupyterlab):
    """folium as a tutorial teaches it, in a live kernel with every other host blocked: a marker
    with a popup on a course map (listed in its layer control) and on a map built from scratch."""
    lab = jupyterlab
    context, page, blocked, page_errors = student_page(browser, lab, 1280, 900)
    try:
        page.goto(lab.url_of(FOLIUM_NOTEBOOK))
        panel = page.locator(".jp-NotebookPanel")
        panel.wait_for(timeout=60000)
        lab.wait_for_kernel(page, "idle", timeout_s=60)
        run_all_cells(page)
        wait_until_run(page, lab, len(FOLIUM_CELLS))
        holders = panel.locator(f"div.{MARKER_CLASS}")
        assert holders.count() == 2
        for index, text in ((0, "Hello from a student"), (1, "Hello from scratch")):
            holders.nth(index).scroll_into_view_if_needed()
            frame = holders.nth(index).frame_locator("iframe").first
            marker = frame.locator("img.leaflet-marker-icon").first
            marker.wait_for(timeout=15000)
            assert marker.evaluate("img => img.complete && img.naturalWidth > 0"), "the marker image is missing"
            marker.dispatch_event("click")
            frame.locator(".leaflet-popup-content", has_text=text).wait_for(timeout=5000)
        course = holders.nth(0).frame_locator("iframe").first
        assert "My places" in course.locator(".leaflet-control-layers").inner_text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        holders.nth(0).screenshot(path=str(SHOTS / "student-folium-course-map.png"))
        holders.nth(1).screenshot(path=str(SHOTS / "student-folium-scratch-map.png"))
        # folium's default OpenStreetMap tiles (the map from scratch) are all that leaves the machine.
        assert all("tile.openstreetmap.org" in url for url in blocked), blocked
        assert page_errors == [], page_errors
    finally:
        close_sessions(lab)
        context.close()


def test_jupyterlab_offers_chinese(jupyterlab):
    """jupyterlab-language-pack-zh-CN is installed: the Lab lists 中文 and serves its translations."""
    languages = jupyterlab.api("translations", prefix="lab/api")["data"]
    assert set(languages) == {"en", "zh_CN"}
    assert languages["zh_CN"]["nativeName"].startswith("中文")
    pack = jupyterlab.api("translations/zh_CN", prefix="lab/api")["data"]["jupyterlab"]
    assert pack["menu\x04File"] == ["文件"] and pack["Run All Cells"] == ["运行所有单元格"]


def test_a_student_works_in_a_chinese_jupyterlab_with_chinese_quizzes(browser, tmp_path):
    """JupyterLab switched to 中文 (its language setting) on a chapter, and the package switched
    too by its one line: the menus are Chinese, and so is the live quiz a later cell shows."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_lab(tmp_path, CHINESE) as lab:
        cells = [
            "import shared_future\nshared_future.set_language('zh')",
            "from shared_future.quiz import quiz\nquiz('origins')",
        ]
        chapter = nbformat.read(EDITION / NOTEBOOK, as_version=4)
        lab.put_notebook(
            f"{EDITION.name}/chinese_quiz.ipynb",
            nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells], metadata=chapter.metadata),
        )
        context, page, blocked, page_errors = student_page(browser, lab, 1280, 900)
        try:
            page.goto(lab.url_of(NOTEBOOK))
            page.locator(".jp-NotebookPanel").wait_for(timeout=60000)
            lab.wait_for_kernel(page, "idle", timeout_s=60)
            menus = [t.strip() for t in page.locator(".lm-MenuBar-itemLabel").all_text_contents()]
            assert menus[:4] == ["文件", "编辑", "查看", "运行"], menus
            page.screenshot(path=SHOTS / "jupyterlab-zh-chapter.png")
            close_sessions(lab)

            page.goto(lab.url_of("chinese_quiz.ipynb"))
            panel = page.locator(".jp-NotebookPanel")
            panel.wait_for(timeout=60000)
            lab.wait_for_kernel(page, "idle", timeout_s=60)
            page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^运行$")).click()
            page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^运行所有单元格$")).click()
            chinese = translated_quiz(load_quiz("origins"), lang="zh")
            widget = panel.locator(".jp-OutputArea-output .widget-vbox", has_text=chinese.title).first
            widget.wait_for(timeout=30000)
            check = widget.locator("button", has_text="检查").first
            check.wait_for(timeout=10000)
            assert widget.locator("button", has_text=re.compile(r"^Check$")).count() == 0
            assert chinese.questions[0].prompt in widget.inner_text()
            check.scroll_into_view_if_needed()
            page.screenshot(path=SHOTS / "jupyterlab-zh-quiz.png")
            assert blocked == [], f"JupyterLab asked the network for {blocked}"
            assert page_errors == [], page_errors
        finally:
            close_sessions(lab)
            context.close()
