"""What the browser tests, the benchmark and the handouts share: a local static server on
127.0.0.1, Debian's Chromium launched the same way, and a route that keeps pages off the network."""
from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]
LOCAL_SCHEMES = ("data:", "blob:", "about:")
MAP_READY = ".leaflet-container[data-sf-ready]"  # a course map once it has drawn (sf-maps.js marks it)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test and benchmark output readable
        pass


@contextmanager
def serve(directory: Path):
    """Serve a folder on a free port of 127.0.0.1; yields the site's root URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
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
