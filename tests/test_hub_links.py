"""nbgitpuller links (shared_future.hub_links): the format nbgitpuller documents, and the docs
show what the function builds."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from shared_future import hub_links
from shared_future.hub_links import clone_folder, course_repository, nbgitpuller_link

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/shared-future-course/community-of-shared-future"
EXPECTED = (
    "https://hub.example.edu/hub/user-redirect/git-pull"
    "?repo=https%3A%2F%2Fgithub.com%2Fshared-future-course%2Fcommunity-of-shared-future"
    "&urlpath=lab%2Ftree%2Fcommunity-of-shared-future%2Fstudent%2F01_what_is_it.ipynb"
    "&branch=main"
)


def test_link_in_nbgitpullers_format():
    assert nbgitpuller_link("https://hub.example.edu", REPO) == EXPECTED
    assert nbgitpuller_link("https://hub.example.edu/", REPO) == EXPECTED


def test_parameters_are_url_encoded_and_complete():
    link = nbgitpuller_link(
        "https://hub.example.edu/jupyter",
        REPO,
        "spring/2026+term",
        "lab/tree/community-of-shared-future/student/02_origins.ipynb",
    )
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "hub.example.edu",
        "/jupyter/hub/user-redirect/git-pull",
    )
    assert re.fullmatch(r"[A-Za-z0-9%_.\-+=&]+", parts.query), "every reserved character is percent-encoded"
    assert parse_qs(parts.query, strict_parsing=True) == {
        "repo": [REPO],
        "branch": ["spring/2026+term"],
        "urlpath": ["lab/tree/community-of-shared-future/student/02_origins.ipynb"],
    }


def test_urlpath_starts_with_the_folder_nbgitpuller_clones_into():
    # nbgitpuller's handler clones into repo.split('/')[-1]
    assert clone_folder(REPO) == "community-of-shared-future"
    assert clone_folder("https://example.org/course.git") == "course.git"
    urlpath = parse_qs(urlsplit(nbgitpuller_link("https://h.example", "https://example.org/course.git")).query)[
        "urlpath"
    ]
    assert urlpath == ["lab/tree/course.git/student/01_what_is_it.ipynb"]


@pytest.mark.parametrize(
    "hub, repo, branch, field",
    [
        ("hub.example.edu", REPO, "main", "hub_url"),
        ("ftp://hub.example.edu", REPO, "main", "hub_url"),
        ("https://hub.example.edu?x=1", REPO, "main", "hub_url"),
        ("https://hub.example.edu", REPO + "/", "main", "repo"),
        ("https://hub.example.edu", "", "main", "repo"),
        ("https://hub.example.edu", REPO, "", "branch"),
    ],
)
def test_bad_input_names_the_field(hub, repo, branch, field):
    with pytest.raises(ValueError, match=field):
        nbgitpuller_link(hub, repo, branch)


def test_course_repository_comes_from_the_book_config():
    assert course_repository() == REPO


def test_command_line_prints_the_link(capsys):
    assert hub_links.main(["https://hub.example.edu"]) == 0
    assert capsys.readouterr().out.strip() == EXPECTED
    assert hub_links.main(["https://hub.example.edu", "--open", "student/02_origins.ipynb"]) == 0
    assert capsys.readouterr().out.strip() == EXPECTED.replace("01_what_is_it", "02_origins")
    assert hub_links.main(["not a url"]) == 2
    assert "hub_url" in capsys.readouterr().err


@pytest.mark.parametrize("doc", ["README.md", "book/teachers/jupyterhub.md"])
def test_docs_show_the_link_the_function_builds(doc):
    assert EXPECTED in (ROOT / doc).read_text(encoding="utf-8")
