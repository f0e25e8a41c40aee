"""`shortlist report`: write the ranking report of a scenario as CSV, XLSX, Markdown, HTML or PDF.

    shortlist report --format pdf -o board.pdf --weights regulatory_readiness=40 --paper letter
    shortlist report --format xlsx -o shortlist.xlsx --link "http://localhost:8501/?m=wsm&..."

The report's timestamp is the current time unless --generated-at (or SHORTLIST_REPORT_TIME)
fixes it, which makes two runs of the same scenario and data give byte-identical CSV/Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from scoring import limits
from scoring.cli.common import UsageError, add_scenario_args, case_and_scenario
from scoring.report import FORMATS, build_report_data, write_report
from scoring.report.data import DEFAULT_BASE_URL
from scoring.safeio import check_target
from scoring.textsafe import terminal_text

TIME_ENV = "SHORTLIST_REPORT_TIME"
SUFFIXES = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write the ranking report (csv, xlsx, md, html, pdf)",
        description="Write the report of a scenario: ranking, weights, contributions, "
        "head-to-head, sensitivity and the evidence behind every score.",
    )
    add_scenario_args(p)
    p.add_argument(
        "--format",
        dest="fmt",
        choices=tuple(FORMATS),
        help="report format (default: from the output file's extension)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write it")
    p.add_argument(
        "--samples",
        type=bounded(limits.MIN_SAMPLES, limits.MAX_SAMPLES),
        metavar="N",
        help="SMAA samples, 100 to 1000000 (default: the scenario's)",
    )
    p.add_argument(
        "--seed",
        type=bounded(0, 2**32 - 1),
        metavar="S",
        help="SMAA seed (default: the scenario's)",
    )
    p.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default="a4",
        help="PDF paper size (default a4)",
    )
    p.add_argument(
        "--no-sensitivity",
        dest="sensitivity",
        action="store_false",
        help="leave the sensitivity analysis out (faster)",
    )
    p.add_argument(
        "--base",
        default=DEFAULT_BASE_URL,
        metavar="URL",
        help=f"the app's address for the share link (default {DEFAULT_BASE_URL})",
    )
    # Hidden: a fixed timestamp for reproducible reports (tests, archived builds).
    p.add_argument("--generated-at", metavar="ISO", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fmt = report_format(args.fmt, args.output)
    output = Path(args.output)
    check_target(output)  # before the work: a regular file or a new path in an existing folder
    when = generated_at(args.generated_at or os.environ.get(TIME_ENV))
    case, scenario = case_and_scenario(args)  # a link's score overrides applied
    data = build_report_data(
        case, scenario, sensitivity=args.sensitivity, generated_at=when, base_url=args.base
    )
    try:
        size = write_report(data, fmt, output, paper=args.paper)
    except OSError as exc:
        raise UsageError(
            f"-o: cannot write {terminal_text(str(output))!r}: {exc.strerror or exc}"
        ) from None
    print(f"wrote {terminal_text(str(output))} ({size:,} bytes, {fmt})")
    return 0


def bounded(low: int, high: int):
    """An argparse type: a whole number from low to high, with a message naming the range."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from {low} to {high}")
        return value

    return parse


def report_format(fmt: str | None, output: str) -> str:
    if fmt:
        return fmt
    guessed = SUFFIXES.get(Path(output).suffix.lower())
    if guessed is None:
        raise UsageError(
            f"--format: give one of {', '.join(FORMATS)} (the file name {output!r} does not say)"
        )
    return guessed


def generated_at(text: str | None) -> dt.datetime | None:
    """An ISO 8601 timestamp (naive times are taken as UTC), or None for 'now'."""
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--generated-at / {TIME_ENV}: {text[:40]!r} is not an ISO time such as "
            "2026-03-01T09:30:00Z"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
