"""`shortlist weights ahp|roc|swing`: weights from pairwise judgements, an importance order or
swing points; `--link` prints the share link of the scenario with those weights."""

from __future__ import annotations

import argparse
import json
import sys

from scoring.cli.common import UsageError, add_data_args, load
from scoring.model import Scenario
from scoring.scenario.link import configured_base, share_url
from scoring.textsafe import terminal_text
from scoring.weights import (
    MAX_SWING_POINTS,
    ahp_file,
    roc,
    swing,
    with_weights,
)

MAX_ITEMS = 50  # an importance order or a swing list on the command line


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("weights", help="set weights by AHP judgements, an order (ROC) or swings")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="ahp|roc|swing")
    ahp = kinds.add_parser(
        "ahp", help="weights from pairwise judgements (Saaty's 1-9 scale) with their consistency"
    )
    ahp.add_argument(
        "--judgements",
        required=True,
        metavar="FILE",
        help="YAML: {items: [id, ...], matrix: [[1, 3], ['1/3', 1]]} or {pairs: [[a, b, 3], ...]}",
    )
    r = kinds.add_parser("roc", help="rank-order centroid weights from an importance order")
    r.add_argument("order", metavar="ID1,ID2,...", help="criterion ids, most important first")
    s = kinds.add_parser("swing", help="swing weights: points 0-100 per criterion")
    s.add_argument(
        "points",
        metavar="ID=POINTS,...",
        help="how much swinging each criterion from its worst to its best matters (0-100; the "
        "most important at 100)",
    )
    for q in (ahp, r, s):
        q.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
        q.add_argument(
            "--link",
            action="store_true",
            help="also print the share link of the case's default scenario with these weights "
            "(the ids must be all the children of one group of --criteria)",
        )
        add_data_args(q)
        q.set_defaults(func=run)


def _ids(text: str) -> list[str]:
    ids = [x.strip() for x in text.split(",") if x.strip()]
    if not ids:
        raise UsageError("give at least one criterion id")
    if len(ids) > MAX_ITEMS:
        raise UsageError(f"at most {MAX_ITEMS} criteria")
    repeated = sorted({x for x in ids if ids.count(x) > 1})
    if repeated:
        raise UsageError(f"each criterion once: {', '.join(repeated)} repeated")
    return ids


def _points(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    errors = []
    for item in _ids(text):
        key, sep, value = item.partition("=")
        key = key.strip()
        try:
            points = float(value) if sep else float("nan")
        except ValueError:
            points = float("nan")
        if not sep or not key or not 0 <= points <= MAX_SWING_POINTS:
            errors.append(f"{item!r} is not ID=POINTS with POINTS from 0 to 100")
            continue
        out[key] = points
    if errors:
        raise UsageError("; ".join(errors))
    if not any(out.values()):
        raise UsageError("give at least one criterion more than 0 points")
    return out


def run(args: argparse.Namespace) -> int:
    case = load(args) if args.link else None
    known = list(case.by_id) if case else None
    extra: dict = {}
    if args.kind == "ahp":
        result = ahp_file(args.judgements, known)
        weights, extra, lines = result.weights, result.to_dict(), result.sentences()
    elif args.kind == "roc":
        ids = _ids(args.order)
        weights = dict(zip(ids, roc(len(ids)).tolist(), strict=True))
        lines = ["Rank-order centroid weights (SMARTER): most important first."]
    else:
        points = _points(args.points)
        weights = dict(zip(points, swing(list(points.values())).tolist(), strict=True))
        lines = ["Swing weights: each criterion's points over the total."]
    out = {**extra, "weights": weights}
    if case is not None:
        scenario = with_weights(case, Scenario(), weights)
        out["link"] = share_url(configured_base(), scenario, case)
    if args.fmt == "json":
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return 0
    width = max(len(k) for k in weights)
    rows = [f"  {terminal_text(k).ljust(width)}  {w:6.1%}" for k, w in weights.items()]
    text = ["Weights", *rows, *(terminal_text(x) for x in lines)]
    if "link" in out:
        text.append(f"Share link: {out['link']}")
    sys.stdout.write("\n".join(text) + "\n")
    return 0
