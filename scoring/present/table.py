"""A table described once: columns with their kind, rows of exact values, in one sort order.

Every output renders the same `Table`: the app (a dataframe or HTML), the CLI (`text`), Markdown,
HTML, PDF and XLSX. Values stay exact here (floats, ints, text); each renderer rounds for reading
with `Column.shown`, so an XLSX cell can keep the exact number while the PDF shows 54.9%.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from scoring.present.words import DASH, count, pct, short

Kind = Literal["text", "score", "share", "number", "count", "value"]


@dataclass(frozen=True)
class Column:
    """`kind` says how a value reads: score (3 places), share (a percentage of 0..1), number
    (a raw weight or value, up to 2 places), count (thousands separators), text, value (already
    words, e.g. a level label or "unknown")."""

    key: str
    label: str
    kind: Kind = "text"
    help: str = ""

    def shown(self, value: object) -> str:
        if value is None:
            return DASH
        if self.kind == "score" and isinstance(value, int | float):
            return f"{value:.3f}"
        if self.kind == "share" and isinstance(value, int | float):
            return pct(value)
        if self.kind == "number" and isinstance(value, int | float):
            return short(float(value))
        if self.kind == "count":
            return count(value)
        return str(value)

    @property
    def numeric(self) -> bool:
        return self.kind in {"score", "share", "number", "count"}


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    note: str = ""  # one sentence under the table (what its numbers mean)
    empty: str = "None."  # what to say when there are no rows

    def shown_rows(self) -> list[list[str]]:
        """Every cell as text, rounded for reading."""
        return [[c.shown(v) for c, v in zip(self.columns, row, strict=True)] for row in self.rows]


def text(table: Table, clean: Callable[[str], str] = str) -> str:
    """A plain-text table for a terminal; `clean` makes user text safe to print."""
    lines = [table.title]
    if not table.rows:
        return "\n".join([*lines, f"  {table.empty}"]) + "\n"
    cells = [[clean(x) for x in row] for row in table.shown_rows()]
    heads = [c.label for c in table.columns]
    widths = [max(len(h), *(len(r[k]) for r in cells)) for k, h in enumerate(heads)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if c.numeric else v.ljust(w)
            for v, w, c in zip(values, widths, table.columns, strict=True)
        ]
        return "  " + "  ".join(parts).rstrip()

    lines += [line(heads), *(line(r) for r in cells)]
    if table.note:
        lines.append(f"  {table.note}")
    return "\n".join(lines) + "\n"


def markdown(table: Table, clean: Callable[[str], str] = str) -> str:
    """A GitHub-flavoured Markdown table; `clean` escapes user text for Markdown."""
    if not table.rows:
        return f"{table.empty}\n"
    heads = [c.label for c in table.columns]
    align = ["---:" if c.numeric else "---" for c in table.columns]
    out = ["| " + " | ".join(heads) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(clean(x) for x in row) + " |" for row in table.shown_rows()]
    if table.note:
        out += ["", f"*{table.note}*"]
    return "\n".join(out) + "\n"
