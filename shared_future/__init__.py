"""Helpers shared by the course notebooks.

Imported in a kernel (IPython), the package registers two displays: every folium map, a
student's own `folium.Map` too, with the course's offline files (`map_display`), and every
DataFrame as a plain table without pandas' inline stylesheet (`table_display`)."""
import sys as _sys

__all__: list[str] = []  # the API is in the modules (shared_future.data, .maps, .quiz, ...)


def _register_displays() -> None:
    ipython = _sys.modules.get("IPython")  # not imported: not a kernel, nothing to register
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and hasattr(shell, "display_formatter"):
        from . import map_display, table_display

        map_display.register(shell)
        table_display.register(shell)


_register_displays()
