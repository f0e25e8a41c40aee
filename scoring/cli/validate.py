"""`shortlist validate`: check the data files; one summary line, or every problem at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from scoring.cli.common import add_data_args, load
from scoring.load import YAML_SUFFIXES
from scoring.textsafe import terminal_text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check the criteria and vendor files")
    add_data_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    unknowns = sum(s.unknown for v in case.vendors for s in v.scores.values())
    groups = len(case.all_criteria) - len(case.leaves)
    print(
        f"ok: case {case.info.id!r}: {_count(len(case.vendors), 'vendor')}, "
        f"{_count(len(case.leaves), 'leaf criterion', 'leaf criteria')} "
        f"({_count(groups, 'group')}), {_count(unknowns, 'unknown value')}, "
        f"fingerprint {case.fingerprint}{_not_read(Path(args.vendors))}"
    )
    return 0


def _not_read(folder: Path) -> str:
    """What sits in the vendors folder but is not a vendor file: a vendor put in a subfolder
    would otherwise be left out without a word."""
    if not folder.is_dir():
        return ""
    skipped = sorted(
        p.name + ("/" if p.is_dir() else "")
        for p in folder.iterdir()
        if not (p.is_file() and p.suffix.lower() in YAML_SUFFIXES) and not p.name.startswith(".")
    )
    if not skipped:
        return ""
    shown = ", ".join(terminal_text(name) for name in skipped[:5])
    more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    return f"; not read in {terminal_text(str(folder))}: {shown}{more}"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
