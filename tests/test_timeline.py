"""The interactive timeline: pre-filters, counts, escaping, source links, unique ids."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from shared_future.data import format_date, load
from shared_future.timeline import timeline

HOSTILE = "</script><script>alert('x')</script>\"><img src=x onerror=alert(1)> & 'quotes'"


class Page(HTMLParser):
    """Collects the rows, links, ids and scripts of one rendered timeline."""

    def __init__(self, html: str):
        super().__init__()
        self.rows, self.links, self.ids, self.scripts, self.labels = [], [], [], [], []
        self._row, self._script = None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "label":
            self.labels.append(attrs.get("for"))
        if tag == "tr" and "data-row" in attrs:
            self._row = {"links": []}
            self.rows.append(self._row)
        if tag == "a" and self._row is not None:
            self._row["links"].append(attrs["href"])
            self.links.append(attrs["href"])
        if tag == "script":
            self._script = {"type": attrs.get("type"), "text": ""}
            self.scripts.append(self._script)

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data


def rendered(t) -> Page:
    return Page(t._repr_html_())


def embedded_json(page: Page) -> dict:
    (data,) = [s for s in page.scripts if s["type"] == "application/json"]
    return json.loads(data["text"])


def hostile_events() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "date": pd.Timestamp("2015-09-28"),
                "date_precision": "day",
                "title": HOSTILE,
                "place": HOSTILE,
                "category": HOSTILE,
                "source_url": "https://example.org/?a=1&b='2'",
            },
            {
                "date": pd.Timestamp("2014-11-01"),
                "date_precision": "month",
                "title": "Safe",
                "place": "Beijing, China",
                "category": "congress",
                "source_url": "javascript:alert(1)",
            },
        ]
    )


def test_counts_match_the_data():
    events = load("timeline")
    page = rendered(timeline())
    assert len(timeline()) == len(page.rows) == len(events)
    assert len(embedded_json(page)["rows"]) == len(events)


def test_every_row_has_a_source_link():
    page = rendered(timeline())
    assert all(len(row["links"]) == 1 for row in page.rows)
    assert all(link.startswith(("http://", "https://")) for link in page.links)


@pytest.mark.parametrize("category", ["un", "speech", "congress"])
def test_category_filter(category):
    events = load("timeline")
    t = timeline(category=category)
    assert len(t) == (events["category"] == category).sum() > 0
    assert set(t.events["category"]) == {category}
    assert {r["category"] for r in embedded_json(rendered(t))["rows"]} == {category}


def test_list_of_categories_and_year_range():
    events = load("timeline")
    years = events["date"].dt.year
    t = timeline(category=["un", "speech"], start=2013, end=2017)
    expected = events[events["category"].isin(["un", "speech"]) & years.between(2013, 2017)]
    assert len(t) == len(expected)
    assert t.events["date"].dt.year.between(2013, 2017).all()
    data = embedded_json(rendered(t))
    assert (data["min"], data["max"]) == (t.events["date"].dt.year.min(), t.events["date"].dt.year.max())


def test_rows_are_in_date_order():
    dates = timeline(start=2011, end=2018).events["date"]
    assert dates.is_monotonic_increasing


def test_no_match_renders_an_empty_table():
    t = timeline(start=1990, end=1991)
    assert len(t) == 0
    assert "No events match." in t._repr_html_()


def test_hostile_text_is_escaped():
    html = timeline(data=hostile_events())._repr_html_()
    page = Page(html)
    # Only our two scripts, and no injected tag survives in the markup.
    assert [s["type"] for s in page.scripts] == ["application/json", None]
    assert "<img" not in html and "<script>alert" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&#x27;x&#x27;)" in html
    # The JSON block cannot close its own tag, and still decodes to the original text.
    assert "<" not in page.scripts[0]["text"]
    assert HOSTILE in {r["category"] for r in embedded_json(page)["rows"]}
    # Quotes in a URL stay inside the attribute; a javascript: URL is never a link.
    assert page.links == ["https://example.org/?a=1&b='2'"]
    assert "no source link" in html


def test_ids_are_unique_and_labels_point_at_controls():
    first, second = rendered(timeline()), rendered(timeline())
    assert len(set(first.ids) | set(second.ids)) == len(first.ids) + len(second.ids)
    assert len(first.labels) == 3 and set(first.labels) <= set(first.ids)


def test_dates_are_written_at_their_precision():
    assert format_date(pd.Timestamp("2011-09-06"), "day") == ("2011-09-06", "6 September 2011")
    assert format_date(pd.Timestamp("2014-11-01"), "month") == ("2014-11", "November 2014")
    assert format_date(pd.Timestamp("2019-01-01"), "year") == ("2019", "2019")
    assert re.search(r'<time datetime="2014-11">November 2014</time>', timeline(start=2014, end=2014)._repr_html_())
