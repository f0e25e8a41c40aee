"""Making user text safe for the places it goes: spreadsheets, HTML, Markdown, terminals.

Control characters (C0, DEL, C1: ESC, BEL, NUL, CSI, ...) are never passed on raw: they are
shown escaped as `\\x1b`, so a terminal cannot interpret them and a reader sees they are there.
"""

from __future__ import annotations

import functools
import html
import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Only what can start markup mid-line; `[` and `]` escaped means no link can form, so `(` may stay.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_MD_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)](?:\s|$)))?)([-+.)])")
LAYOUT = "\n\t"  # the control characters text may hold as layout: line break and tab
# What a spreadsheet skips before it looks for a formula: spaces and control characters.
_LEADING_BLANK = re.compile(r"^[\s\x00-\x1f\x7f-\x9f]*")


def _escaped(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


@functools.cache
def _controls(keep: str) -> re.Pattern[str]:
    """C0, DEL and C1 control characters (ESC, BEL, NUL, CSI, ...) except those in `keep`."""
    chars = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in keep]
    return re.compile("[" + re.escape("".join(chars)) + "]")


def escape_controls(value: object, keep: str = LAYOUT) -> str:
    """`value` as text with control characters shown as `\\x1b`, except those in `keep`."""
    return _controls(keep).sub(_escaped, str(value))


def has_controls(text: str, keep: str = LAYOUT) -> bool:
    """Whether `text` holds a control character other than those in `keep`."""
    return _controls(keep).search(text) is not None


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers pass as is.

    A formula start counts after leading spaces and control characters too (" =1+2"), and text
    that starts with an apostrophe gets another, so the one a reader drops is always ours."""
    if not isinstance(value, str):
        return value
    rest = value[_LEADING_BLANK.match(value).end() :]  # type: ignore[union-attr]
    if value.startswith(_FORMULA_START + ("'",)) or rest.startswith(_FORMULA_START):
        return "'" + value
    return value


def html_text(value: object) -> str:
    """Escape for HTML text and attribute values (control characters shown as `\\x1b`)."""
    return html.escape(escape_controls(value), quote=True)


def markdown_text(value: object) -> str:
    """Escape Markdown syntax and raw HTML so user text renders as the characters it is."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(escape_controls(text), quote=False))
    # A leading "-", "+" or "1." would turn a paragraph into a list ("<" and ">" are entities).
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def terminal_text(value: object) -> str:
    """User text for a terminal: control characters (ANSI escapes, a lone carriage return that
    would overwrite the line) shown as `\\x1b`, never interpreted."""
    return escape_controls(value)


def is_http_url(url: object) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))
