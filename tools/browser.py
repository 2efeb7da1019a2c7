"""What the browser tests, the benchmark and the handouts share: a local static server on
127.0.0.1 (plain, or gzip-compressing as a static host serves text), Debian's Chromium launched
the same way, a route that keeps pages off the network, and the bytes a page transferred."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from shared_future.map_assets import MARKER_CLASS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
LOCAL_SCHEMES = ("data:", "blob:", "about:")
MAP_READY = ".leaflet-container[data-sf-ready]"  # a course map once it has drawn (sf-maps.js marks it)
COMPRESSIBLE = ("text/", "javascript", "json", "svg", "xml")  # what static hosts send gzip-compressed
MAP_FRAMES = f"div.{MARKER_CLASS} iframe"  # every course map in the book
EAGER_MAPS = "?maps=eager"  # every map of the page draws at load (book/_ext/course_lazy_maps.js)
LITE_CHAPTER = "lite/notebooks/index.html?path={}.ipynb"  # a chapter in the book's JupyterLite (scripts/lite.py)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test and benchmark output readable
        pass


class _GzipHandler(_QuietHandler):
    """Text files gzip-compressed (level 6) with a cache lifetime, as GitHub Pages serves them."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        kind = self.guess_type(str(path))
        if (
            not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not any(t in kind for t in COMPRESSIBLE)
        ):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser had what it needed (Lighthouse closes pages mid-transfer)


@contextmanager
def serve(directory: Path, compress: bool = False):
    """Serve a folder on a free port of 127.0.0.1 (text gzip-compressed when `compress`); yields the root URL."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch_chromium(playwright):
    """Debian's Chromium, headless, quiet on a closed network."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (make test does this as root).")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def keep_local(context, site_url: str, blocked: list[str] | None = None) -> None:
    """Abort every request of the context to another host than the site's (recorded in `blocked`)."""
    host = urlsplit(site_url).netloc

    def route(r):
        if urlsplit(r.request.url).netloc == host or r.request.url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            if blocked is not None:
                blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)


class Transfers:
    """Bytes the page's network layer received, request by request (Chrome DevTools Protocol:
    `encodedDataLength`, headers included, as compressed on the wire; 0 for a cache hit)."""

    def __init__(self, context, page):
        self.by_url: dict[str, int] = {}
        self._urls: dict[str, str] = {}
        session = context.new_cdp_session(page)
        session.on("Network.responseReceived", lambda e: self._urls.__setitem__(e["requestId"], e["response"]["url"]))
        session.on("Network.loadingFinished", self._finished)
        session.send("Network.enable")

    def _finished(self, event) -> None:
        url = self._urls.get(event["requestId"])
        if url and url.startswith("http"):  # not a map's srcdoc document, which came inside the page
            self.by_url[url] = self.by_url.get(url, 0) + int(event["encodedDataLength"])

    @property
    def total(self) -> int:
        return sum(self.by_url.values())


def scroll_to_every_map(page, timeout_ms: int = 20_000) -> int:
    """Scroll each map into view, as a reader does, and wait until it has drawn; returns how many."""
    frames = page.locator(MAP_FRAMES)
    for i in range(frames.count()):
        frames.nth(i).scroll_into_view_if_needed()
        page.frame_locator(MAP_FRAMES).nth(i).locator(MAP_READY).wait_for(timeout=timeout_ms)
    return frames.count()


def page_transfer(browser, site: str, path: str) -> tuple[Transfers, int, list[str]]:
    """One page loaded on a phone-sized screen with an empty cache, every map scrolled to and drawn:
    (what it transferred, how many maps, requests to other hosts blocked)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    blocked: list[str] = []
    keep_local(context, site, blocked)
    page = context.new_page()
    transfers = Transfers(context, page)
    page.goto(site + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    maps = scroll_to_every_map(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the last loadingFinished events
    context.close()
    return transfers, maps, blocked


def wait_for_pyodide_kernel(page, timeout_ms: int = 180_000) -> None:
    """Until the JupyterLite notebook's Pyodide kernel has started and is idle (the toolbar's
    kernel name and execution indicator, in JupyterLite's Notebook and JupyterLab alike)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-KernelName')].some(e => e.textContent.trim() === 'Python (Pyodide)')"
        " && document.querySelector('.jp-Notebook-ExecutionIndicator[data-status=\"idle\"]') !== null",
        timeout=timeout_ms,
    )
