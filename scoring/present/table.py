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

Kind = Literal[
    "text", "score", "share", "number", "count", "value", "signed", "ratio",
    "number_range", "share_range", "sources",
]  # fmt: skip
RANGES = {"number_range": "number", "share_range": "share"}  # a (low, high) pair of that kind


@dataclass(frozen=True)
class Column:
    """`kind` says how a value reads: score (3 places), share (a percentage of 0..1), number
    (a raw weight or value, up to 2 places), count (thousands separators), text, value (already
    words, e.g. a level label or "unknown"), signed (3 places with a sign), ratio (2 places),
    number_range / share_range (a (low, high) pair; high None means "no upper limit")."""

    key: str
    label: str
    kind: Kind = "text"
    help: str = ""

    def shown(self, value: object) -> str:
        if value is None:
            return DASH
        if self.kind in RANGES and isinstance(value, tuple):
            low, high = (Column(self.key, self.label, RANGES[self.kind]).shown(x) for x in value)
            return f"{low} or more" if value[1] is None else f"{low} \u2013 {high}"
        if self.kind == "sources" and isinstance(value, tuple):  # (title, url, date) each
            return "; ".join(
                t + (f" ({u})" if u else "") + (f", {d}" if d else "") for t, u, d in value
            )
        if self.kind == "signed" and isinstance(value, int | float):
            return f"{value:+.3f}"
        if self.kind == "ratio" and isinstance(value, int | float):
            return f"{value:.2f}"
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
        return self.kind in {"score", "share", "number", "count", "signed", "ratio", *RANGES}


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
    lines = [clean(table.title)]
    if not table.rows:
        return "\n".join([*lines, f"  {clean(table.empty)}"]) + "\n"
    cells = [[clean(x) for x in row] for row in table.shown_rows()]
    heads = [clean(c.label) for c in table.columns]
    widths = [max(len(h), *(len(r[k]) for r in cells)) for k, h in enumerate(heads)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if c.numeric else v.ljust(w)
            for v, w, c in zip(values, widths, table.columns, strict=True)
        ]
        return "  " + "  ".join(parts).rstrip()

    lines += [line(heads), *(line(r) for r in cells)]
    if table.note:
        lines.append(f"  {clean(table.note)}")
    return "\n".join(lines) + "\n"


def markdown(table: Table, clean: Callable[[str], str] = str) -> str:
    """A GitHub-flavoured Markdown table; `clean` escapes user text for Markdown (headers and
    the note too: a header may be a vendor's name)."""
    if not table.rows:
        return f"{clean(table.empty)}\n"
    heads = [clean(c.label) for c in table.columns]
    align = ["---:" if c.numeric else "---" for c in table.columns]
    out = ["| " + " | ".join(heads) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(clean(x) for x in row) + " |" for row in table.shown_rows()]
    if table.note:
        out += ["", f"*{clean(table.note)}*"]
    return "\n".join(out) + "\n"


def html(
    table: Table,
    clean: Callable[[str], str],
    row_class: Callable[[int], str] | None = None,
    cell_html: Callable[[Column, object], str | None] | None = None,
) -> str:
    """An HTML table (class = the table's key) and its note; `clean` escapes every cell, header
    and the note. `row_class(i)` names a class for row i ("" for none); `cell_html(column,
    value)` may return a cell's own (safe) HTML, e.g. links, None for the shown text."""
    if not table.rows:
        return f'<p class="empty">{clean(table.empty)}</p>\n'

    def cell(tag: str, c: Column, text: str) -> str:
        return f'<{tag} class="num">{text}</{tag}>' if c.numeric else f"<{tag}>{text}</{tag}>"

    out = [f'<table class="{clean(table.key)}"><thead><tr>']
    out += [cell("th", c, clean(c.label)) for c in table.columns]
    out.append("</tr></thead><tbody>")
    for i, (row, exact) in enumerate(zip(table.shown_rows(), table.rows, strict=True)):
        rc = row_class(i) if row_class else ""
        out.append(f'<tr class="{clean(rc)}">' if rc else "<tr>")
        for c, x, v in zip(table.columns, row, exact, strict=True):
            own = cell_html(c, v) if cell_html else None
            out.append(cell("td", c, clean(x) if own is None else own))
        out.append("</tr>")
    out.append("</tbody></table>\n")
    if table.note:
        out.append(f'<p class="note">{clean(table.note)}</p>\n')
    return "".join(out)
