"""Every chapter page offers Binder, Colab and JupyterHub launch links in the formats those
services document, for the public repository in _config.yml, and a working ".ipynb" download.

Binder: <binderhub>/v2/gh/<org>/<repo>/<branch>?urlpath=lab/tree/<notebook>
Colab: <colab>/github/<org>/<repo>/blob/<branch>/<notebook>
where <notebook> is the chapter's student edition, student/<chapter>.ipynb (the download stays
the source in notebooks/).
JupyterHub: an nbgitpuller link with the same repo, branch and urlpath as
shared_future.hub_links.nbgitpuller_link builds (the format the teachers' guide documents).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from conftest import BUILD_HTML, built_pages
from playwright.sync_api import expect

from shared_future.hub_links import clone_folder, nbgitpuller_link

ROOT = BUILD_HTML.parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO, LAUNCH = CONFIG["repository"], CONFIG["launch_buttons"]
ORG_REPO = urlsplit(REPO["url"]).path.strip("/")
BRANCH = REPO.get("branch", "main")
CHAPTERS = [page for page in built_pages() if page.startswith("notebooks/")]


def test_every_chapter_notebook_is_built():
    sources = sorted(f"notebooks/{p.stem}.html" for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert set(CHAPTERS) <= set(sources) and CHAPTERS, f"built chapters {CHAPTERS}, notebooks {sources}"


def test_repository_is_public_github_and_interface_is_jupyterlab():
    assert REPO["url"].startswith("https://github.com/") and ORG_REPO.count("/") == 1
    assert LAUNCH["notebook_interface"] == "jupyterlab"
    assert {"binderhub_url", "colab_url", "jupyterhub_url"} <= set(LAUNCH)


@pytest.mark.parametrize("path", CHAPTERS)
def test_launch_links_and_download(visit, path):
    page, record, _ = visit(path)
    assert record.console_errors == [] and record.blocked_external == []
    notebook = f"student/{Path(path).stem}.ipynb"
    assert (ROOT / notebook).is_file()

    page.locator(".dropdown-launch-buttons > button").click()
    links = {
        name: page.locator(".dropdown-launch-buttons a", has_text=name)  # Bootstrap moves `title` away
        for name in ("Binder", "Colab", "JupyterHub")
    }
    for link in links.values():
        expect(link).to_be_visible()
    href = {name: link.get_attribute("href") for name, link in links.items()}

    assert href["Binder"] == f"{LAUNCH['binderhub_url']}/v2/gh/{ORG_REPO}/{BRANCH}?urlpath=lab/tree/{notebook}"
    assert href["Colab"] == f"{LAUNCH['colab_url']}/github/{ORG_REPO}/blob/{BRANCH}/{notebook}"

    hub, expected = (
        urlsplit(href["JupyterHub"]),
        urlsplit(
            nbgitpuller_link(
                LAUNCH["jupyterhub_url"], REPO["url"], BRANCH, f"lab/tree/{clone_folder(REPO['url'])}/{notebook}"
            )
        ),
    )
    assert (hub.scheme, hub.netloc, hub.path) == (expected.scheme, expected.netloc, expected.path)
    assert parse_qs(hub.query, strict_parsing=True) == parse_qs(expected.query, strict_parsing=True)

    page.keyboard.press("Escape")
    page.locator(".dropdown-download-buttons > button").click()
    download = page.locator(".dropdown-download-buttons a.btn-download-source-button", has_text=".ipynb")
    expect(download).to_be_visible()
    url = urljoin(page.url, download.get_attribute("href"))
    response = page.request.get(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"
    served = json.loads(response.body())
    source = json.loads((ROOT / "notebooks" / f"{Path(path).stem}.ipynb").read_text(encoding="utf-8"))
    assert served["nbformat"] == 4
    assert [c["source"] for c in served["cells"]] == [c["source"] for c in source["cells"]]
