"""Vendors -> a score sheet (CSV or XLSX) in the long format `scoring.tabular` reads, and
vendors -> YAML documents; export then convert gives back equal `Vendor` models.

Numbers are written exactly (`repr` in a CSV, numbers in an XLSX); text goes through
`scoring.sheetsafe`, so nothing a spreadsheet would run as a formula is written as one.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from scoring.model import Vendor
from scoring.safeio import write_file
from scoring.sheetsafe import csv_text, put_xlsx
from scoring.tabular.grid import COLUMNS, SHEET_NAME


def sheet_rows(vendors: Iterable[Vendor], leaf_order: Sequence[str] = ()) -> list[list[Any]]:
    """The sheet's rows below the header: per vendor, a row for its summary and each link (when
    it has any), then one row per score and source, scores in `leaf_order`."""
    rank = {cid: i for i, cid in enumerate(leaf_order)}
    rows: list[list[Any]] = []
    for v in vendors:
        for i, link in enumerate(v.links or ([None] if v.summary else [])):
            rows.append(
                _row(
                    vendor_id=v.id,
                    vendor_name=v.name,
                    summary=v.summary if i == 0 else None,
                    source_title=link.title if link else None,
                    source_url=link.url if link else None,
                )
            )
        for cid in sorted(v.scores, key=lambda c: rank.get(c, len(rank))):
            score = v.scores[cid]
            low, high = score.range or (None, None)
            for source in score.sources or [None]:
                rows.append(
                    _row(
                        vendor_id=v.id,
                        vendor_name=v.name,
                        criterion=cid,
                        value=score.value,
                        low=low,
                        high=high,
                        rationale=score.rationale,
                        source_title=source.title if source else None,
                        source_url=source.url if source else None,
                        source_date=source.date if source else None,
                    )
                )
    return rows


def _row(**cells: Any) -> list[Any]:
    return [_exact(cells.get(c)) for c in COLUMNS]


def _exact(value: Any) -> Any:
    """8.0 as 8 (as a person would type it); empty text as an empty cell."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value if value != "" else None


def write_sheet(rows: list[list[Any]], path: Path) -> None:
    """The header and rows to `path` (.csv or .xlsx), replacing it in one step."""
    csv = path.suffix.lower() == ".csv"
    write_file(path, csv_text([list(COLUMNS), *rows], bom=True) if csv else _xlsx_bytes(rows))


def _xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            date = isinstance(value, dt.date)
            put_xlsx(ws.cell(row=r, column=c), value, "yyyy-mm-dd" if date else None)
    widths = {"rationale": 60, "summary": 60, "source_title": 40, "source_url": 30}
    for c, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = widths.get(name, 14)
        if name in ("rationale", "summary"):
            for (cell,) in ws.iter_rows(min_row=2, min_col=c, max_col=c):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def vendor_yaml(vendor: Vendor) -> str:
    """A vendor as a YAML file (`yaml.safe_dump`): fields in the model's order, defaults left
    out, a value always written (null when unknown), a range as `[low, high]`, 8.0 as 8."""
    data = _plain(vendor.model_dump(exclude_defaults=True))
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Flow(list):
    """A short list written on one line: `range: [7, 9]`."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, tuple):
        return _Flow(_plain(v) for v in data)
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, float) and data.is_integer() and abs(data) < 2**53:
        return int(data)
    return data
