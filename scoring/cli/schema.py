"""`shortlist schema`: export the JSON Schema of every file format."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scoring.cli.common import UsageError
from scoring.model import CriteriaFile, Judgements, Scenario, ScenarioFile, Vendor
from scoring.safeio import write_folder
from scoring.textsafe import terminal_text

SCHEMAS = {
    "criteria": CriteriaFile,
    "vendor": Vendor,
    "scenario": Scenario,
    "scenario-file": ScenarioFile,
    "judgements": Judgements,
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="write the JSON Schema of the file formats")
    p.add_argument("-o", "--output", default="schema", metavar="DIR")
    p.set_defaults(func=run)


def schema_text(model: type) -> str:
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_folder(out, {f"{name}.schema.json": schema_text(m) for name, m in SCHEMAS.items()})
    except OSError as exc:  # a read-only or missing place is the user's to fix, not a bug
        raise UsageError(
            f"-o: cannot write to {terminal_text(str(out))!r}: {exc.strerror or exc}"
        ) from None
    print(f"wrote {len(SCHEMAS)} schemas to {terminal_text(str(out))}/")
    return 0
