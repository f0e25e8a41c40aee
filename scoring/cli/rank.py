"""`shortlist rank`: the ranking of a scenario as a table, JSON, CSV or Markdown."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from dataclasses import dataclass

from scoring.cli.common import Chosen, add_scenario_args, chosen_from_args, load
from scoring.load import Case
from scoring.methods import METHOD_REGISTRY
from scoring.outcome import method_outcome
from scoring.present.brief import Brief
from scoring.present.facts import rank_rows
from scoring.present.table import markdown, text
from scoring.present.tables import ranking_table
from scoring.rank import Ranking, rank
from scoring.scenario.link import encode
from scoring.scenario.saved import moved_from
from scoring.sheetsafe import csv_text
from scoring.textsafe import markdown_text, terminal_text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rank", help="rank the vendors under a scenario")
    add_scenario_args(p)
    p.add_argument(
        "--format", choices=("table", "json", "csv", "markdown"), default="table", dest="fmt"
    )
    p.set_defaults(func=run)


@dataclass(frozen=True)
class Named:
    """The saved scenario a ranking started from, and whether weights or settings moved away."""

    id: str
    name: str
    adjusted: bool

    def title(self) -> str:
        return self.name + (" (adjusted)" if self.adjusted else "")


def named(chosen: Chosen, case: Case) -> Named | None:
    if chosen.saved is None:
        return None
    moved = moved_from(chosen.scenario, chosen.saved, case)
    return Named(chosen.saved.id, chosen.saved.name, moved)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    chosen = chosen_from_args(args, case)
    case = chosen.case or case  # a link's score overrides (edits made in the app)
    result = rank(case, chosen.scenario)
    saved = named(chosen, case)
    if args.fmt == "table":  # the terminal table closes with the decision brief
        from scoring.cli.brief import build

        sys.stdout.write(as_table(result, saved, build(case, chosen.scenario, result)))
    else:
        sys.stdout.write(FORMATS[args.fmt](result, saved))
    return 0


def as_dict(result: Ranking, saved: Named | None = None) -> dict:
    """The JSON shape of a ranking (exact numbers, not rounded); `saved` names its scenario."""
    vetoes = result.vetoes()
    outcome = method_outcome(result)
    return {
        "case": result.case.info.id,
        "scenario": saved and {"id": saved.id, "name": saved.name, "adjusted": saved.adjusted},
        "method": result.method,
        "normalization": result.normalization,
        "weights": result.weights_by_leaf(),
        "higher_is_better": result.higher_is_better,
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
        "method_results": None if outcome is None else outcome.to_dict(),
        "fingerprint": result.case.fingerprint,
        "link": encode(result.scenario, result.case, saved and saved.id),
    }


def as_json(result: Ranking, saved: Named | None = None) -> str:
    return json.dumps(as_dict(result, saved), indent=2, ensure_ascii=False) + "\n"


def as_csv(result: Ranking, saved: Named | None = None) -> str:
    """One row per vendor, exact numbers; a vendor set aside has no rank or score, and says why.

    A CSV has no title, so it does not name the saved scenario."""
    del saved
    rows: list[list] = [["rank", "vendor", "name", "score", "gap", "unknowns", "set_aside"]]
    rows += [
        [r["rank"], r["vendor"], r["name"], r["score"], r["gap"], ";".join(r["unknowns"]), ""]
        for r in result.rows()
    ]
    rows += [
        ["", e.vendor, e.name, "", "", ";".join(e.unknowns), "; ".join(e.reasons)]
        for e in result.excluded
    ]
    return csv_text(rows)


def as_markdown(result: Ranking, saved: Named | None = None) -> str:
    table = ranking_table(rank_rows(result), _names(result), result.higher_is_better)
    title = markdown_text(_title(result, saved))
    lines = [f"**{markdown_text(result.case.info.name)}**: {title}", ""]
    lines += markdown(table, markdown_text).rstrip("\n").splitlines() if result.rows() else []
    notes, aside = _footnotes(result)
    lines += [f"\n{markdown_text(note)}" for note in notes]
    if aside:
        lines += [f"\n**{SET_ASIDE}**\n", *(f"- {markdown_text(line)}" for line in aside)]
    return "\n".join(lines) + "\n"


def as_table(result: Ranking, saved: Named | None = None, brief: Brief | None = None) -> str:
    """The ranking table, its notes, who was set aside, then the brief's sentences (wrapped)."""
    table = ranking_table(rank_rows(result), _names(result), result.higher_is_better)
    head = f"{terminal_text(result.case.info.name)} - {terminal_text(_title(result, saved))}"
    out = text(table, terminal_text).splitlines()[1:] if result.rows() else []
    out = [head, *(line[2:] for line in out)]
    notes, aside = _footnotes(result)
    out += [terminal_text(note) for note in notes]
    if aside:
        out += [f"{SET_ASIDE}:", *(f"  {terminal_text(line)}" for line in aside)]
    if brief is not None and result.rows():  # with nothing ranked, the lines above say it all
        out += ["", "In brief:"]
        out += [
            textwrap.fill(
                terminal_text(s), BRIEF_WIDTH, initial_indent="  - ", subsequent_indent="    "
            )  # fmt: skip
            for s in brief.sentences
        ]
    return "\n".join(out) + "\n"


def _names(result: Ranking) -> dict[str, str]:
    return {c.id: c.name for c in result.case.all_criteria}


BRIEF_WIDTH = 100
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


def _title(result: Ranking, saved: Named | None = None) -> str:
    """'WSM on scale values', after the saved scenario's name when it started from one."""
    how = f"{METHOD_REGISTRY[result.method].short} on {result.normalization} values"
    return f"{saved.title()}: {how}" if saved else how


FORMATS = {"table": as_table, "json": as_json, "csv": as_csv, "markdown": as_markdown}
