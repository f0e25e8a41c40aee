"""`shortlist link`: print the share link of a scenario given as flags.

The link starts with the app's address: `--base`, else $SHORTLIST_BASE_URL, else the address
the app is configured to serve (`server.port` in .streamlit/config.toml).
"""

from __future__ import annotations

import argparse

from scoring.cli.common import add_scenario_args, chosen_from_args, load
from scoring.rank import rank
from scoring.scenario.link import BASE_ENV, configured_base, encode, share_url


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("link", help="print the share link of a scenario")
    add_scenario_args(p)
    p.add_argument(
        "--base",
        metavar="URL",
        help=f"the app's address, e.g. https://shortlist.example.com/ (default: ${BASE_ENV}, "
        "else http://localhost:<the port in .streamlit/config.toml>/)",
    )
    p.add_argument(
        "--query-only",
        action="store_true",
        help="print only the query string (what follows '?'), without an address",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    chosen = chosen_from_args(args, case)
    case = chosen.case or case  # a link's score overrides travel on
    rank(case, chosen.scenario)  # refuse to print a link to a scenario that cannot be ranked
    if args.query_only:
        print(encode(chosen.scenario, case, chosen.saved_id))
    else:
        base = args.base or configured_base()
        print(share_url(base, chosen.scenario, case, saved=chosen.saved_id))
    return 0
