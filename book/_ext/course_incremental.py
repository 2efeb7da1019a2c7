"""Sphinx extension: a rebuild costs what changed, not the whole book.

Two fixed costs of every build, measured with the profiler (README, "Rebuild times"):

- sphinx-exercise keeps each exercise's and solution's node in the environment, and each node
  holds a reference to its whole page (a chapter with its maps' outputs): 11.6 of the 12.7 MB
  that every build loads and saves again. After a page is read, the registry keeps copies
  detached from the page. sphinx-exercise reads only their class, attributes and title.
- Sphinx numbers figures, tables and exercises by loading every page's doctree from disk
  (13 MB) and walking them all, in every build. The numbers depend only on the numbered items
  of each page, in order, and on the table of contents. When neither changed, the walk is
  skipped and the previous numbers are kept; any change runs it as before.
"""

from __future__ import annotations

from docutils import nodes

__all__ = ["numbered_items"]

REGISTRY = "sphinx_exercise_registry"


def _detach_registry_nodes(app, doctree) -> None:
    """Replace the registry's nodes of the page just read by copies that do not hold the page."""
    docname = app.env.docname
    for entry in getattr(app.env, REGISTRY, {}).values():
        node = entry.get("node")
        if entry.get("docname") != docname or node is None:
            continue
        copy = node.deepcopy()  # a solution's node is the page's own; an exercise's copy holds it too
        for part in copy.findall():
            part.document = None
        entry["node"] = copy


def numbered_items(env, doctree) -> tuple:
    """What the figure numbers of a page are made from: each numbered item's type and id, in order."""
    items = []
    for node in doctree.findall(nodes.Element):
        for domain in env.domains.values():
            figtype = domain.get_enumerable_node_type(node)
            if not figtype or domain.name == "std" and not domain.get_numfig_title(node):
                continue  # as Sphinx's numbering: an uncaptioned figure or table has no number
            if node["ids"]:
                items.append((figtype, node["ids"][0]))
            break
    return tuple(items)


def _note_added_or_removed(app, env, added, changed, removed) -> list[str]:
    app.course_numbers_stale = bool(added or removed)
    return []


def _note_numbered_items(app, doctree) -> None:
    env = app.env
    items = numbered_items(env, doctree)
    known = env.__dict__.setdefault("course_numbered_items", {})
    if known.get(env.docname) != items:
        known[env.docname] = items
        app.course_numbers_stale = True


def _numbering_state(env) -> tuple:
    """The table of contents and section numbers: figure numbers follow them."""
    toc = tuple(sorted((doc, tuple(included)) for doc, included in env.toctree_includes.items()))
    sections = tuple(sorted((doc, tuple(sorted(numbers.items()))) for doc, numbers in env.toc_secnumbers.items()))
    return toc, sections


def _skip_unchanged_numbering(app) -> None:
    """Wrap the toctree collector's figure numbering so that it runs only when something changed."""
    from sphinx.environment.collectors.toctree import TocTreeCollector

    if app.parallel > 1:  # pages read in other processes: their items are not seen here
        return
    for listener in app.events.listeners.get("env-get-updated", []):
        collector = getattr(listener.handler, "__self__", None)
        if isinstance(collector, TocTreeCollector):
            collector.assign_figure_numbers = _guarded(app, collector.assign_figure_numbers)


def _guarded(app, assign_figure_numbers):
    def assign(env) -> list[str]:
        state = _numbering_state(env)
        saved = getattr(env, "course_fignumbers", None)
        if saved is not None and not getattr(app, "course_numbers_stale", True) and state == env.course_numbering_state:
            env.toc_fignumbers = {doc: numbers for doc, numbers in saved.items() if doc in env.all_docs}
            return []
        changed = assign_figure_numbers(env)
        env.course_fignumbers = dict(env.toc_fignumbers)
        env.course_numbering_state = state
        return changed

    return assign


def setup(app):
    app.connect("env-get-outdated", _note_added_or_removed)
    app.connect("doctree-read", _detach_registry_nodes)
    app.connect("doctree-read", _note_numbered_items)
    app.connect("builder-inited", _skip_unchanged_numbering)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
