"""Sphinx extension: the titles of exercises can be translated, like every other text of a page.

sphinx-exercise builds an exercise's title ("Exercise 3 (Read the table)") from nodes with no
source file, and Sphinx's gettext leaves such nodes out of the catalogs, so the Chinese edition
showed every exercise's own name in English. Before Sphinx translates the page, the name the
author wrote is wrapped in a translatable inline node with the source and line of its exercise:
it becomes a message of the page's catalog, and it survives sphinx-exercise's later rebuilding
of the title (which moves the subtitle's children into a new title node). The word "Exercise"
and its number stay sphinx-exercise's own (its catalogs translate them); "Solution", which its
zh_CN catalog lacks, is in `locale/<language>/LC_MESSAGES/exercise.po` of this course
(book/_ext/course_catalogs.py).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx_exercise.nodes import exercise_subtitle, exercise_title, solution_title


class TranslatableExerciseTitles(SphinxTransform):
    """Before Sphinx's translation step (priority 20): each exercise's name as a message."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        for title in self.document.findall(lambda node: isinstance(node, (exercise_title, solution_title))):
            title["translatable"] = False  # "Exercise", "Solution": sphinx-exercise's own catalog
        for subtitle in list(self.document.findall(exercise_subtitle)):
            exercise = subtitle.parent.parent
            name = nodes.inline(subtitle.astext(), "", *subtitle.children, translatable=True)
            name.source, name.line = exercise.source or self.document["source"], exercise.line
            subtitle.clear()
            subtitle += name


def setup(app):
    app.add_transform(TranslatableExerciseTitles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
