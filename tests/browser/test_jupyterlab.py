"""A student's session in JupyterLab, end to end: the project's JupyterLab on 127.0.0.1 (free
port, token, throwaway settings and runtime folders), chapter 2 opened in Debian's Chromium,
Run > Run All Cells, then in the real page: no error output, the key-moments map drawn by
Leaflet with every country outline and marker, the live ipywidgets quiz, one question answered
by clicking, its feedback shown, and the answer saved in the student's progress file.

Selectors follow JupyterLab's own UI test tool, Galata (`.jp-NotebookPanel`, `.jp-Cell`,
`.jp-InputArea-prompt`, `.jp-OutputArea-output`, the `lm-MenuBar` menus). The notebook is
a copy in a temporary folder, so nothing (autosave, checkpoints) touches the repository.
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
import urllib.request
from pathlib import Path

import nbformat
import pytest

from harness import MAP_READY, keep_local
from shared_future.data import load_geojson
from shared_future.maps import key_moments_map
from shared_future.map_assets import MARKER_CLASS
from shared_future.quiz import load_quiz, option_order

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "_build" / "screenshots"
NOTEBOOK = "02_origins.ipynb"
STUDENT = "e2e-student"
START_TIMEOUT_S = 40
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
        return f"{self.base}lab/tree/{notebook}?token={self.token}"

    def api(self, path: str):
        with urllib.request.urlopen(f"{self.base}api/{path}?token={self.token}", timeout=5) as response:
            return json.load(response)

    def wait_for_kernel(self, page, state: str = "idle", timeout_s: float = 40) -> None:
        """Wait until the notebook's kernel is connected to the page and in `state`. Waits with
        `page.wait_for_timeout`, which keeps serving the page's routed requests (a sleep would not)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            kernels = self.api("kernels")
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


@pytest.fixture
def jupyterlab(tmp_path):
    """JupyterLab on a free port of 127.0.0.1 serving a copy of the notebook; yields a `Lab`."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, work / NOTEBOOK)
    chapter = nbformat.read(work / NOTEBOOK, as_version=4)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in FOLIUM_CELLS],
                                            metadata=chapter.metadata), work / FOLIUM_NOTEBOOK)
    settings = tmp_path / "lab-settings"
    # Real-user defaults, but no autosave, and no announcements fetched from the network.
    (settings / "@jupyterlab" / "docmanager-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings").write_text(
        json.dumps({"autosave": False}))
    progress = tmp_path / "progress.json"
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ,
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data"), "IPYTHONDIR": str(tmp_path / "ipython"),
           "JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
           "SHARED_FUTURE_PROGRESS": str(progress), "SHARED_FUTURE_STUDENT": STUDENT,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [str(Path(sys.executable).with_name("jupyter-lab")), "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--port-retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={work}", "--allow-root", "--LabApp.news_url=None",
               "--LabApp.extension_manager=readonly",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log = tmp_path / "jupyterlab.log"
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        lab = Lab(f"http://127.0.0.1:{port}/", token, progress)
        wait_for_server(lab, process, log)
        yield lab
    finally:
        stop(process)


def run_all_cells(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def wait_until_run(page, lab: Lab, cells: int, timeout_s: float = 40) -> None:
    """Every code cell numbered (`[n]:`, not `[ ]:` or `[*]:`), then the kernel idle."""
    prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        texts = [t.strip() for t in prompts.all_text_contents()]
        if len(texts) == cells and all(re.fullmatch(r"\[\d+\]:", t) for t in texts):
            return lab.wait_for_kernel(page, "idle", timeout_s)
        page.wait_for_timeout(250)
    pytest.fail(f"cells did not all run within {timeout_s} s: prompts {prompts.all_text_contents()}")


def open_notebook(browser, lab: Lab, notebook: str, width: int, height: int):
    """The notebook open in a new offline context, its kernel idle; returns (context, page,
    notebook panel, requests to other hosts, page errors)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    blocked: list[str] = []
    keep_local(context, lab.base, blocked)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    page.goto(lab.url_of(notebook))
    panel = page.locator(".jp-NotebookPanel")
    panel.wait_for(timeout=60000)
    lab.wait_for_kernel(page, "idle", timeout_s=60)
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$")).wait_for(timeout=30000)
    return context, page, panel, blocked, page_errors


def test_a_student_runs_chapter_2_and_answers_the_quiz(browser, jupyterlab):
    lab = jupyterlab
    context, page, panel, blocked, page_errors = open_notebook(browser, lab, NOTEBOOK, 1400, 1000)
    try:
        notebook = json.loads((ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))
        code_cells = sum(c["cell_type"] == "code" for c in notebook["cells"])
        run_all_cells(page)
        wait_until_run(page, lab, code_cells)

        errors = panel.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                               '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
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
            if frame.locator(".leaflet-zoom-anim, .leaflet-cluster-anim").count() == 0 \
                    and singles + clustered == expected:
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
        context.close()


def test_a_students_folium_maps_draw_offline_in_jupyterlab(browser, jupyterlab):
    """folium as a tutorial teaches it, in a live kernel with every other host blocked: a marker
    with a popup on a course map (listed in its layer control) and on a map built from scratch."""
    lab = jupyterlab
    context, page, panel, blocked, page_errors = open_notebook(browser, lab, FOLIUM_NOTEBOOK, 1280, 900)
    try:
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
        holders.nth(0).screenshot(path=str(SCREENSHOTS / "jupyterlab-student-folium-course-map.png"))
        holders.nth(1).screenshot(path=str(SCREENSHOTS / "jupyterlab-student-folium-scratch-map.png"))
        # folium's default OpenStreetMap tiles (the map from scratch) are all that leaves the machine.
        assert all("tile.openstreetmap.org" in url for url in blocked), blocked
        assert page_errors == [], page_errors
    finally:
        context.close()
