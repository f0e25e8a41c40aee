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
import math
import sys
from collections.abc import Callable

from scoring.cli.common import add_scenario_args, load, scenario_from_args
from scoring.load import Case
from scoring.methods import LABELS
from scoring.model import Scenario
from scoring.present.brief import challengers_table, decision_brief, flips_table
from scoring.present.facts import weight_rows
from scoring.present.table import text
from scoring.present.tables import sensitivity_section
from scoring.rank import rank
from scoring.sensitivity import SensitivityResult, analyse
from scoring.sensitivity.smaa import SCORE_SAMPLING, WEIGHTS_MODELS
from scoring.textsafe import terminal_text

MIN_SAMPLES, MAX_SAMPLES = 100, 1_000_000
MAX_SEED = 2**32 - 1
MAX_CONCENTRATION = 10_000.0


def _show(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _bounded(kind: type, low: float, high: float, what: str) -> Callable[[str], float]:
    """An argparse type that names the allowed range in its error."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a number, got {text!r}") from None
        if not (math.isfinite(value) and low <= value <= high):
            raise argparse.ArgumentTypeError(
                f"{what} must be from {_show(low)} to {_show(high)}, got {text}"
            )
        return value

    return parse


def _positive_concentration(text: str) -> float:
    value = _bounded(float, 0.0, MAX_CONCENTRATION, "--concentration")(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("--concentration must be above 0")
    return value


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sensitivity",
        help="stability intervals, crossovers, SMAA-2 and method comparison",
        description="How robust is the ranking: one-way weight sweeps with exact crossovers, "
        "stability intervals, SMAA-2 acceptability and the ranking under every method.",
    )
    add_scenario_args(p)
    p.add_argument(
        "--samples",
        type=_bounded(int, MIN_SAMPLES, MAX_SAMPLES, "--samples"),
        default=None,
        metavar="N",
        help="SMAA samples (default: the scenario's, 10000)",
    )
    p.add_argument(
        "--seed",
        type=_bounded(int, 0, MAX_SEED, "--seed"),
        default=None,
        metavar="S",
        help="random seed: the same seed gives the same output (default 0)",
    )
    p.add_argument(
        "--weights-model",
        dest="weights_model",
        choices=WEIGHTS_MODELS,
        default=None,
        help="how SMAA samples the global LEAF weights: uniform over the simplex (no "
        "preference information), dirichlet centred on the current weights (the default), or "
        "order (any weights that keep the current weights' order)",
    )
    p.add_argument(
        "--concentration",
        type=_positive_concentration,
        default=None,
        metavar="C",
        help="Dirichlet concentration: alpha = C * weight; larger keeps closer (default 50)",
    )
    p.add_argument(
        "--score-sampling",
        dest="score_sampling",
        choices=SCORE_SAMPLING,
        default=None,
        help="how SMAA samples scores within their ranges (default uniform)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    scenario = scenario_from_args(args, case)
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
