"""`shortlist validate`: check the data files; one summary line, or every problem at once."""

from __future__ import annotations

import argparse

from scoring.cli.common import add_data_args, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check the criteria and vendor files")
    add_data_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    unknowns = sum(s.unknown for v in case.vendors for s in v.scores.values())
    print(
        f"ok: case {case.info.id!r}: {len(case.vendors)} vendors, {len(case.leaves)} leaf criteria "
        f"({len(case.all_criteria) - len(case.leaves)} groups), {unknowns} unknown values, "
        f"fingerprint {case.fingerprint}"
    )
    return 0
