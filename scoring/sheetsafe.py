"""The one way Shortlist writes CSV text and XLSX cells, so no output carries a live formula,
a field a reader splits in two, or a raw control character.

- CSV (RFC 4180): CRLF line ends, so the writer quotes any field holding "\\r", "\\n" or a quote
  (a lone "\\r" left unquoted would start a new row in Excel, and `"\\r=1+2"` a formula);
  text a spreadsheet would run as a formula gets a leading apostrophe (`spreadsheet_safe`);
  control characters other than line breaks and tabs are shown escaped (`\\x1b`).
- XLSX: text cells are forced to the string type and neutralised the same way; the control
  characters XML cannot hold (openpyxl raises IllegalCharacterError) are shown escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from scoring.textsafe import escape_controls, spreadsheet_safe

BOM = "\ufeff"


def csv_cell(value: Any) -> str:
    """One field: None empty, floats exact (`repr`, the shortest text that reads back equal),
    dates ISO, text neutralised and with control characters escaped."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(float(value))  # a NumPy float's repr would name its type
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # "\r" stays: a field holding one is quoted, and a reader keeps it.
        return str(spreadsheet_safe(escape_controls(value, keep="\n\r\t")))
    return str(value)


def csv_text(rows: Iterable[Sequence[Any]], bom: bool = False) -> str:
    """Rows (the header first) as CSV text; `bom` for a file Excel should read as UTF-8."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return (BOM if bom else "") + buf.getvalue()


def xlsx_text(value: str) -> str:
    """Text for an XLSX cell: line breaks as "\\n" (XML reads a "\\r" as one), the control
    characters XML cannot hold shown as `\\x1b`, and no formula."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return str(spreadsheet_safe(escape_controls(text)))


def put_xlsx(cell: Any, value: Any, number_format: str | None = None) -> Any:
    """Set an openpyxl cell: text through `xlsx_text` as a string (openpyxl would read "=..."
    as a formula), other values as they are, with `number_format` when given."""
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
        if number_format and value is not None:
            cell.number_format = number_format
    return cell
