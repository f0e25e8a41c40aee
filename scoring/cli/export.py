"""`shortlist export-scores`: the case's vendors as a score sheet (CSV or XLSX), in the long
format or the matrix (one row per vendor), which `shortlist convert` and `--vendors SHEET` read
back to the same vendors.

    shortlist export-scores -o scores.xlsx
    shortlist export-scores --layout matrix -o suppliers.xlsx
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scoring.cli.common import UsageError, add_data_args, load
from scoring.safeio import check_target
from scoring.tabular import SHEET_SUFFIXES, is_sheet
from scoring.tabular.write import matrix_rows, sheet_rows, write_sheet
from scoring.textsafe import terminal_text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export-scores",
        help="write the vendors' scores and evidence as a sheet (.csv or .xlsx)",
        description="Write every vendor's scores, ranges, rationales and sources as one sheet, "
        "one row per vendor x criterion x source; `shortlist convert` reads it back.",
    )
    add_data_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=".csv or .xlsx")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument(
        "--layout",
        choices=("long", "matrix"),
        default="long",
        help="long: one row per vendor x criterion x source; matrix: one row per vendor, one "
        "column per criterion (default: long)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if not is_sheet(out):
        raise UsageError(
            f"-o must end in {' or '.join(SHEET_SUFFIXES)}, got {terminal_text(args.output)!r}"
        )
    if (out.exists() or out.is_symlink()) and not args.force:
        raise UsageError(f"{terminal_text(args.output)} exists; pass --force to overwrite it")
    if not out.parent.is_dir():
        raise UsageError(f"no such folder: {terminal_text(str(out.parent))}")
    check_target(out)  # a regular file or a new path, never a link, folder or device
    case = load(args)
    leaves = [c.id for c in case.leaves]
    if args.layout == "matrix":
        header, rows = matrix_rows(case.vendors, leaves)
        write_sheet(rows, out, header)
    else:
        rows = sheet_rows(case.vendors, leaves)
        write_sheet(rows, out)
    print(f"wrote {len(rows)} rows for {len(case.vendors)} vendors to {terminal_text(args.output)}")
    return 0
