"""`shortlist convert`: a score sheet (CSV or XLSX) -> one YAML vendor file per vendor.

    shortlist convert scores.xlsx -o vendors/ --criteria criteria/ai_partner.yaml --force

The sheet is checked against the criteria first, exactly as `load_case` checks it; an invalid
sheet writes nothing and exits 2 with every problem located at its cell. Existing files are
never overwritten without --force.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scoring.cli.common import UsageError
from scoring.load import YAML_SUFFIXES, load_case
from scoring.safeio import write_folder
from scoring.tabular import SHEET_SUFFIXES, is_sheet
from scoring.tabular.write import vendor_yaml
from scoring.textsafe import terminal_text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "convert",
        help="turn a score sheet (.csv or .xlsx) into YAML vendor files",
        description="Read a score sheet in long format (one row per vendor x criterion x "
        "source), check it against the criteria, and write one YAML file per vendor.",
    )
    p.add_argument("scores", metavar="SCORES", help="the score sheet, .csv or .xlsx")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write to")
    p.add_argument("--criteria", default="criteria", metavar="PATH", help="criteria file or folder")
    p.add_argument("--force", action="store_true", help="overwrite existing vendor files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not is_sheet(args.scores):
        raise UsageError(
            f"convert reads a score sheet ({' or '.join(SHEET_SUFFIXES)}), "
            f"not {terminal_text(args.scores)!r}"
        )
    out = Path(args.output)
    if out.is_symlink():
        raise UsageError(f"-o {terminal_text(args.output)!r} is a symbolic link; give the folder")
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {terminal_text(args.output)!r} is a file; give a folder")
    case = load_case(args.criteria, args.scores)  # raises CaseError: nothing is written
    targets = {v.id: out / f"{v.id}.yaml" for v in case.vendors}
    existing = [str(p) for p in targets.values() if p.exists() or p.is_symlink()]
    if existing and not args.force:
        shown = ", ".join(terminal_text(p) for p in existing)
        raise UsageError(f"would overwrite {shown}; pass --force, or choose another -o folder")
    source = Path(args.scores).name
    header = f"# Converted from {source} by `shortlist convert`.\n"
    # Built beside the folder and swapped in whole: a killed run leaves the old files intact.
    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    write_folder(
        out, {p.name: header + vendor_yaml(case.vendor_by_id[vid]) for vid, p in targets.items()}
    )
    print(
        f"wrote {len(targets)} vendor file{'s' if len(targets) != 1 else ''} to "
        f"{terminal_text(str(out))} (sheet fingerprint {case.fingerprint})"
    )
    others = sorted(
        p.name
        for p in out.iterdir()
        if p.suffix.lower() in YAML_SUFFIXES and p not in targets.values()
    )
    if others:  # a vendor dropped from the sheet would otherwise linger in the folder unnoticed
        print(f"note: not in the sheet, left as is: {terminal_text(', '.join(others))}")
    return 0
