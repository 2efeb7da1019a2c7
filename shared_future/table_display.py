"""DataFrames shown as plain HTML tables, without pandas' inline `<style scoped>`.

pandas writes a `<style scoped>` element before every DataFrame it displays in a notebook.
`scoped` is not HTML, the rules apply to the whole page, and in the built book they are
validator errors. Registered when `shared_future` is imported in a kernel, this formatter
shows a DataFrame with the same rows, columns and truncation as pandas' own display, styled
by JupyterLab's or the book's stylesheet instead.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["dataframe_html"]


def dataframe_html(frame: pd.DataFrame) -> str:
    """The table pandas would display, without its inline stylesheet."""
    return frame.to_html(
        max_rows=pd.get_option("display.max_rows"),
        max_cols=pd.get_option("display.max_columns"),
        show_dimensions=pd.get_option("display.show_dimensions"),
        border=0,
        notebook=False,
    )
