"""The published location follows from repository.url; the sitemap lists the pages given."""
from pathlib import Path

import pytest

from course_publish import pages_url, sitemap_xml


@pytest.mark.parametrize("repository, site", [
    ("https://github.com/shared-future-course/community-of-shared-future",
     "https://shared-future-course.github.io/community-of-shared-future/"),
    ("https://github.com/Owner/Course.git", "https://owner.github.io/Course/"),
    ("https://github.com/owner/course/", "https://owner.github.io/course/"),
])
def test_pages_url_of_a_github_repository(repository, site):
    assert pages_url(repository) == site


@pytest.mark.parametrize("repository", ["https://gitlab.com/a/b", "http://github.com/a/b", "https://github.com/a",
                                        "https://github.com/a/b/c"])
def test_other_locations_must_set_html_baseurl(repository):
    with pytest.raises(ValueError, match="html_baseurl"):
        pages_url(repository)


def test_sitemap_lists_every_page_once_escaped():
    text = sitemap_xml("https://o.github.io/c/", ["b.html", "a.html", "x&y.html"])
    assert text.count("<loc>") == 3 and "<loc>https://o.github.io/c/a.html</loc><url>" not in text
    assert "x&amp;y.html" in text and text.index("a.html") < text.index("b.html")
