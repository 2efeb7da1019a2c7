"""The one table of the course's categories: the values a data file may hold, and how each is
labelled and drawn. The schemas (allowed values), the map legends and markers, and the timeline's
menu all read it.

Markers differ in shape *and* colour (Okabe-Ito colours, colour-blind safe), so shape alone
tells the kinds apart.
"""

from __future__ import annotations

from typing import NamedTuple

from .i18n import N_, _

__all__ = ["OKABE_ITO", "PROJECT_TYPES", "TIMELINE", "VALUE_LABELS", "Category", "value_label"]

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}


class Category(NamedTuple):
    label: str  # English; shown as `i18n._(label)`
    shape: str
    colour: str


TIMELINE = {  # timeline.csv `category`
    "speech": Category(N_("Speech"), "circle", OKABE_ITO["orange"]),
    "congress": Category(N_("Party congress"), "star", OKABE_ITO["vermillion"]),
    "initiative": Category(N_("Initiative"), "triangle", OKABE_ITO["green"]),
    "institution": Category(N_("Institution"), "hexagon", OKABE_ITO["blue"]),
    "agreement": Category(N_("Agreement"), "diamond", OKABE_ITO["sky"]),
    "un": Category(N_("United Nations"), "square", OKABE_ITO["blue"]),
    "forum": Category(N_("Forum"), "pentagon", OKABE_ITO["purple"]),
    "white_paper": Category(N_("White paper"), "square", OKABE_ITO["yellow"]),
    "constitution": Category(N_("Constitution"), "cross", OKABE_ITO["black"]),
    "project": Category(N_("Project"), "triangle_down", OKABE_ITO["green"]),
    "withdrawal": Category(N_("Withdrawal"), "cross", OKABE_ITO["grey"]),
}
PROJECT_TYPES = {  # projects.csv `type`
    "railway": Category(N_("Railway"), "square", OKABE_ITO["blue"]),
    "road": Category(N_("Road"), "diamond", OKABE_ITO["orange"]),
    "port": Category(N_("Port"), "circle", OKABE_ITO["sky"]),
    "bridge": Category(N_("Bridge"), "pentagon", OKABE_ITO["purple"]),
    "energy": Category(N_("Energy"), "star", OKABE_ITO["yellow"]),
    "industrial_park": Category(N_("Industrial park"), "hexagon", OKABE_ITO["green"]),
    "pipeline": Category(N_("Pipeline"), "triangle_down", OKABE_ITO["vermillion"]),
    "logistics": Category(N_("Logistics"), "triangle", OKABE_ITO["black"]),
    "other": Category(N_("Other"), "cross", OKABE_ITO["grey"]),
}
VALUE_LABELS = {  # other fixed values the maps show, as a reader reads them (English msgids)
    # projects.csv `status`
    "planned": N_("planned"),
    "under_construction": N_("under construction"),
    "operational": N_("operational"),
    "suspended": N_("suspended"),
    "cancelled": N_("cancelled"),
    # bri_countries.csv `status` and `region` (World Bank regions)
    "active": N_("active"),
    "withdrawn": N_("withdrawn"),
    "unclear": N_("unclear"),
    "East Asia & Pacific": N_("East Asia & Pacific"),
    "Europe & Central Asia": N_("Europe & Central Asia"),
    "Latin America & Caribbean": N_("Latin America & Caribbean"),
    "Middle East & North Africa": N_("Middle East & North Africa"),
    "South Asia": N_("South Asia"),
    "Sub-Saharan Africa": N_("Sub-Saharan Africa"),
    # aiib_members.csv `status`
    "member": N_("member"),
    "prospective": N_("prospective member"),
    "approved": N_("approved"),
    # communities.csv `document`
    "action plan": N_("action plan"),
    "joint statement": N_("joint statement"),
    "declaration": N_("declaration"),
    "agreement": N_("agreement"),
    "speech": N_("speech"),
    "forum declaration": N_("forum declaration"),
}


def value_label(value: str) -> str:
    """A fixed value of a data file as a reader reads it, in the current language."""
    return _(VALUE_LABELS.get(value, value))
