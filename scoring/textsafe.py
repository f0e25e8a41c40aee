"""Making user text safe for the places it goes: spreadsheets, HTML, Markdown, terminals."""

from __future__ import annotations

import html
import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Only what can start markup mid-line; `[` and `]` escaped means no link can form, so `(` may stay.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_MD_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)](?:\s|$)))?)([-+.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x9b]")


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers pass as is."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def html_text(value: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(value), quote=True)


def markdown_text(value: object) -> str:
    """Escape Markdown syntax and raw HTML so user text renders as the characters it is."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    # A leading "-", "+" or "1." would turn a paragraph into a list ("<" and ">" are entities).
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def terminal_text(value: object) -> str:
    """Strip control characters (ANSI escapes included) before printing user text."""
    return _CONTROL.sub("", str(value))


def is_http_url(url: object) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))
