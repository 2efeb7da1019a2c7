"""nbgitpuller links: one click puts the course (notebooks and data) in a student's JupyterHub home.

Format, as nbgitpuller's link generator builds it (jupyterhub/nbgitpuller, docs/_static/link_gen/
link.js; options in https://nbgitpuller.readthedocs.io/en/latest/topic/url-options.html)::

    <hub>/hub/user-redirect/git-pull?repo=<repo>&urlpath=<path>&branch=<branch>

each value form-encoded (`/` as %2F, `:` as %3A). nbgitpuller clones into the folder named by
the last part of the repository URL (`repo.split('/')[-1]` in its handler), so `urlpath` must
start with that folder: `lab/tree/<folder>/student/01_what_is_it.ipynb` opens the first
chapter in JupyterLab. `branch` is always given: nbgitpuller's documented default is `master`.

Command line (prints the link)::

    python -m shared_future.hub_links https://hub.school.example [--open student/02_origins.ipynb]
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import urlencode, urlsplit

from .escaping import safe_url
from .paths import book_config

__all__ = ["FIRST_CHAPTER", "clone_folder", "course_repository", "main", "nbgitpuller_link"]

FIRST_CHAPTER = "student/01_what_is_it.ipynb"  # the student edition (shared_future/student_edition.py)


def course_repository() -> str:
    """The course's public repository, from the book's _config.yml (`repository.url`)."""
    return book_config()["repository"]["url"]


def clone_folder(repo: str) -> str:
    """The folder nbgitpuller clones `repo` into, inside the student's home."""
    return repo.split("/")[-1]


def nbgitpuller_link(hub_url: str, repo: str, branch: str = "main", urlpath: str | None = None) -> str:
    """The link that clones or updates `repo` in the user's home on `hub_url`, then opens `urlpath`.

    `urlpath` defaults to the first chapter in JupyterLab. Raises ValueError on a hub URL that
    is not http(s) with a host, or has spaces, line breaks, a query or `user:password@`; on a
    repository URL of the same kind or ending in '/'; or on an empty branch or one with spaces.
    """
    hub = urlsplit(hub_url) if safe_url(hub_url) == hub_url else None
    if hub is None or hub.query or hub.fragment:
        raise ValueError(
            f"hub_url {hub_url!r}: expected the hub's address, e.g. https://hub.school.example "
            "(http or https, no spaces, line breaks, user name or password)"
        )
    if safe_url(repo) != repo or repo.endswith("/"):
        raise ValueError(f"repo {repo!r}: expected an http(s) git URL without spaces, credentials or a trailing '/'")
    if not branch or any(c.isspace() for c in branch):
        raise ValueError(f"branch {branch!r}: must not be empty or contain spaces")
    if urlpath is None:
        urlpath = f"lab/tree/{clone_folder(repo)}/{FIRST_CHAPTER}"
    base = hub_url if hub_url.endswith("/") else hub_url + "/"
    return f"{base}hub/user-redirect/git-pull?" + urlencode({"repo": repo, "urlpath": urlpath, "branch": branch})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m shared_future.hub_links",
        description="Print the nbgitpuller link that brings the course into each student's home on a JupyterHub.",
    )
    parser.add_argument("hub_url", help="the hub's address, e.g. https://hub.school.example")
    parser.add_argument("--repo", help="git URL of the course (default: repository.url in _config.yml)")
    parser.add_argument("--branch", default="main")
    parser.add_argument(
        "--open",
        default=FIRST_CHAPTER,
        metavar="PATH",
        help=f"file to open in JupyterLab, relative to the repository (default: {FIRST_CHAPTER})",
    )
    args = parser.parse_args(argv)
    try:
        repo = args.repo or course_repository()
    except (OSError, KeyError, TypeError) as err:
        print(f"no course repository in _config.yml ({err!r}): pass --repo", file=sys.stderr)
        return 2
    try:
        print(nbgitpuller_link(args.hub_url, repo, args.branch, f"lab/tree/{clone_folder(repo)}/{args.open}"))
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
