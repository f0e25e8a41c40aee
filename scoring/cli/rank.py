"""`shortlist rank`: the ranking of a scenario as a table, JSON, CSV or Markdown."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys

from scoring.cli.common import add_scenario_args, load, scenario_from_args
from scoring.rank import Ranking, rank
from scoring.scenario.link import encode
from scoring.textsafe import markdown_text, spreadsheet_safe, terminal_text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rank", help="rank the vendors under a scenario")
    add_scenario_args(p)
    p.add_argument(
        "--format", choices=("table", "json", "csv", "markdown"), default="table", dest="fmt"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    result = rank(case, scenario_from_args(args, case))
    sys.stdout.write(FORMATS[args.fmt](result))
    return 0


def as_dict(result: Ranking) -> dict:
    """The JSON shape of a ranking (exact numbers, not rounded)."""
    vetoes = result.vetoes()
    return {
        "case": result.case.info.id,
        "method": result.method,
        "normalization": result.normalization,
        "weights": result.weights_by_leaf(),
        "ranking": [{**row, "vetoed_by": vetoes.get(row["vendor"], [])} for row in result.rows()],
        "excluded": [
            {
                "vendor": e.vendor,
                "name": e.name,
                "reasons": list(e.reasons),
                "unknowns": list(e.unknowns),
            }
            for e in result.excluded
        ],
        "unknowns_scored_at": result.scenario.unknowns,
        "notes": result.notes(),
        "fingerprint": result.case.fingerprint,
        "link": encode(result.scenario, result.case),
    }


def as_json(result: Ranking) -> str:
    return json.dumps(as_dict(result), indent=2, ensure_ascii=False) + "\n"


def as_csv(result: Ranking) -> str:
    """One row per vendor, exact numbers; a vendor set aside has no rank or score, and says why."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["rank", "vendor", "name", "score", "gap", "unknowns", "set_aside"])
    for row in result.rows():
        writer.writerow(
            [
                row["rank"],
                spreadsheet_safe(row["vendor"]),
                spreadsheet_safe(row["name"]),
                repr(row["score"]),
                repr(row["gap"]),
                spreadsheet_safe(";".join(row["unknowns"])),
                "",
            ]
        )
    for e in result.excluded:
        writer.writerow(
            [
                "",
                spreadsheet_safe(e.vendor),
                spreadsheet_safe(e.name),
                "",
                "",
                spreadsheet_safe(";".join(e.unknowns)),
                spreadsheet_safe("; ".join(e.reasons)),
            ]
        )
    return buf.getvalue()


def as_markdown(result: Ranking) -> str:
    lines = [
        f"**{markdown_text(result.case.info.name)}**: {_title(result)}",
        "",
        "| Rank | Vendor | Score | Gap to leader | Unknown values |",
        "|---:|---|---:|---:|---|",
    ]
    for row in result.rows():
        unknowns = ", ".join(markdown_text(u) for u in row["unknowns"]) or "none"
        lines.append(
            f"| {row['rank']} | {markdown_text(row['name'])} | {row['score']:.3f} "
            f"| {row['gap']:.3f} | {unknowns} |"
        )
    notes, aside = _footnotes(result)
    lines += [f"\n{markdown_text(note)}" for note in notes]
    if aside:
        lines += [f"\n**{SET_ASIDE}**\n", *(f"- {markdown_text(line)}" for line in aside)]
    return "\n".join(lines) + "\n"


def as_table(result: Ranking) -> str:
    rows = result.rows()
    names = [terminal_text(r["name"]) for r in rows]
    width = max([len("Vendor"), *map(len, names)])
    out = [
        f"{terminal_text(result.case.info.name)} - {_title(result)}",
        f"{'Rank':>4}  {'Vendor':<{width}}  {'Score':>7}  {'Gap':>7}  Unknown values",
    ]
    for r, name in zip(rows, names, strict=True):
        unknowns = ", ".join(r["unknowns"]) or "-"
        out.append(
            f"{r['rank']:>4}  {name:<{width}}  {r['score']:7.3f}  {r['gap']:7.3f}  {unknowns}"
        )
    notes, aside = _footnotes(result)
    out += [terminal_text(note) for note in notes]
    if aside:
        out += [f"{SET_ASIDE}:", *(f"  {terminal_text(line)}" for line in aside)]
    return "\n".join(out) + "\n"


NOBODY = "No vendor passes the must-haves; nothing to rank."
SET_ASIDE = "Set aside by a must-have"


def _footnotes(result: Ranking) -> tuple[list[str], list[str]]:
    """What goes under the table, unescaped: sentences, and one line per vendor set aside."""
    notes = ([] if result.rows() else [NOBODY]) + result.notes()
    aside = [
        f"{e.name}: {'; '.join(e.reasons)}"
        + (f" (unknown values: {', '.join(e.unknowns)})" if e.unknowns else "")
        for e in result.excluded
    ]
    return notes, aside


def _title(result: Ranking) -> str:
    return f"{result.method.upper()} on {result.normalization} values"


FORMATS = {"table": as_table, "json": as_json, "csv": as_csv, "markdown": as_markdown}
