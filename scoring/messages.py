"""Pydantic's validation errors in an analyst's words: where in the data, and what to write.

`float_type` + `string_type` on a list becomes "expected a number, a level label or null, got a
list" instead of "input should be a valid number; or input should be a valid string".
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from typing import Any

from scoring import limits

MAX_FINITE = sys.float_info.max  # the largest number a score or weight can hold


def data_path(data: Any, loc: tuple, missing: bool = False) -> tuple:
    """Pydantic's loc minus its type tags (`float`, `function-after[...]`): the path in the data."""
    path: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]
            path.append(part)
        elif missing and i == len(loc) - 1 and isinstance(node, dict) and isinstance(part, str):
            path.append(part)  # a missing field: name it, locate at its parent
            node = None
        # anything else is a type tag (`float`, `constrained-str`, `function-after[...]`)
    return tuple(path)


# What each pydantic type error expected, in an analyst's words.
_EXPECTED = {
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "finite_number": "a finite number",
    "string_type": "text",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "bool_type": "true or false",
    "none_required": "null",
}


def plain_message(path: tuple, errs: list[dict[str, Any]]) -> str:
    """One sentence for all of a field's errors (a union type yields one error per member)."""
    if path[:1] == ("scores",) and path[-1:] == ("value",) and errs[0]["type"] == "missing":
        return (
            "a score needs a value; if it is unknown, write `value: null` and say why in the "
            "rationale"
        )
    if all(e["type"] in _EXPECTED for e in errs):
        if _is_score_value(path):
            words = ["a number", "a level label", "null"]
        else:
            words = list(dict.fromkeys(_in_context(path, _EXPECTED[e["type"]]) for e in errs))
        return f"expected {_join(words)}, got {describe(errs[0]['input'])}"
    return "; ".join(dict.fromkeys(_plain(e) for e in errs if e["type"] not in _EXPECTED))


def _is_score_value(path: tuple) -> bool:
    return len(path) in (2, 3) and path[0] == "scores" and path[2:] in ((), ("value",))


def _in_context(path: tuple, word: str) -> str:
    # Where text may only be a level label (a range end, a must-have bound), say so.
    labelled = (path[:1] == ("scores",) and path[2:3] in ((), ("value",), ("range",))) or (
        "must_have" in path
    )
    return "a level label" if word == "text" and labelled else word


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def describe(value: Any) -> str:
    """How a YAML value reads to the person who wrote it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) and abs(value) > MAX_FINITE:
        digits = len(str(abs(value))) if abs(value).bit_length() < 14_000 else "thousands of"
        return f"a {digits}-digit number, too large to use (a number must be below 1.8e308)"
    if isinstance(value, float) and math.isinf(value):
        return "infinity (.inf, or a number too large to use: above 1.8e308)"
    if isinstance(value, float) and math.isnan(value):
        return ".nan, which is not a number"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


_BOUND_WORDS = {
    "greater_than_equal": "at least",
    "greater_than": "above",
    "less_than_equal": "at most",
    "less_than": "below",
}


def _plain(err: dict[str, Any]) -> str:
    kind, msg = err["type"], err["msg"]
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind == "string_pattern_mismatch" and err["loc"][-2:-1] == ("date",):
        return (
            f"{describe(err['input'])} is not a date: write YYYY-MM-DD (unquoted), or a year "
            "(2025), a month ('2025-02') or a span of years ('2023-2025')"
        )
    if kind == "string_pattern_mismatch":
        return f"{err['input']!r} is not a valid id: use lower-case letters, digits, '_' or '-'"
    if kind in _BOUND_WORDS:
        bound = describe(next(iter(ctx.values()), ""))
        return f"{describe(err['input'])} is not allowed: must be {_BOUND_WORDS[kind]} {bound}"
    if kind == "literal_error":
        return f"{describe(err['input'])} is not one of {ctx.get('expected', '')}"
    loc = err["loc"]
    in_range = loc[-1:] == ("range",) or (loc[-2:-1] == ("range",) and isinstance(loc[-1], int))
    if kind in ("too_short", "too_long", "missing") and in_range:
        return "a range is two values: [low, high]"
    if kind == "too_short" and loc == ("criteria",):
        return "the case has no criteria; add at least one"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"takes at most {ctx.get('max_length')} item(s), found {ctx.get('actual_length')}"
    if kind == "missing":
        return "is required but missing"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    if msg.startswith("Value error, "):
        return msg.removeprefix("Value error, ")
    if msg.startswith("Assertion failed, "):
        return msg.removeprefix("Assertion failed, ")
    return msg[0].lower() + msg[1:] if msg else kind


# At most this many messages of one kind are shown; the rest are counted ("and N more").
MAX_PER_KIND = limits.MAX_PER_KIND
_VARIABLE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+(?:[.,]\d+)*")


def message_kind(message: str) -> str:
    """A message with its particulars (quoted text, numbers) blanked: messages that differ
    only in which cell, column or value they name are of one kind."""
    return _VARIABLE.sub("#", message)


def capped(problems: Sequence[Any], limit: int = MAX_PER_KIND) -> list[str]:
    """Problems as lines, at most `limit` of each kind per file, each kind's rest counted in
    one closing line ("... and 2,499,990 more like this"), so a sheet with a million bad
    cells gives a readable message in bounded time and memory."""
    seen: dict[tuple[str, str], list] = {}  # kind -> [count, first message]
    lines: list[str] = []
    for p in problems:
        kind = seen.setdefault((p.file, message_kind(p.message)), [0, p.message])
        kind[0] += 1
        if kind[0] <= limit:
            lines.append(str(p))
    for (file, _), (n, first) in seen.items():
        if n > limit:
            sample = first if len(first) <= 60 else first[:60] + "..."
            lines.append(f"{file}: ... and {n - limit:,} more like this ({sample})")
    return lines


def capped_messages(messages: Sequence[str], limit: int = MAX_PER_KIND) -> list[str]:
    """Like `capped`, for plain messages (a link's warnings): a kind's rest counted in a line
    just after its last one shown."""
    total: dict[str, int] = {}
    for m in messages:
        total[message_kind(m)] = total.get(message_kind(m), 0) + 1
    shown: dict[str, int] = {}
    out: list[str] = []
    for m in messages:
        kind = message_kind(m)
        shown[kind] = shown.get(kind, 0) + 1
        if shown[kind] <= limit:
            out.append(m)
        if shown[kind] == limit and total[kind] > limit:
            out.append(f"... and {total[kind] - limit:,} more like this")
    return out
