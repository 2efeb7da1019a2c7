"""Measure the course: build times, notebook run times, page weights, map readiness, Lighthouse,
CPU profiles of the rebuilds, the student edition in JupyterLab (time to open and run each
chapter, and the weight of each map's iframe in a live kernel), and the JupyterLite site (its
size, and the time from opening each chapter to a running Pyodide kernel; `make lite` first).

Run with `make bench` (`python -m scripts.bench` from the repository root; not part of
`make test`). Writes `_build/bench/report.json` and
`_build/bench/report.md`; every figure over its budget is flagged. Medians of several runs
(`BENCH_RUNS`, default 3; cold builds use at most 2 because each one runs every notebook).

Page weights are what Chromium's network layer received for a page with an empty cache, every
map scrolled to and drawn, from a local server that gzip-compresses text as a static host does;
beside them, the same figure for the untouched theme (sphinx-book-theme with Jupyter Book's
extensions, none of the course's) on a near-empty page. Lighthouse 12 (npm, package.json; the
mobile preset, simulated slow 4G) runs against Debian's Chromium (`CHROME_PATH`) on three pages.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from tools.browser import (
    CHROMIUM,
    EAGER_MAPS,
    LITE_CHAPTER,
    MAP_FRAMES,
    MAP_READY,
    keep_local,
    launch_chromium,
    page_transfer,
    serve,
    wait_for_pyodide_kernel,
)

ROOT = Path(__file__).resolve().parents[1]

BUILD = ROOT / "_build"
HTML = BUILD / "html"
OUT = BUILD / "bench"
JB = [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going", "-q"]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BASELINE_PAGE = "genindex.html"  # a near-empty page of the book
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ["book/intro.html", "notebooks/04_belt_and_road.html", "book/teachers/lesson-plans.html"]
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE_GOAL = 95
WAITING_MAP = re.compile(r'data-sf-srcdoc="([^"]*)"')  # a map's document before it draws (course_lazy_maps)
WIDGET_RUNTIME = ("require.js", "embed-amd", "html-manager")
MAP_LOADS = 5  # page loads per map page for the readiness median

BUDGETS = {  # from the issue that set them; seconds or bytes
    "cold_build_s": 45,
    "nochange_rebuild_s": 3,
    "prose_edit_rebuild_s": 5,
    "notebook_edit_rebuild_s": 7,
    "notebook_run_s": 10,
    "page_gzip_bytes": 200_000,
    "map_page_gzip_bytes": 300_000,
    "map_ready_s": 1.5,
    "map_gzip_bytes": 60_000,  # what one map adds to its page beyond the shared _vendor/ files
    "lite_site_bytes": 60_000_000,  # the JupyterLite site without the compiled packages (issue 24)
}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


@contextmanager
def edited(path: Path, change):
    """Temporarily change a file; always restore it."""
    original = path.read_bytes()
    try:
        path.write_bytes(change(original))
        yield
    finally:
        path.write_bytes(original)


def append_comment_to_first_code_cell(raw: bytes) -> bytes:
    notebook = json.loads(raw)
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    cell["source"] = source + f"\n# bench {time.time()}"
    return json.dumps(notebook, indent=1, ensure_ascii=False).encode()


def toc_notebooks() -> list[Path]:
    """The chapter notebooks the book builds (listed in _toc.yml), in order."""
    import yaml

    def files(node):
        if isinstance(node, dict):
            yield from ([node["file"]] if "file" in node else [])
            for value in node.values():
                yield from files(value)
        elif isinstance(node, list):
            for item in node:
                yield from files(item)

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [ROOT / f"{name}.ipynb" for name in files(toc) if (ROOT / f"{name}.ipynb").is_file()]


def build_times() -> dict:
    colds = []
    for _ in range(min(RUNS, 2)):
        shutil.rmtree(BUILD, ignore_errors=True)  # a clean _build: every notebook runs
        colds.append(timed(JB))
    nochange = [timed(JB) for _ in range(RUNS)]
    prose, notebook = [], []
    notebook_path = toc_notebooks()[0]
    for run in range(RUNS):
        # After each edit is undone, an untimed build takes the restored file back in, so each
        # timed build sees only its own edit (one page), not also the previous edit's undoing.
        with edited(ROOT / "book" / "intro.md", lambda raw, run=run: raw + f"\n<!-- bench {run} -->\n".encode()):
            prose.append(timed(JB))
        timed(JB)
        with edited(notebook_path, append_comment_to_first_code_cell):
            notebook.append(timed(JB))
        timed(JB)  # also leaves a build of the unedited sources
    return {
        "cold_build_s": statistics.median(colds),
        "nochange_rebuild_s": statistics.median(nochange),
        "prose_edit_rebuild_s": statistics.median(prose),
        "notebook_edit_rebuild_s": statistics.median(notebook),
        "notebook_edited": notebook_path.name,
    }


def notebook_times() -> dict:
    import nbformat
    from nbclient import NotebookClient

    times = {}
    for path in toc_notebooks():
        runs = []
        for _ in range(RUNS):
            notebook = nbformat.read(path, as_version=4)
            start = time.perf_counter()
            NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
            runs.append(time.perf_counter() - start)
        times[path.name] = statistics.median(runs)
    return times


def page_weight(browser, site: str, path: str, html_file: Path) -> dict:
    """Bytes Chromium received for one page, empty cache, every map drawn (gzip server)."""
    transfers, maps, _ = page_transfer(browser, site, path)
    documents = [html.unescape(d).encode() for d in WAITING_MAP.findall(html_file.read_text(encoding="utf-8"))]
    largest = max(documents, key=len, default=b"")
    return {
        "gzip_bytes": transfers.total,
        "requests": len(transfers.by_url),
        "maps": maps,
        "largest_map_raw": len(largest),
        "largest_map_gzip": len(gzip.compress(largest, 6)),
        "loads_widget_runtime": any(name in url for url in transfers.by_url for name in WIDGET_RUNTIME),
    }


def local_context(browser, site: str):
    context = browser.new_context()
    keep_local(context, site)
    return context


def map_ready_seconds(browser, site: str, path: str) -> float:
    """Median time from navigation to the first map's Leaflet container drawn (data-sf-ready),
    each load in a fresh context, so with an empty browser cache."""
    samples = []
    for _ in range(MAP_LOADS):
        context = local_context(browser, site)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(site + path + EAGER_MAPS, wait_until="commit")
        frame = page.frame_locator(MAP_FRAMES).first
        frame.locator(MAP_READY).wait_for(state="attached", timeout=15000)
        samples.append(time.perf_counter() - start)
        context.close()
    return statistics.median(samples)


def page_figures() -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    pages = sorted(
        p.relative_to(HTML).as_posix()
        for p in HTML.rglob("*.html")
        if not p.relative_to(HTML).parts[0].startswith(("_", "."))
        and p.name != "index.html"
        # the English pages: the Chinese edition (zh/, same pages and assets) and JupyterLite are not benched
        and p.relative_to(HTML).parts[0] not in ("zh", "lite")
    )
    weights, ready = {}, {}
    with serve(HTML, compress=True) as site, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for path in pages:
            weights[path] = page_weight(browser, site, path, HTML / path)  # an empty cache for every page
            if weights[path]["maps"]:
                ready[path] = map_ready_seconds(browser, site, path)
        browser.close()
    return weights, ready


BASELINE_CONF = """project = "Baseline"
html_theme = "sphinx_book_theme"
extensions = ["myst_nb", "sphinx_togglebutton", "sphinx_copybutton", "sphinx_design", "sphinx_thebe"]
"""


def baseline_weight() -> dict:
    """The untouched theme: a one-paragraph page built with sphinx-book-theme and Jupyter Book's
    extensions (none of the course's), measured as the book's pages are."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "src", Path(folder) / "html"
        source.mkdir()
        (source / "conf.py").write_text(BASELINE_CONF, encoding="utf-8")
        (source / "index.md").write_text("# Near-empty page\n\nOne paragraph.\n", encoding="utf-8")
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "sphinx-build"), "-q", "-b", "html", str(source), str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with serve(out, compress=True) as site, sync_playwright() as pw:
            browser = launch_chromium(pw)
            weight = page_weight(browser, site, "index.html", out / "index.html")
            browser.close()
    return weight


def lighthouse_scores() -> dict:
    """Lighthouse scores (0-100) and key timings per page: mobile preset, pages gzip-compressed from 127.0.0.1."""
    results = {}
    with serve(HTML, compress=True) as site, tempfile.TemporaryDirectory() as folder:
        for path in LIGHTHOUSE_PAGES:
            report = Path(folder) / "report.json"
            subprocess.run(
                [
                    str(LIGHTHOUSE),
                    site + path,
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                ],
                check=True,
                env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
                timeout=600,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            found = json.loads(report.read_text(encoding="utf-8"))
            results[path] = {
                **{c: round(found["categories"][c]["score"] * 100) for c in LIGHTHOUSE_CATEGORIES},
                **{
                    a: found["audits"][a]["numericValue"]
                    for a in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
                },
            }
    return results


PROFILE_PHASES = {  # label -> (file the function is in, function): where a rebuild's CPU goes
    "start Sphinx: imports and extension set-up": ("sphinx/application.py", "__init__"),
    "read the changed pages": ("sphinx/builders/__init__.py", "read"),
    "- of which running notebooks (waiting for the kernel)": ("myst_nb/core/execute/cache.py", "start_client"),
    "- of which formatting references": ("sphinxcontrib/bibtex/__init__.py", "env_updated"),
    "write the pages": ("sphinx/builders/__init__.py", "write"),
    "- of which resolving citations": ("sphinxcontrib/bibtex/domain.py", "resolve_xref"),
    "HTML templates (the pages, the index, the search page)": ("sphinx/builders/html/__init__.py", "handle_page"),
    "finish: search index, inventories, build-finished steps": ("sphinx/builders/html/__init__.py", "finish"),
}
PROFILE_TOP = 8  # course extension functions listed per profiled rebuild


def cpu_profile(name: str) -> dict:
    """One `jupyter-book build` under cProfile timed by CPU (process time), not wall time, so the
    figures hold on a busy machine: the total, the CPU seconds of each phase (`PROFILE_PHASES`)
    and the course's own extensions' costliest functions. A notebook's kernel is another process:
    its run shows here only as the builder's CPU while it waits."""
    import pstats

    out = OUT / f"profile-{name}.prof"
    OUT.mkdir(parents=True, exist_ok=True)
    code = (
        "import cProfile, sys, time\nfrom jupyter_book.cli.main import main\n"
        f"sys.argv = ['jupyter-book', *{JB[1:]!r}]\n"
        "profile = cProfile.Profile(time.process_time)\n"
        "try:\n    profile.runcall(main)\nexcept SystemExit:\n    pass\n"
        f"profile.dump_stats({str(out)!r})\n"
    )
    subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    stats = pstats.Stats(str(out))
    cumulative = {(file, function): cum for (file, _, function), (_, _, _, cum, _) in stats.stats.items()}

    def seconds(file: str, function: str) -> float:
        return round(sum(cum for (f, fn), cum in cumulative.items() if f.endswith(file) and fn == function), 2)

    course = sorted(
        (
            (f"{Path(f).name}:{fn}", round(cum, 2))
            for (f, fn), cum in cumulative.items()
            if "/book/_ext/" in f and not fn.startswith("<")
        ),
        key=lambda item: -item[1],
    )
    return {
        "total_cpu_s": round(stats.total_tt, 2),
        "phases_cpu_s": {label: seconds(*where) for label, where in PROFILE_PHASES.items()},
        "course_extensions_cpu_s": dict(course[:PROFILE_TOP]),
    }


def rebuild_profiles() -> dict:
    """CPU profiles of a no-change rebuild, a prose edit and a notebook code edit (one run each)."""
    profiles = {}
    timed(JB)
    profiles["nochange"] = cpu_profile("nochange")
    with edited(ROOT / "book" / "intro.md", lambda raw: raw + b"\n<!-- bench profile -->\n"):
        profiles["prose_edit"] = cpu_profile("prose_edit")
    timed(JB)
    with edited(toc_notebooks()[0], append_comment_to_first_code_cell):
        profiles["notebook_edit"] = cpu_profile("notebook_edit")
    timed(JB)
    return profiles


def student_chapters() -> list[Path]:
    """The student edition's chapters (what students open in JupyterLab, Binder and Colab)."""
    return [ROOT / "student" / path.name for path in toc_notebooks() if (ROOT / "student" / path.name).is_file()]


def map_iframe_weights() -> dict:
    """Each chapter of the student edition run in a live kernel (as a student's JupyterLab runs it):
    the bytes, raw and gzip-compressed, of every map's iframe document (its srcdoc, with Leaflet,
    the course's map code and the country outlines inline, as a kernel shows it)."""
    import html as html_lib
    import re

    import nbformat
    from nbclient import NotebookClient

    srcdoc = re.compile(r'<iframe srcdoc="([^"]*)"')
    weights = {}
    for path in student_chapters():
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
        maps = []
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                for found in srcdoc.findall(str(output.get("data", {}).get("text/html", ""))):
                    document = html_lib.unescape(found).encode()
                    maps.append({"raw_bytes": len(document), "gzip_bytes": len(gzip.compress(document, 6))})
        weights[path.name] = maps
    return weights


def jupyterlab_chapter_times() -> dict:
    """For each chapter of the student edition: a fresh JupyterLab (its own server, settings and
    kernel; tests/browser/test_jupyterlab.py's harness) started, then the chapter opened in
    Chromium, Run All, until the last cell has run, every map has drawn and the quiz shows.
    Wall-clock seconds: they need a quiet machine."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from tests.browser import test_jupyterlab as lab_harness

    times = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for path in student_chapters():
            start = time.perf_counter()
            with lab_harness.running_lab(Path(folder) / path.stem) as lab:
                started = time.perf_counter()
                context, page, _, _ = lab_harness.student_page(browser, lab, 1280, 900)
                panel, cells = lab_harness.open_and_run_all(page, lab, path.name)
                holders = panel.locator(f"div.{lab_harness.MARKER_CLASS}")
                for n in range(holders.count()):
                    holders.nth(n).frame_locator("iframe").first.locator(MAP_READY).wait_for(timeout=60000)
                panel.locator(".jp-OutputArea-output .widget-vbox", has_text="Check").first.wait_for(timeout=60000)
                ready, maps = time.perf_counter(), holders.count()
                context.close()
                lab_harness.close_sessions(lab)
            times[path.name] = {
                "server_start_s": started - start,
                "open_run_all_ready_s": ready - started,
                "maps": maps,
            }
        browser.close()
    return times


def lite_figures() -> dict:
    """The JupyterLite site (`make lite`): its size on disk (it holds no compiled package: those
    come from the configured location), and for each chapter the time from opening it (an empty
    cache, every other host blocked) to an idle Pyodide kernel. Wall clock: a quiet machine only."""
    from playwright.sync_api import sync_playwright

    site = HTML / "lite"
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    kernel = {}
    with serve(HTML, compress=True) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for path in student_chapters():
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            keep_local(context, url)
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url + LITE_CHAPTER.format(path.stem))
            wait_for_pyodide_kernel(page)
            kernel[path.name] = time.perf_counter() - start
            context.close()
        browser.close()
    return {"site_bytes": size, "kernel_ready_s": kernel}


def lite_markdown(lite: dict) -> str:
    size = lite["site_bytes"]
    lines = [
        "",
        f"The JupyterLite site: {size / 1e6:.1f} MB without the compiled packages"
        f"{over(size, BUDGETS['lite_site_bytes'])} (goal {BUDGETS['lite_site_bytes'] / 1e6:.0f} MB). "
        "From opening a chapter to a running Pyodide kernel (empty cache, wall clock):",
        "",
        "| chapter | kernel ready |",
        "| --- | --- |",
        *(f"| {name} | {s:.1f} s |" for name, s in lite["kernel_ready_s"].items()),
    ]
    return "\n".join(lines) + "\n"


def over(value: float, budget: float) -> str:
    return " **over budget**" if value > budget else ""


def markdown(report: dict) -> str:
    b, builds, m = BUDGETS, report["builds"], report["machine"]
    lines = [
        f"Measured {m['date']} on {m['cpus']} CPUs ({m['system']}, Python {m['python']}, "
        f"load average {m['load_average_1min']} at the start); "
        f"medians of {report['runs']} runs (cold builds: {min(report['runs'], 2)}).",
        "",
        "| measure | median | budget |",
        "| --- | --- | --- |",
        *(
            f"| {label} | {builds[key]:.1f} s{over(builds[key], b[key])} | {b[key]} s |"
            for label, key in (
                ("cold build (all notebooks run)", "cold_build_s"),
                ("no-change rebuild", "nochange_rebuild_s"),
                ("rebuild after a prose edit", "prose_edit_rebuild_s"),
                (f"rebuild after a notebook code edit ({builds['notebook_edited']})", "notebook_edit_rebuild_s"),
            )
        ),
    ]
    for name, seconds in report["notebooks"].items():
        budget = b["notebook_run_s"]
        lines.append(f"| run {name} in a fresh kernel | {seconds:.1f} s{over(seconds, budget)} | {budget} s |")
    base, book = report["baseline"], report["pages"].get(BASELINE_PAGE)
    lines += [
        "",
        f"Pages loaded in Chromium (390x844) from a local server that gzip-compresses text, empty cache, "
        f"every map scrolled to and drawn; bytes the browser received. Budget "
        f"{b['page_gzip_bytes'] / 1000:.0f} KB per page, {b['map_page_gzip_bytes'] / 1000:.0f} KB with maps, "
        f"{b['map_gzip_bytes'] / 1000:.0f} KB gzip per map document, map ready {b['map_ready_s']} s "
        f"(median of {MAP_LOADS} loads).",
        "",
        f"Untouched theme, near-empty page: {base['gzip_bytes'] / 1000:.0f} KB in {base['requests']} requests"
        + (
            f"; the book's {BASELINE_PAGE}: {book['gzip_bytes'] / 1000:.0f} KB "
            f"({book['gzip_bytes'] / base['gzip_bytes']:.2f} of it)."
            if book
            else "."
        ),
        "",
        "| page | KB received | requests | maps | largest map gzip KB | map ready |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for path, w in report["pages"].items():
        ready = report["map_ready_s"].get(path)
        ready_text = f"{ready:.2f} s{over(ready, b['map_ready_s'])}" if ready is not None else "—"
        budget = b["map_page_gzip_bytes"] if w["maps"] else b["page_gzip_bytes"]
        flag = over(w["gzip_bytes"], budget) + (" **widget runtime**" if w["loads_widget_runtime"] else "")
        lines.append(
            f"| {path} | {w['gzip_bytes'] / 1000:.0f}{flag} | {w['requests']} | {w['maps']} | "
            f"{w['largest_map_gzip'] / 1000:.0f}{over(w['largest_map_gzip'], b['map_gzip_bytes'])} | {ready_text} |"
        )
    lines += [
        "",
        f"Lighthouse 12.2.3, mobile preset (simulated slow 4G), Debian's Chromium; goal {LIGHTHOUSE_GOAL} "
        "in every category. Performance depends on the machine's load: re-measure on a quiet machine.",
        "",
        "| page | performance | accessibility | best practices | SEO | first paint | largest paint | blocking |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for path, s in report["lighthouse"].items():
        scores = " | ".join(
            f"{s[c]}{' **below goal**' if s[c] < LIGHTHOUSE_GOAL else ''}" for c in LIGHTHOUSE_CATEGORIES
        )
        lines.append(
            f"| {path} | {scores} | {s['first-contentful-paint'] / 1000:.1f} s | "
            f"{s['largest-contentful-paint'] / 1000:.1f} s | {s['total-blocking-time']:.0f} ms |"
        )
    return "\n".join(lines) + "\n"


def profiles_markdown(profiles: dict) -> str:
    """Where each profiled rebuild's CPU goes, phase by phase, and the course's extensions."""
    names = list(profiles)
    lines = [
        "",
        "CPU seconds of one rebuild of each kind, under cProfile timed by process time (so they hold "
        "on a busy machine; the profiler about doubles them: compare them with each other; the "
        "kernel's own CPU is not included):",
        "",
        "| where | " + " | ".join(name.replace("_", " ") for name in names) + " |",
        "| --- |" + " --- |" * len(names),
        "| **total** | " + " | ".join(f"{profiles[n]['total_cpu_s']:.2f}" for n in names) + " |",
    ]
    for label in PROFILE_PHASES:
        figures = " | ".join(f"{profiles[n]['phases_cpu_s'][label]:.2f}" for n in names)
        lines.append(f"| {label} | {figures} |")
    functions = sorted({f for n in names for f in profiles[n]["course_extensions_cpu_s"]})
    for function in functions:
        figures = " | ".join(f"{profiles[n]['course_extensions_cpu_s'].get(function, 0):.2f}" for n in names)
        lines.append(f"| course extension `{function}` | {figures} |")
    return "\n".join(lines) + "\n"


def student_markdown(lab_times: dict, map_weights: dict) -> str:
    """The student edition in JupyterLab (issue 15): time to open and run each chapter, map weight."""
    lines = [
        "",
        "The student edition in a fresh JupyterLab (Chromium, offline, one server per chapter; "
        "wall clock, so only figures from a quiet machine count; no budget set):",
        "",
        "| chapter | server start | open, Run All, maps and quiz ready | maps "
        "| map iframes (live kernel), KB raw / gzip |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, t in lab_times.items():
        maps = map_weights.get(name, [])
        weights = ", ".join(f"{m['raw_bytes'] / 1000:.0f} / {m['gzip_bytes'] / 1000:.0f}" for m in maps) or "—"
        lines.append(
            f"| {name} | {t['server_start_s']:.1f} s | {t['open_run_all_ready_s']:.1f} s | {t['maps']} | {weights} |"
        )
    return "\n".join(lines) + "\n"


def machine() -> dict:
    """The machine, and its load when the run started (other work on it inflates every figure)."""
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(terse=True),
        "load_average_1min": round(os.getloadavg()[0], 1),
    }


def main() -> int:
    report = {
        "machine": machine(),
        "runs": RUNS,
        "budgets": BUDGETS,
        "builds": build_times(),
        "notebooks": notebook_times(),
    }
    report["pages"], report["map_ready_s"] = page_figures()
    report["baseline"] = baseline_weight()
    report["lighthouse"] = lighthouse_scores()

    report["profiles"] = rebuild_profiles()
    report["student_map_iframes"] = map_iframe_weights()
    report["student_jupyterlab_s"] = jupyterlab_chapter_times()
    report["lite"] = lite_figures()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(report, indent=2))
    table = (
        markdown(report)
        + profiles_markdown(report["profiles"])
        + student_markdown(report["student_jupyterlab_s"], report["student_map_iframes"])
        + lite_markdown(report["lite"])
    )
    (OUT / "report.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
