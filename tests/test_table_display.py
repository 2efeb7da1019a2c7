"""DataFrames display as plain tables: pandas' rows and truncation, no inline <style scoped>."""
from types import SimpleNamespace

import pandas as pd
from IPython.core.formatters import DisplayFormatter

from shared_future import table_display


def test_a_dataframe_displays_without_an_inline_stylesheet():
    shell = SimpleNamespace(display_formatter=DisplayFormatter())
    table_display.register(shell)
    frame = pd.DataFrame({"country": ["Laos", "<b>Kenya</b>"], "year": [2019, 2017]})
    data, _ = shell.display_formatter.format(frame)
    html = data["text/html"]
    assert "<style" not in html and 'class="dataframe"' in html
    assert "&lt;b&gt;Kenya&lt;/b&gt;" in html and html.count("<tr") == 3  # header row and two rows


def test_long_frames_are_truncated_as_pandas_does():
    frame = pd.DataFrame({"n": range(500)})
    html = table_display.dataframe_html(frame)
    assert html.count("<tr>") < 70 and "..." in html and "500 rows" in html
