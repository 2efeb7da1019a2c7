"""The one table of the course's categories: the values a data file may hold, and how each is
labelled and drawn. The schemas (allowed values), the map legends and markers, and the timeline's
menu all read it.

Markers differ in shape *and* colour (Okabe-Ito colours, colour-blind safe), so shape alone
tells the kinds apart.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["OKABE_ITO", "PROJECT_TYPES", "TIMELINE", "Category"]

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
    label: str
    shape: str
    colour: str


TIMELINE = {  # timeline.csv `category`
    "speech": Category("Speech", "circle", OKABE_ITO["orange"]),
    "congress": Category("Party congress", "star", OKABE_ITO["vermillion"]),
    "initiative": Category("Initiative", "triangle", OKABE_ITO["green"]),
    "institution": Category("Institution", "hexagon", OKABE_ITO["blue"]),
    "agreement": Category("Agreement", "diamond", OKABE_ITO["sky"]),
    "un": Category("United Nations", "square", OKABE_ITO["blue"]),
    "forum": Category("Forum", "pentagon", OKABE_ITO["purple"]),
    "white_paper": Category("White paper", "square", OKABE_ITO["yellow"]),
    "constitution": Category("Constitution", "cross", OKABE_ITO["black"]),
    "project": Category("Project", "triangle_down", OKABE_ITO["green"]),
    "withdrawal": Category("Withdrawal", "cross", OKABE_ITO["grey"]),
}
PROJECT_TYPES = {  # projects.csv `type`
    "railway": Category("Railway", "square", OKABE_ITO["blue"]),
    "road": Category("Road", "diamond", OKABE_ITO["orange"]),
    "port": Category("Port", "circle", OKABE_ITO["sky"]),
    "bridge": Category("Bridge", "pentagon", OKABE_ITO["purple"]),
    "energy": Category("Energy", "star", OKABE_ITO["yellow"]),
    "industrial_park": Category("Industrial park", "hexagon", OKABE_ITO["green"]),
    "pipeline": Category("Pipeline", "triangle_down", OKABE_ITO["vermillion"]),
    "logistics": Category("Logistics", "triangle", OKABE_ITO["black"]),
    "other": Category("Other", "cross", OKABE_ITO["grey"]),
}
