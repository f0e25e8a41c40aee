"""`shortlist scenarios`: the saved scenarios and who leads under each; `--compare` side by side.

The compare view answers a board's question: does our choice survive different points of view?
One column per saved scenario (after the files' defaults), one row per vendor, its rank in each.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from scoring.cli.common import add_data_args, add_scenarios_folder_arg, load, scenarios_folder
from scoring.load import Case
from scoring.methods import METHOD_REGISTRY
from scoring.model import Scenario
from scoring.rank import Ranking, rank
from scoring.scenario.link import encode
from scoring.scenario.saved import SavedScenario, load_scenarios
from scoring.textsafe import terminal_text

DEFAULTS_ID = "(defaults)"  # the files' own weights and settings; not a valid saved id
OUT = "out"  # set aside by a must-have
NOT_RANKED = "-"  # left out of the scenario's vendors


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "scenarios",
        help="list the saved scenarios and their leaders; --compare ranks side by side",
    )
    add_data_args(p)
    add_scenarios_folder_arg(p)
    p.add_argument(
        "--compare",
        action="store_true",
        help="a table of every vendor's rank under each scenario (and the defaults)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    folder, named = scenarios_folder(args)
    saved = load_scenarios(folder, case, required=named)
    results = [(s, rank(case, s.scenario)) for s in saved]
    if args.compare:
        baseline = rank(case, Scenario())
        out = compare_json(case, baseline, results) if args.fmt == "json" else None
        sys.stdout.write(out or compare_table(case, baseline, results))
    else:
        sys.stdout.write(
            list_json(case, results) if args.fmt == "json" else list_table(folder, results)
        )
    return 0


def leader_of(result: Ranking) -> dict | None:
    """The top row (ties: the first by name), or None when every vendor was set aside."""
    rows = result.rows()
    return rows[0] if rows else None


def ranks_of(case: Case, result: Ranking) -> dict[str, int | str]:
    """Each vendor's rank, OUT when a must-have set it aside, NOT_RANKED when not selected."""
    ranks: dict[str, int | str] = {v.id: NOT_RANKED for v in case.vendors}
    ranks.update({e.vendor: OUT for e in result.excluded})
    ranks.update({row["vendor"]: row["rank"] for row in result.rows()})
    return ranks


def list_json(case: Case, results: list[tuple[SavedScenario, Ranking]]) -> str:
    items = []
    for saved, result in results:
        top = leader_of(result)
        items.append(
            {
                "id": saved.id,
                "name": saved.name,
                "description": saved.description,
                "file": saved.file,
                "leader": top and {k: top[k] for k in ("vendor", "name", "score")},
                "ranking": [row["vendor"] for row in result.rows()],
                "link": encode(result.scenario, case),
            }
        )
    return (
        json.dumps({"case": case.info.id, "scenarios": items}, indent=2, ensure_ascii=False) + "\n"
    )


def list_table(folder: str, results: list[tuple[SavedScenario, Ranking]]) -> str:
    if not results:
        return (
            f"No saved scenarios in {terminal_text(folder)}/. Save one as a YAML file there "
            "(see scenarios/regulator-first.yaml), or name another folder with --scenarios.\n"
        )
    out: list[str] = []
    for saved, result in results:
        top = leader_of(result)
        leader = (
            f"{terminal_text(top['name'])} ({top['score']:.3f}, "
            f"{METHOD_REGISTRY[result.method].short} on {result.normalization} values)"
            if top
            else "nobody: no vendor passes the must-haves"
        )
        out += [f"{saved.id}: {terminal_text(saved.name)}"]
        if saved.description:
            out += textwrap.wrap(
                terminal_text(saved.description), 96, initial_indent="  ", subsequent_indent="  "
            )
        out += [f"  Leader: {leader}", ""]
    return "\n".join(out)


def compare_json(
    case: Case, baseline: Ranking, results: list[tuple[SavedScenario, Ranking]]
) -> str:
    columns = [(DEFAULTS_ID, "The files' defaults", baseline)] + [
        (s.id, s.name, r) for s, r in results
    ]
    data = {
        "case": case.info.id,
        "scenarios": [
            {
                "id": sid,
                "name": name,
                "leader": (top := leader_of(result)) and top["vendor"],
                "ranks": {
                    vid: (rank if isinstance(rank, int) else None)
                    for vid, rank in ranks_of(case, result).items()
                },
                "set_aside": [e.vendor for e in result.excluded],
            }
            for sid, name, result in columns
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def compare_table(
    case: Case, baseline: Ranking, results: list[tuple[SavedScenario, Ranking]]
) -> str:
    """Vendors (in the defaults' order) by scenarios; a closing line per leader."""
    columns = [(DEFAULTS_ID, baseline)] + [(s.id, r) for s, r in results]
    ranks = [ranks_of(case, r) for _, r in columns]
    base_order = [row["vendor"] for row in baseline.rows()]
    vendors = base_order + [v.id for v in case.vendors if v.id not in base_order]
    names = {v.id: terminal_text(case.vendor_by_id[v.id].name) for v in case.vendors}
    width = max([len("Vendor"), *map(len, names.values())])
    widths = [max(len(terminal_text(sid)), 4) for sid, _ in columns]
    head = "  ".join(
        f"{terminal_text(sid):>{w}}" for (sid, _), w in zip(columns, widths, strict=True)
    )
    out = [
        f"{terminal_text(case.info.name)} - rank of each vendor under each scenario",
        f"{'Vendor':<{width}}  {head}",
    ]
    for vid in vendors:
        cells = "  ".join(f"{r[vid]!s:>{w}}" for r, w in zip(ranks, widths, strict=True))
        out.append(f"{names[vid]:<{width}}  {cells}")
    out += ["", *_leaders_summary(case, columns)]
    if any(OUT in r.values() for r in ranks) or any(NOT_RANKED in r.values() for r in ranks):
        out.append(f"{OUT}: set aside by a must-have; {NOT_RANKED}: not among the vendors ranked")
    return "\n".join(out) + "\n"


def _leaders_summary(case: Case, columns: list[tuple[str, Ranking]]) -> list[str]:
    """Who leads under how many of the scenarios: the answer the table is for."""
    leads: dict[str, list[str]] = {}
    for sid, result in columns:
        top = leader_of(result)
        leads.setdefault(top["vendor"] if top else "", []).append(sid)
    lines = []
    for vid, sids in sorted(leads.items(), key=lambda item: -len(item[1])):
        who = terminal_text(case.vendor_by_id[vid].name) if vid else "Nobody (all set aside)"
        lines.append(
            f"{who} leads under {len(sids)} of {len(columns)}: "
            + ", ".join(terminal_text(s) for s in sids)
        )
    return lines
