"""`shortlist sensitivity`: how robust the ranking is, as a table or JSON.

    shortlist sensitivity --method topsis --samples 20000 --seed 7 --weights-model order
    shortlist sensitivity --link "m=wsm&k=10000&seed=3&wm=dirichlet&c=50" --format json

Weights in the stability and crossover sections are each criterion's local share of its parent
(0..1), the quantity a one-way sweep varies while the siblings keep their proportions.
"""

from __future__ import annotations

import argparse
import json
import sys

from scoring.cli.common import add_scenario_args, add_simulation_args, load, scenario_from_args
from scoring.methods import LABELS
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
