"""Measure the course: build times, notebook run times, page weights, map readiness.

Run with `make bench` (`python -m scripts.bench` from the repository root; not part of `make test`). Writes `_build/bench/report.json` and
`_build/bench/report.md`; every figure over its budget is flagged. Medians of several runs
(`BENCH_RUNS`, default 3; cold builds use at most 2 because each one runs every notebook).
"""
from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from tools.browser import MAP_READY, keep_local, launch_chromium, serve

ROOT = Path(__file__).resolve().parents[1]

BUILD = ROOT / "_build"
HTML = BUILD / "html"
OUT = BUILD / "bench"
JB = [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(ROOT), "-W", "-n", "--keep-going", "-q"]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
BASELINE_PAGE = "genindex.html"  # a near-empty page of the theme
COMPRESSIBLE = ("text/", "javascript", "json", "svg", "xml")
WIDGET_RUNTIME = ("require.js", "embed-amd", "html-manager")
MAP_LOADS = 5  # page loads per map page for the readiness median

BUDGETS = {  # from the issue that set them; seconds or bytes
    "cold_build_s": 45, "nochange_rebuild_s": 3, "prose_edit_rebuild_s": 5, "notebook_edit_rebuild_s": 7,
    "notebook_run_s": 10, "page_gzip_bytes": 1_000_000, "map_ready_s": 1.5,
    "map_gzip_bytes": 60_000,  # what one map adds to its page beyond the shared _vendor/ files
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
        with edited(ROOT / "book" / "intro.md", lambda raw: raw + f"\n<!-- bench {run} -->\n".encode()):
            prose.append(timed(JB))
        with edited(notebook_path, append_comment_to_first_code_cell):
            notebook.append(timed(JB))
    timed(JB)  # leave a build of the unedited sources
    return {
        "cold_build_s": statistics.median(colds), "nochange_rebuild_s": statistics.median(nochange),
        "prose_edit_rebuild_s": statistics.median(prose),
        "notebook_edit_rebuild_s": statistics.median(notebook), "notebook_edited": notebook_path.name,
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


def gzip_size(body: bytes, content_type: str) -> int:
    return len(gzip.compress(body, 6)) if any(t in content_type for t in COMPRESSIBLE) else len(body)


def page_weight(context, url: str) -> dict:
    """Bytes a browser transfers for one page from the local server, raw and gzip-compressed."""
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(url, wait_until="networkidle")
    raw = compressed = requests = 0
    by_kind: dict[str, int] = {}  # gzip bytes per resource type: document, script, stylesheet, font...
    widget_runtime = False
    local = urlsplit(url).netloc
    for response in responses:
        if urlsplit(response.url).netloc != local or response.status >= 300:
            continue
        body = response.body()
        size = gzip_size(body, response.headers.get("content-type", ""))
        requests += 1
        raw += len(body)
        compressed += size
        kind = response.request.resource_type
        by_kind[kind] = by_kind.get(kind, 0) + size
        widget_runtime |= any(name in response.url for name in WIDGET_RUNTIME)
    maps = page.eval_on_selector_all(
        "iframe[srcdoc]", "frames => frames.map(f => f.getAttribute('srcdoc'))")
    largest = max(maps, key=len, default="")
    page.close()
    return {"raw_bytes": raw, "gzip_bytes": compressed, "requests": requests, "gzip_by_kind": by_kind,
            "maps": len(maps),
            "largest_map_raw": len(largest.encode()), "largest_map_gzip": len(gzip.compress(largest.encode(), 6)),
            "loads_widget_runtime": widget_runtime}


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
        page.goto(site + path, wait_until="commit")
        frame = page.frame_locator("iframe[srcdoc]").first
        frame.locator(MAP_READY).wait_for(state="attached", timeout=15000)
        samples.append(time.perf_counter() - start)
        context.close()
    return statistics.median(samples)


def page_figures() -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                   if not p.relative_to(HTML).parts[0].startswith(("_", ".")) and p.name != "index.html")
    weights, ready = {}, {}
    with serve(HTML) as site, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for path in pages:
            context = local_context(browser, site)  # an empty cache for every page
            weights[path] = page_weight(context, site + path)
            context.close()
            if weights[path]["maps"]:
                ready[path] = map_ready_seconds(browser, site, path)
        browser.close()
    return weights, ready


def over(value: float, budget: float) -> str:
    return " **over budget**" if value > budget else ""


def markdown(report: dict) -> str:
    b, builds, m = BUDGETS, report["builds"], report["machine"]
    lines = [
        f"Measured {m['date']} on {m['cpus']} CPUs ({m['system']}, Python {m['python']}, "
        f"load average {m['load_average_1min']} at the start); "
        f"medians of {report['runs']} runs (cold builds: {min(report['runs'], 2)}).", "",
        "| measure | median | budget |", "| --- | --- | --- |",
        f"| cold build (all notebooks run) | {builds['cold_build_s']:.1f} s{over(builds['cold_build_s'], b['cold_build_s'])} | {b['cold_build_s']} s |",
        f"| no-change rebuild | {builds['nochange_rebuild_s']:.1f} s{over(builds['nochange_rebuild_s'], b['nochange_rebuild_s'])} | {b['nochange_rebuild_s']} s |",
        f"| rebuild after a prose edit | {builds['prose_edit_rebuild_s']:.1f} s{over(builds['prose_edit_rebuild_s'], b['prose_edit_rebuild_s'])} | {b['prose_edit_rebuild_s']} s |",
        f"| rebuild after a notebook code edit ({builds['notebook_edited']}) | {builds['notebook_edit_rebuild_s']:.1f} s{over(builds['notebook_edit_rebuild_s'], b['notebook_edit_rebuild_s'])} | {b['notebook_edit_rebuild_s']} s |",
    ]
    for name, seconds in report["notebooks"].items():
        lines.append(f"| run {name} in a fresh kernel | {seconds:.1f} s{over(seconds, b['notebook_run_s'])} | {b['notebook_run_s']} s |")
    lines += ["", f"Pages loaded in Chromium from a local server, empty cache; gzip as a static host serves text; "
              f"budget {b['page_gzip_bytes'] / 1000:.0f} KB gzip per page, {b['map_gzip_bytes'] / 1000:.0f} KB "
              f"gzip per map beyond the shared files, map ready {b['map_ready_s']} s (median of {MAP_LOADS} loads).", "",
              "| page | gzip KB | raw KB | requests | maps | largest map gzip KB | map ready |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for path, w in report["pages"].items():
        ready = report["map_ready_s"].get(path)
        ready_text = f"{ready:.2f} s{over(ready, b['map_ready_s'])}" if ready is not None else "—"
        flag = over(w["gzip_bytes"], b["page_gzip_bytes"]) + (" **widget runtime**" if w["loads_widget_runtime"] else "")
        lines.append(f"| {path}{' (baseline)' if path == BASELINE_PAGE else ''} | {w['gzip_bytes'] / 1000:.0f}{flag} | "
                     f"{w['raw_bytes'] / 1000:.0f} | {w['requests']} | {w['maps']} | "
                     f"{w['largest_map_gzip'] / 1000:.0f}{over(w['largest_map_gzip'], b['map_gzip_bytes'])} | {ready_text} |")
    return "\n".join(lines) + "\n"


def machine() -> dict:
    """The machine, and its load when the run started (other work on it inflates every figure)."""
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d"), "cpus": os.cpu_count(),
            "python": platform.python_version(), "system": platform.platform(terse=True),
            "load_average_1min": round(os.getloadavg()[0], 1)}


def main() -> int:
    report = {"machine": machine(), "runs": RUNS, "budgets": BUDGETS,
              "builds": build_times(), "notebooks": notebook_times()}
    report["pages"], report["map_ready_s"] = page_figures()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(report, indent=2))
    table = markdown(report)
    (OUT / "report.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
