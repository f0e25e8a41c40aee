"""`shortlist link`: print the share-link query string of a scenario given as flags."""

from __future__ import annotations

import argparse

from scoring.cli.common import add_scenario_args, load, scenario_from_args
from scoring.rank import rank
from scoring.scenario.link import encode, share_url


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("link", help="print the share link of a scenario")
    add_scenario_args(p)
    p.add_argument(
        "--base", metavar="URL", help="prefix with the app's address, e.g. http://localhost:8501/"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    scenario = scenario_from_args(args, case)
    rank(case, scenario)  # refuse to print a link to a scenario that cannot be ranked
    print(share_url(args.base, scenario, case) if args.base else encode(scenario, case))
    return 0
