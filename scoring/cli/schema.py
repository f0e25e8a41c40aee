"""`shortlist schema`: export the JSON Schema of every file format."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scoring.model import CriteriaFile, Scenario, Vendor

SCHEMAS = {"criteria": CriteriaFile, "vendor": Vendor, "scenario": Scenario}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="write the JSON Schema of the file formats")
    p.add_argument("-o", "--output", default="schema", metavar="DIR")
    p.set_defaults(func=run)


def schema_text(model: type) -> str:
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (out / f"{name}.schema.json").write_text(schema_text(model), encoding="utf-8")
    print(f"wrote {len(SCHEMAS)} schemas to {out}/")
    return 0
