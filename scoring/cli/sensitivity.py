"""`shortlist sensitivity`: how robust the ranking is, as a table or JSON.

    shortlist sensitivity --method topsis --samples 20000 --seed 7 --weights-model order
    shortlist sensitivity --link "m=wsm&k=10000&seed=3&wm=dirichlet&c=50" --format json

The table shows weights as the slider values (raw weights, the other criteria of the group left
as they are) and as shares of the total; the JSON keeps the engine's exact local shares of the
parent (0..1), the quantity a one-way sweep varies while the siblings keep their proportions.
"""

from __future__ import annotations

import argparse
import json
import sys

from scoring.cli.common import add_scenario_args, add_simulation_args, case_and_scenario
from scoring.load import Case
from scoring.methods import LABELS
from scoring.model import Scenario
from scoring.present.brief import decision_brief
from scoring.present.brief_words import challengers_table, flips_table
from scoring.present.facts import weight_rows
from scoring.present.table import text
from scoring.present.tables import sensitivity_section
from scoring.rank import rank
from scoring.sensitivity import SensitivityResult, analyse
from scoring.textsafe import terminal_text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sensitivity",
        help="stability intervals, crossovers, SMAA-2 and method comparison",
        description="How robust is the ranking: one-way weight sweeps with exact crossovers, "
        "stability intervals, SMAA-2 acceptability and the ranking under every method.",
    )
    add_scenario_args(p)
    add_simulation_args(p)
    p.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case, scenario = case_and_scenario(args)  # a link's score overrides applied
    result = analyse(case, scenario)
    if args.fmt == "json":
        sys.stdout.write(as_json(result))
    else:
        sys.stdout.write(as_table(result, case, scenario))
    return 0


def as_json(result: SensitivityResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def as_table(result: SensitivityResult, case: Case, scenario: Scenario) -> str:
    """The same tables as the reports' sensitivity section, as terminal text."""
    ranking = rank(case, scenario)
    brief = decision_brief(ranking, result)
    names = {v.id: v.name for v in case.vendors}
    order = [ranking.resolved.vendor_ids[i] for i in ranking.order]
    tables = sensitivity_section(
        weight_rows(case, scenario),
        order,
        names,
        result,
        (flips_table(brief), challengers_table(brief, case)),
    )
    out = [
        terminal_text(
            f"Sensitivity of the {LABELS[result.method]} ranking ({result.normalization} "
            f"values); leader: {names.get(result.leader, result.leader)}"
        ),
        "",
    ]
    for t in tables:
        out.append(text(t, terminal_text))
        if t.key == "stability":
            out[-1] += "".join(
                f"  not swept: {terminal_text(why)}\n" for why in result.not_swept.values()
            )
    return "\n".join(out).rstrip("\n") + "\n"
