"""An interactive, accessible timeline table of the key events in `data/timeline.csv`.

`timeline(category="un", start=2011, end=2018)` returns a `Timeline`. The Python arguments
pre-filter the events; in the notebook or the built book the reader then filters further with a
labelled category menu and two year boxes. The HTML is one self-contained fragment (the CSS
and script of `static/timeline.css` and `static/timeline.js` inline; no network, no kernel
needed). Every text from the data is HTML-escaped, the row metadata travels as JSON in a
<script type="application/json"> with <, > and & escaped, and ids are unique per rendering, so
several timelines can share a page. Without JavaScript the full
table still shows; the filter controls stay hidden.
"""

from __future__ import annotations

import itertools
import uuid

import pandas as pd

from .catalogs import translated_frame
from .categories import TIMELINE
from .data import format_date, load
from .escaping import html_text as escape
from .escaping import json_for_script, safe_url
from .i18n import N_, _, current, language, speaks
from .paths import page_text

__all__ = ["LABELS", "Timeline", "timeline"]

LABELS = {key: category.label for key, category in TIMELINE.items()}  # as in the maps' legends (English msgids)
_counter = itertools.count(1)


def _source(url, title: str) -> str:
    """A link to the source; anything but a safe http(s) URL is shown as text, never linked."""
    target = safe_url(url)
    if target is None:
        return escape(_("no source link"))
    source, hidden = escape(_("Source")), escape(_(": {title}").format(title=title))
    return f'<a href="{escape(target)}" rel="noopener">{source}<span class="sft-vh">{hidden}</span></a>'


class Timeline:
    """Key events as an interactive table; `events` holds the rows shown, oldest first."""

    def __init__(self, events: pd.DataFrame, caption: str, *, lang: str | None = None):
        self.events = events.sort_values("date", kind="stable").reset_index(drop=True)
        self.caption, self.lang = caption, current() if lang is None else lang

    def __len__(self) -> int:
        return len(self.events)

    def __repr__(self) -> str:
        return f"<Timeline: {len(self)} events>"

    def _row(self, index: int, event) -> str:
        machine, human = format_date(event.date, event.date_precision)
        label = _(LABELS.get(event.category, event.category))
        return (
            f'<tr data-row="{index}"><td><time datetime="{machine}">{escape(human)}</time></td>'
            f"<td>{escape(event.title)}</td><td>{escape(event.place)}</td>"
            f"<td>{escape(label)}</td><td>{_source(event.source_url, event.title)}</td></tr>"
        )

    def _repr_html_(self) -> str:
        with language(self.lang):
            return self._html()

    def _html(self) -> str:
        uid = f"sft-{next(_counter)}-{uuid.uuid4().hex[:6]}"
        years = self.events["date"].dt.year
        low, high = (int(years.min()), int(years.max())) if len(self) else (0, 0)
        data = {
            "min": low,
            "max": high,
            "rows": [{"year": int(y), "category": c} for y, c in zip(years, self.events["category"])],
            "status": _("Showing {shown} of {total} events."),
        }
        shown = {str(c): _(LABELS.get(str(c), str(c))) for c in set(self.events["category"])}
        options = "".join(
            f'<option value="{escape(c)}">{escape(label)}</option>'
            for c, label in sorted(shown.items(), key=lambda item: item[1])
        )
        rows = "".join(self._row(i, e) for i, e in enumerate(self.events.itertuples()))
        if not rows:
            rows = f'<tr><td colspan="5">{escape(_("No events match."))}</td></tr>'
        year_box = (
            '<span><label for="{uid}-{name}">{text}</label> <input type="number" id="{uid}-{name}" '
            'class="sft-{name}" min="{low}" max="{high}" step="1" value="{value}"></span>'
        )
        return (
            f'<div class="sft" id="{uid}"><style>{page_text("timeline.css")}</style>'
            f'<div class="sft-controls" role="group" aria-label="{escape(_("Filter the timeline"))}" hidden>'
            f'<span><label for="{uid}-category">{escape(_("Kind of event"))}</label> <select id="{uid}-category" '
            f'class="sft-category"><option value="">{escape(_("All kinds"))}</option>{options}</select></span>'
            + year_box.format(uid=uid, name="from", text=escape(_("From year")), low=low, high=high, value=low)
            + year_box.format(uid=uid, name="to", text=escape(_("To year")), low=low, high=high, value=high)
            + f'<button type="button" class="sft-reset">{escape(_("Show all"))}</button></div>'
            f'<p class="sft-status" aria-live="polite">{escape(_("{n} events.").format(n=len(self)))}</p>'
            f"<table><caption>{escape(self.caption)}</caption><thead><tr>"
            + "".join(
                f'<th scope="col">{escape(_(h))}</th>'
                for h in (N_("Date"), N_("Event"), N_("Place"), N_("Kind"), N_("Source"))
            )
            + f"</tr></thead><tbody>{rows}</tbody></table>"
            f'<script type="application/json" class="sft-data">{json_for_script(data)}</script>'
            f"<script>{page_text('timeline.js')}</script></div>"
        )


@speaks
def timeline(
    category=None,
    start: int | None = None,
    end: int | None = None,
    data: pd.DataFrame | None = None,
    *,
    lang: str | None = None,
) -> Timeline:
    """Events of data/timeline.csv (or `data`), pre-filtered by category and years (inclusive).

    `category` is one category ("un") or a list of them; `start` and `end` are years. Labels
    and, where translated, the events' text in `lang` ('en' or 'zh'; default $SHARED_FUTURE_LANG).
    """
    events = translated_frame("timeline", load("timeline") if data is None else data)
    if category is not None:
        wanted = [category] if isinstance(category, str) else list(category)
        events = events[events["category"].isin(wanted)]
    if start is not None:
        events = events[events["date"].dt.year >= int(start)]
    if end is not None:
        events = events[events["date"].dt.year <= int(end)]
    captions = {  # by which of start and end are given
        (True, True): N_("Key events from {start} to {end}"),
        (True, False): N_("Key events from {start}"),
        (False, True): N_("Key events to {end}"),
        (False, False): N_("Key events"),
    }
    caption = _(captions[(bool(start), bool(end))]).format(start=start, end=end)
    if category is not None:
        caption += _(": ") + _(", ").join(_(LABELS.get(c, c)) for c in wanted)
    return Timeline(events, caption)
