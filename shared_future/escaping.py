"""Text from the data and quiz files made inert for the place it lands.

Every renderer of the course uses these functions, one per context:

- `html_text` for HTML text and attribute values (quotes escaped too); `folium_text` for the
  text of a folium popup or tooltip (HTML inside a JavaScript template literal);
- `safe_url` / `html_link` for links: only http(s) URLs with a host, no credentials, no spaces;
- `json_for_script` for data inside a `<script>` element (no `<`, `>`, `&`, line separators,
  NaN or infinity can leave the JSON);
- `myst_text` / `myst_link` for generated MyST pages: whitespace folded to one line (no
  fence, directive or heading can start), every ASCII punctuation mark backslash-escaped (no
  role, substitution, HTML or link can form);
- `markdown_text` / `markdown_link` for Markdown cells: text a student pastes (the capstone
  brief) and the generated student edition of the notebooks;
- `spreadsheet_cell` / `spreadsheet_value` for the CSV files teachers open in a spreadsheet
  (the OWASP rule against formula injection, and its inverse for reading them back).
"""

from __future__ import annotations

import html
import json
import math
import re
from urllib.parse import quote, urlsplit

__all__ = [
    "SPREADSHEET_TRIGGERS",
    "folium_text",
    "html_link",
    "html_text",
    "is_missing",
    "json_for_script",
    "markdown_link",
    "markdown_text",
    "myst_link",
    "myst_text",
    "safe_url",
    "spreadsheet_cell",
    "spreadsheet_value",
]

_MYST_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!$~&])")
_URL_FORBIDDEN = re.compile(r'[\s\x00-\x1f\x7f<>"`\\]')
SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_missing(value) -> bool:
    """None, NaN and pandas' missing values."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return False


def html_text(value) -> str:
    """Text for HTML content or a quoted attribute value ('' for missing values)."""
    return "" if is_missing(value) else html.escape(str(value).strip(), quote=True)


def folium_text(value) -> str:
    """Text for a folium `Popup` or `Tooltip`, which folium writes as HTML inside a JavaScript
    template literal: `html_text`, and `$`, backtick and backslash as character references (no
    `${...}` can run, no backtick can end the literal); braces too, as folium 0.20 compiles a
    tooltip's text as a Jinja template (no `{{ ... }}` or `{% ... %}` is ever template source)."""
    text = html_text(value).replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")
    return text.replace("{", "&#123;").replace("}", "&#125;")


def safe_url(value) -> str | None:
    """The URL if it is an http(s) URL with a host and nothing that could break out; else None."""
    if is_missing(value):
        return None
    url = str(value).strip()
    if _URL_FORBIDDEN.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or parts.username or parts.password:
        return None
    return url


def html_link(url, label: str = "Source", new_tab: bool = True) -> str:
    """An <a> element for a safe URL, '' otherwise; the label is escaped."""
    target = safe_url(url)
    if target is None:
        return ""
    extra = ' target="_blank" rel="noopener"' if new_tab else ' rel="noopener"'
    return f'<a href="{html_text(target)}"{extra}>{html_text(label)}</a>'


def json_for_script(value) -> str:
    """JSON that can sit inside <script> (either kind) and be read back with JSON.parse.

    Raises ValueError for NaN or infinity, which JSON cannot carry."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def myst_text(value) -> str:
    """Text as literal MyST inline text: one line, every ASCII punctuation mark escaped."""
    return "" if is_missing(value) else _MYST_PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


def markdown_text(value) -> str:
    """Text a student pastes into a Markdown cell: one line, the characters that form markup,
    HTML, math or roles escaped, ordinary punctuation (- . , ' ( )) left readable."""
    return "" if is_missing(value) else _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def myst_link(url, label) -> str:
    """A link in a generated MyST page: inline HTML with an encoded href, the label as MyST text.

    Inline HTML because MyST escapes the `&` of a Markdown link's query string twice
    (executablebooks/MyST-Parser#760). An unsafe URL gives the label alone."""
    target = safe_url(url)
    if target is None:
        return myst_text(label)
    href = html_text(quote(target, safe=":/?#@!$&'*+,;=%~-._"))
    return f'<a class="reference external" href="{href}">{myst_text(label)}</a>'


def markdown_link(url, label) -> str:
    """A CommonMark link for a notebook's Markdown cell (any Jupyter renders it): the label as
    `markdown_text`, the URL percent-encoded where Markdown would end it. An unsafe URL gives
    the label alone."""
    target = safe_url(url)
    if target is None:
        return markdown_text(label)
    return f"[{markdown_text(label)}]({quote(target, safe=':/?#@!$&*+,;=%~-._')})"


def spreadsheet_cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    A value starting with = + - @ tab or CR gets a leading apostrophe (OWASP, CSV injection);
    so does a value that already starts with one, so `spreadsheet_value` can undo it exactly."""
    text = "" if is_missing(value) else str(value)
    return "'" + text if text.startswith((*SPREADSHEET_TRIGGERS, "'")) else text


def spreadsheet_value(cell: str) -> str:
    """The value `spreadsheet_cell` was given."""
    return cell[1:] if cell.startswith("'") else cell
