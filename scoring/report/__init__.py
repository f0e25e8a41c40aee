"""Ranking reports: one ReportData, five writers (CSV, XLSX, Markdown, HTML, PDF).

>>> from scoring import load_case, Scenario
>>> from scoring.report import build_report_data, write_report
>>> data = build_report_data(load_case(), Scenario())  # doctest: +SKIP
>>> write_report(data, "md", "report.md")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable

from scoring.report.csv import write_csv
from scoring.report.data import ReportData, build_report_data
from scoring.report.html import write_html
from scoring.report.markdown import write_markdown
from scoring.safeio import write_file


def write_xlsx(data: ReportData) -> bytes:
    from scoring.report.xlsx import write_xlsx as write  # openpyxl loads only when asked

    return write(data)


def write_pdf(data: ReportData, paper: str = "a4") -> bytes:
    """A4 by default; paper="letter" for US Letter."""
    from scoring.report.pdf import write_pdf as write  # WeasyPrint loads only when asked

    return write(data, paper)


# Format -> (writer, file extension, MIME type).
FORMATS: dict[str, tuple[Callable[[ReportData], bytes | str], str, str]] = {
    "csv": (write_csv, "csv", "text/csv"),
    "xlsx": (
        write_xlsx,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "md": (write_markdown, "md", "text/markdown"),
    "html": (write_html, "html", "text/html"),
    "pdf": (write_pdf, "pdf", "application/pdf"),
}


def render(data: ReportData, fmt: str, paper: str = "a4") -> bytes:
    """The report in one format, as bytes (text formats encoded as UTF-8).

    `paper` ("a4" or "letter") applies to the PDF only.
    """
    try:
        writer = FORMATS[fmt][0]
    except KeyError:
        raise ValueError(
            f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}"
        ) from None
    out = write_pdf(data, paper) if fmt == "pdf" else writer(data)
    return out.encode("utf-8") if isinstance(out, str) else out


def write_report(data: ReportData, fmt: str, path: str | os.PathLike, paper: str = "a4") -> int:
    """Write the report atomically (temporary file, fsync, rename); returns the size in bytes.

    Raises `scoring.safeio.OutputError` when `path` is not a regular file or a new path."""
    return write_file(path, render(data, fmt, paper))


def file_name(data: ReportData, fmt: str) -> str:
    """shortlist-<case>-<date>.<ext>"""
    return f"shortlist-{data.case_id}-{data.generated_at:%Y-%m-%d}.{FORMATS[fmt][1]}"


__all__ = [
    "FORMATS",
    "ReportData",
    "build_report_data",
    "file_name",
    "render",
    "write_csv",
    "write_html",
    "write_markdown",
    "write_pdf",
    "write_report",
    "write_xlsx",
]
