"""`shortlist sensitivity`: how robust the ranking is, as a table or JSON.

    shortlist sensitivity --method topsis --samples 20000 --seed 7 --weights-model order
    shortlist sensitivity --link "m=wsm&k=10000&seed=3&wm=dirichlet&c=50" --format json

Weights in the stability and crossover sections are each criterion's local share of its parent
(0..1), the quantity a one-way sweep varies while the siblings keep their proportions.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable

from scoring.cli.common import add_scenario_args, load, scenario_from_args
from scoring.methods import LABELS
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
        sys.stdout.write(as_table(result))
    return 0


def as_json(result: SensitivityResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def as_table(result: SensitivityResult) -> str:
    sm = result.smaa
    names = dict(zip(sm.vendor_ids, (terminal_text(n) for n in sm.vendor_names), strict=True))
    width = max(len("Vendor"), *map(len, names.values()))
    criteria = {x.criterion: terminal_text(x.name) for x in result.stability}
    cwidth = max(len("Criterion"), *map(len, criteria.values()))  # names in full, never cut
    out = [
        f"Sensitivity of the {LABELS[result.method]} ranking ({result.normalization} values); "
        f"leader: {names[result.leader]}",
        "",
        "Stability (local share of the parent; riskiest first)",
        f"  {'Criterion':<{cwidth}} {'now':>6}  {'leader stays within':<19}  ranking stays within",
    ]
    for x in result.by_risk:
        out.append(
            f"  {criteria[x.criterion]:<{cwidth}} {x.weight:6.3f}  "
            f"{x.leader_low:6.3f} .. {x.leader_high:6.3f}     "
            f"{x.ranking_low:6.3f} .. {x.ranking_high:6.3f}"
        )
    out += [f"  not swept: {terminal_text(why)}" for why in result.not_swept.values()]
    out += ["", "Leader changes (crossovers)"]
    lines = [
        f"  {criteria[c.criterion]} at {c.weight:.4f}: {names[c.from_]} -> {names[c.to]}"
        for changes in result.crossovers.values()
        for c in changes
    ]
    out += lines or ["  none: no single weight change alters the leader"]
    ranks = "".join(f"{f'#{r + 1}':>7}" for r in range(len(sm.vendor_ids)))
    out += [
        "",
        f"SMAA-2: {sm.samples:,} samples, seed {sm.seed}, weights {sm.weights_model}"
        + (f" (C={sm.concentration:g})" if sm.weights_model == "dirichlet" else "")
        + f", scores {sm.score_sampling}",
        f"  {'Vendor':<{width}}{ranks}  confidence  holistic",
    ]
    order = sorted(range(len(sm.vendor_ids)), key=lambda i: -sm.holistic[i])
    for i in order:
        cells = "".join(f" {_pct(p)}" for p in sm.acceptability[i])
        out.append(
            f"  {names[sm.vendor_ids[i]]:<{width}}{cells}  {_pct(sm.confidence[i]):>10}"
            f"  {sm.holistic[i]:8.3f}"
        )
    out += [
        "  #r: P(rank r); confidence: P(first) with the vendor's central weights (SMAA-2);",
        "  holistic: the sum over r of P(rank r) x (m - r) / (m - 1), 1 for always first, "
        "0 for always last",
    ]
    mc = result.methods
    methods = list(mc.rankings)
    out += ["", f"Methods (compared with {mc.chosen}; * = rank differs)"]
    out.append(f"  {'Vendor':<{width}}" + "".join(f"{m:>8}" for m in methods))
    flagged = set(mc.differs)
    for v in mc.rankings[mc.chosen]:
        mark = " *" if v in flagged else ""
        out.append(
            f"  {names[v]:<{width}}" + "".join(f"{mc.ranks[m][v]:>8}" for m in methods) + mark
        )
    for label, values in (("Kendall tau", mc.kendall_tau), ("Spearman rho", mc.spearman_rho)):
        shown = "".join(f"{'-' if values[m] is None else f'{values[m]:.3f}':>8}" for m in methods)
        out.append(f"  {label:<{width}}{shown}")
    for m, why in mc.skipped.items():
        out.append(f"  {m} not applicable: {terminal_text(why)}")
    return "\n".join(out) + "\n"
