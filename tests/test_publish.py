"""The published location follows from repository.url; the sitemap lists the pages given."""

from pathlib import Path

import pytest
from course_publish import pages_url, sitemap_xml


@pytest.mark.parametrize(
    "repository, site",
    [
        (
            "https://github.com/shared-future-course/community-of-shared-future",
            "https://shared-future-course.github.io/community-of-shared-future/",
        ),
        ("https://github.com/Owner/Course.git", "https://owner.github.io/Course/"),
        ("https://github.com/owner/course/", "https://owner.github.io/course/"),
    ],
)
def test_pages_url_of_a_github_repository(repository, site):
    assert pages_url(repository) == site


@pytest.mark.parametrize(
    "repository",
    ["https://gitlab.com/a/b", "http://github.com/a/b", "https://github.com/a", "https://github.com/a/b/c"],
)
def test_other_locations_must_set_html_baseurl(repository):
    with pytest.raises(ValueError, match="html_baseurl"):
        pages_url(repository)


def test_sitemap_lists_every_page_once_escaped():
    text = sitemap_xml("https://o.github.io/c/", ["b.html", "a.html", "x&y.html"])
    assert text.count("<loc>") == 3 and "<loc>https://o.github.io/c/a.html</loc><url>" not in text
    assert "x&amp;y.html" in text and text.index("a.html") < text.index("b.html")


def test_open_graph_without_matplotlib_when_social_cards_are_off(tmp_path):
    """sphinxext-opengraph still writes its metadata, and the build never imports matplotlib."""
    import subprocess
    import sys

    ext = Path(__file__).resolve().parents[1] / "book" / "_ext"
    (tmp_path / "index.rst").write_text("Home\n====\n\nA page about the course.\n", encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ext)!r})\nextensions = ['course_publish']\n"
        "html_baseurl = 'https://o.github.io/c/'\nogp_social_cards = {'enable': False}\n",
        encoding="utf-8",
    )
    out = str(tmp_path / "_build")
    for how in ("conf.py", "an override, as Jupyter Book passes its settings"):
        overrides = {}
        if how != "conf.py":
            (tmp_path / "conf.py").write_text((tmp_path / "conf.py").read_text().replace("ogp_social_cards", "x"))
            overrides = {"ogp_social_cards": {"enable": False}}
        script = (
            "import sys\nfrom sphinx.application import Sphinx\n"
            f"app = Sphinx({str(tmp_path)!r}, {str(tmp_path)!r}, {out!r}, {out + '/.doctrees'!r}, 'html', "
            f"confoverrides={overrides!r}, status=None, warningiserror=True, freshenv=True)\n"
            "app.build()\nprint(app.statuscode, 'matplotlib' in sys.modules)\n"
        )
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        assert result.stdout.split() == ["0", "False"], f"cards off in {how}: " + result.stdout + result.stderr
    page = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:url" content="https://o.github.io/c/index.html" />' in page
    assert "og:image" not in page
