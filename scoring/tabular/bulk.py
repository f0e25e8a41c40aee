"""A clean matrix sheet's vendors, checked a column at a time: 2,000 vendors x 40 criteria in
a fraction of a second instead of several (one pydantic call and one cross-check per score).

This is a fast path, never a second set of rules. It accepts a sheet only when every cell is of
a kind it can vouch for (plain text, numbers, level labels, ranges, rationales) and every rule
holds; at the first doubt it returns None and `scoring.load` takes the cell-by-cell path, which
names every problem with its cell. So a sheet with any problem gets exactly the messages it
always got, and a clean sheet gets the same `Vendor`s as that path would build
(tests/unit/tabular/test_bulk.py checks both on generated sheets).

Not vouched for here (the cell-by-cell path reads them): sources and links, a leading
apostrophe, non-text cells other than numbers, blank header names, data past the header.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from scoring.model import Criterion, Score, Vendor
from scoring.tabular.docs import NUMBER
from scoring.tabular.grid import MAX_CELL_CHARS, Grid
from scoring.tabular.matrix import _SLUG, REQUIRED, criterion_columns
from scoring.textsafe import has_controls

RANGE_ENDS = ("_low", "_high")
BLANK_ONLY = ("links", "_source")  # read by the cell-by-cell path; here only when empty
MAX_LABEL_CHARS = 60  # the model's longest score value as text
MAX_NAME_CHARS = 200  # the model's longest name
MAX_NUMBER_CHARS = 40  # longer is not a number anyone typed: the cell-by-cell path says what it is
# A column of numbers, one call: only the characters of NUMBER's ASCII numbers. Together with
# float() accepting each cell this is exactly NUMBER on every cell (float's grammar without "_",
# "inf" and "nan" is NUMBER's), at a tenth of the cost of matching NUMBER down the column.
_NUMBER_CHARS = re.compile(r"[0-9eE+\-.\n]*")
_EXACT_FLOAT = 2**53  # an integer cell beyond this is not read exactly as a float


class _Doubt(Exception):
    """Something this path does not vouch for: the cell-by-cell path decides."""


def bulk_vendors(grid: Grid, criteria: Sequence[Criterion]) -> tuple[Vendor, ...] | None:
    """The vendors of a matrix sheet in which every rule holds, or None at the first doubt."""
    # Some 100,000 new objects that live on: without this, the cyclic garbage collector walks
    # the whole heap again and again while they are made (half the time, measured).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _vendors(grid, criteria)
    except _Doubt:
        return None
    finally:
        if collecting:
            gc.enable()


def _vendors(grid: Grid, criteria: Sequence[Criterion]) -> tuple[Vendor, ...]:
    leaves = [c for root in criteria for c in root.walk() if c.is_leaf]
    index = _header(grid.header, leaves)
    width = len(grid.header)
    rows = [r for r in grid.records[1:] if any(map(_filled, r))]  # fill skips blank rows
    if not rows or max(map(len, rows)) > width:
        raise _Doubt  # no vendor, or data past the header
    padded = [r if len(r) == width else [*r, *([None] * (width - len(r)))] for r in rows]
    columns = [_texts(column) for column in zip(*padded, strict=True)]

    def texts(name: str) -> list[str | None]:
        return columns[index[name]] if name in index else [None] * len(rows)

    for name, i in index.items():
        if (name in BLANK_ONLY or name.endswith(BLANK_ONLY[1])) and any(columns[i]):
            raise _Doubt
    ids = [t and t.strip() for t in texts("id")]
    if None in ids or len(set(ids)) < len(ids) or not all(map(_SLUG.fullmatch, ids)):
        raise _Doubt
    names = texts("name")
    if None in names or max(map(len, names)) > MAX_NAME_CHARS or has_controls("".join(names), ""):
        raise _Doubt
    summaries = texts("summary")
    _long_text(summaries)
    in_header_order = sorted(leaves, key=lambda c: index[c.id])  # as the slow path keys them
    scores_by_leaf = [(c.id, _scores(c, texts)) for c in in_header_order]
    return tuple(
        _model(
            Vendor,
            {
                "id": vid,
                "name": name,
                "summary": summary or "",
                "links": [],
                "scores": {cid: scores[i] for cid, scores in scores_by_leaf},
            },
            _VENDOR_SET[summary is not None],
        )
        for i, (vid, name, summary) in enumerate(zip(ids, names, summaries, strict=True))
    )


def _header(header: list[str], leaves: list[Criterion]) -> dict[str, int]:
    """Column name -> index, when the header is exactly a matrix of these criteria."""
    ids = [c.id for c in leaves]
    allowed = {"id", "name", "summary", "links"}
    allowed.update(c + end for c in ids for end in ("", *RANGE_ENDS, "_rationale", "_source"))
    index = {name: i for i, name in enumerate(header)}
    if len(index) < len(header) or not set(header) <= allowed or not set(REQUIRED) <= set(index):
        raise _Doubt  # a blank or repeated name, an unknown column, a missing id or name
    if set(criterion_columns(index)) != set(ids):  # a missing criterion, or `open` + `open_source`
        raise _Doubt
    return index


def _filled(value: Any) -> bool:
    return value is not None and (value.__class__ is not str or not (not value or value.isspace()))


def _texts(column: Sequence[Any]) -> list[str | None]:
    """A column's cells as `fill` keeps them (blank -> None), when all are plain text."""
    if not set(map(type, column)) <= {str, type(None)}:
        raise _Doubt  # a number or date typed into a workbook: the cell-by-cell path reads it
    out = [v if v and not v.isspace() else None for v in column]
    filled = [v for v in out if v]
    # A leading apostrophe anywhere (a line starting with one inside a cell also counts: a
    # doubt costs time, never a wrong answer).
    if filled and (max(map(len, filled)) > MAX_CELL_CHARS or "\n'" in "\n" + "\n".join(filled)):
        raise _Doubt
    return out


def _long_text(column: list[str | None]) -> None:
    """Summaries and rationales: no control character but line breaks and tabs."""
    if has_controls("".join(t for t in column if t), "\n\r\t"):
        raise _Doubt


def _scores(c: Criterion, texts: Any) -> list[Score]:
    """One criterion's scores down the rows, every rule checked over the whole column."""
    values = _values(c, texts(c.id))
    lows, highs = _values(c, texts(c.id + "_low")), _values(c, texts(c.id + "_high"))
    rationales = texts(c.id + "_rationale")
    _long_text(rationales)
    v, lo, hi = (_numeric(c, column) for column in (values, lows, highs))
    known, ranged = ~np.isnan(v), ~np.isnan(lo)
    if np.any(ranged != ~np.isnan(hi)):
        raise _Doubt  # one end of a range without the other
    has_reason = np.array([r is not None for r in rationales])
    if np.any(~known & (~has_reason | ranged)):
        raise _Doubt  # a missing score, or an unknown without a reason or with a range
    both = ranged & known
    if np.any(lo[ranged] > hi[ranged]) or np.any((v[both] < lo[both]) | (v[both] > hi[both])):
        raise _Doubt  # a range the wrong way round, or one that misses its value
    # Scores are frozen, so equal cells share one object: a sheet repeats few distinct
    # (value, range, rationale) cells per column, and each new object costs more than a lookup.
    made: dict[tuple, Score] = {}
    new, put = object.__new__, object.__setattr__
    out = []
    for key in zip(values, lows, highs, rationales, strict=True):
        score = made.get(key)
        if score is None:  # `_model` written out: 80,000 calls of it were a tenth of the load
            value, low, high, reason = key
            made[key] = score = new(Score)
            fields = {
                "value": value,
                "range": None if low is None else (low, high),
                "rationale": "" if reason is None else reason,
                "sources": [],
            }
            put(score, "__dict__", fields)
            put(score, "__pydantic_fields_set__", _SCORE_SET[low is not None, reason is not None])
            put(score, "__pydantic_extra__", None)
            put(score, "__pydantic_private__", None)
        out.append(score)
    return out


def _values(c: Criterion, column: list[str | None]) -> list[Any]:
    """Score values as the model holds them: floats on a scale, labels for levels; None blank."""
    stripped = [t and t.strip() for t in column]
    filled = [t for t in stripped if t]
    if c.levels is not None:
        if not set(filled) <= set(c.levels) or any(map(NUMBER.fullmatch, filled)):
            raise _Doubt  # not a level (a number is read as one, and is not a label)
        if filled and max(map(len, filled)) > MAX_LABEL_CHARS:
            raise _Doubt
        return stripped
    if filled and (
        max(map(len, filled)) > MAX_NUMBER_CHARS or not _NUMBER_CHARS.fullmatch("\n".join(filled))
    ):
        raise _Doubt  # text on a numeric scale
    try:  # + 0.0: "-0" reads as 0, as in the sheet.
        numbers = np.fromiter(map(float, filled), dtype=float, count=len(filled)) + 0.0
    except ValueError:
        raise _Doubt from None  # "1-2", "e5", "." ...: not a number
    low, high = c.bounds
    if not np.all(np.isfinite(numbers)) or np.any((numbers < low) | (numbers > high)):
        raise _Doubt  # outside the scale (1e400 is infinite)
    if len(filled) == len(stripped):
        return numbers.tolist()
    read = iter(numbers.tolist())
    return [t and next(read) for t in stripped]


def _numeric(c: Criterion, values: list[Any]) -> np.ndarray:
    """The values as numbers (levels through their numbers), NaN where blank."""
    if c.levels is not None:
        levels = c.levels
        values = [None if x is None else levels[x] for x in values]
    return np.array(values, dtype=float)


def _model(cls: type, values: dict[str, Any], given: set[str]) -> Any:
    """A model from values already checked against every rule of its type, without validating
    again: what `model_validate` would build, at a tenth of the cost (model_construct
    introspects each default factory on every call). `given` is shared: frozen models never
    change it, and a copy gets its own."""
    out = object.__new__(cls)
    object.__setattr__(out, "__dict__", values)
    object.__setattr__(out, "__pydantic_fields_set__", given)
    object.__setattr__(out, "__pydantic_extra__", None)
    object.__setattr__(out, "__pydantic_private__", None)
    return out


# The fields each model was given, as model_validate records them (shared, see `_model`).
_SCORE_SET = {
    (ranged, reasoned): {"value"}
    | ({"range"} if ranged else set())
    | ({"rationale"} if reasoned else set())
    for ranged in (False, True)
    for reasoned in (False, True)
}
_VENDOR_SET = {False: {"id", "name", "scores"}, True: {"id", "name", "scores", "summary"}}
