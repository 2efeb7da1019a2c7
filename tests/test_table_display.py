"""DataFrames display as plain tables: pandas' rows and truncation, no inline <style scoped>."""

from types import SimpleNamespace

import pandas as pd
from IPython.core.formatters import DisplayFormatter

import shared_future
from shared_future import table_display


def test_a_dataframe_displays_without_an_inline_stylesheet():
    shell = SimpleNamespace(display_formatter=DisplayFormatter())
    shared_future.register_displays(shell)
    frame = pd.DataFrame({"country": ["Laos", "<b>Kenya</b>"], "year": [2019, 2017]})
    data, _ = shell.display_formatter.format(frame)
    html = data["text/html"]
    assert "<style" not in html and 'class="dataframe"' in html
    assert "&lt;b&gt;Kenya&lt;/b&gt;" in html and html.count("<tr") == 3  # header row and two rows


def test_long_frames_are_truncated_as_pandas_does():
    frame = pd.DataFrame({"n": range(500)})
    html = table_display.dataframe_html(frame)
    assert html.count("<tr>") < 70 and "..." in html and "500 rows" in html


def test_importing_the_package_in_a_kernel_loads_neither_pandas_nor_folium():
    """The displays are registered by class name: `import shared_future` stays cheap (chapters
    without a map never import folium), and a DataFrame or folium.Map made afterwards still
    gets the course's display."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\nimport shared_future\n"
        "print(sorted(name for name in ('pandas', 'folium', 'pandera', 'pydantic') if name in sys.modules))\n"
        "import pandas as pd, folium\n"
        "class Frame(pd.DataFrame): pass\n"
        "html = shell.display_formatter.format(Frame({'a': [1]}))[0]['text/html']\n"
        "print('<style' not in html and 'class=\"dataframe\"' in html)\n"
        "print(shell.display_formatter.format(folium.Map())[0]['text/html'][:20])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["[]", "True", '<div class="sf-map" '], out
