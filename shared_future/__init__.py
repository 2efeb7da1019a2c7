"""Helpers shared by the course notebooks.

Imported in a kernel (IPython), the package registers two displays: every folium map, a
student's own `folium.Map` too, with the course's offline files (`map_display`), and every
DataFrame as a plain table without pandas' inline stylesheet (`table_display`). Both are
registered by class name, so importing the package imports neither folium nor pandas (about
0.6 s of CPU in every kernel): each display's module loads when its first object is shown."""

import sys as _sys

__all__ = ["register_displays", "set_language"]  # the rest of the API is in the modules (.data, .maps, .quiz, ...)


def set_language(lang: str | None) -> str:
    """Quizzes, maps and the timeline in `lang` ('zh' or 'en') in every later cell of this
    notebook: `shared_future.set_language("zh")` (see `shared_future.i18n.set_language`)."""
    from .i18n import set_language as choose

    return choose(lang)


def _map_html(m) -> str:
    from .map_display import map_html

    return map_html(m)


def _dataframe_html(frame) -> str:
    from .table_display import dataframe_html

    return dataframe_html(frame)


def register_displays(shell) -> None:
    """Show every folium.Map with `map_display.map_html` and every DataFrame with
    `table_display.dataframe_html` in this IPython shell (subclasses too)."""
    html = shell.display_formatter.formatters["text/html"]
    html.for_type_by_name("folium.folium", "Map", _map_html)
    for module in ("pandas", "pandas.core.frame"):  # DataFrame.__module__ in pandas 3; before 3
        html.for_type_by_name(module, "DataFrame", _dataframe_html)


def _register_in_kernel() -> None:
    ipython = _sys.modules.get("IPython")  # not imported: not a kernel, nothing to register
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and hasattr(shell, "display_formatter"):
        register_displays(shell)


_register_in_kernel()
