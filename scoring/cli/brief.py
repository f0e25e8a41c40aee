"""`shortlist brief`: the decision in a few sentences, with what would change it.

    shortlist brief
    shortlist brief --method topsis --weights regulatory_readiness=40 --format markdown
    shortlist brief --link "m=wsm&k=10000&seed=3" --samples 20000 --format json

JSON keys: leader, runner_up, margin, margin_pct, clear_winner, confidence {rank1, samples, seed,
weights_model}, flips [...], challengers [...], unknowns_that_matter, idle_criteria,
methods_disagree, excluded, sentences. A flip's weight_flip is the raw weight that, set with
`--weights ID=VALUE`, makes new_leader the leader (a hair beyond it).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from scoring.cli.common import add_scenario_args, add_simulation_args, case_and_scenario
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.present.brief import Brief, decision_brief
from scoring.present.brief_words import challengers_table, flips_table, method_table
from scoring.present.focus import budgeted_analysis
from scoring.present.table import markdown, text
from scoring.rank import Ranking, rank
from scoring.textsafe import markdown_text, terminal_text

WIDTH = 100


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "brief",
        help="the decision in a few sentences: who leads, how surely, what would change it",
        description="The decision brief: the leader and its margin, how often it comes first "
        "when weights and scores vary, which weight changes flip it, and what it would take "
        "for each other vendor to lead.",
    )
    add_scenario_args(p)
    add_simulation_args(p)  # --samples, --seed and how weights and scores are varied
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text", dest="fmt")
    p.set_defaults(func=run)


def build(case: Case, scenario, result: Ranking | None = None) -> Brief:  # noqa: ANN001
    """Rank (or reuse `result`) and analyse, then the brief; an analysis that cannot run leaves
    its parts out."""
    result = result if result is not None else rank(case, scenario)
    try:
        # A large case runs fewer simulations (the brief says how many); `sensitivity` runs all.
        sens = budgeted_analysis(case, scenario, result) if result.order else None
        note = ""
    except ScenarioError as exc:
        sens, note = None, f"not computed ({exc})"
    return decision_brief(result, sens, note)


def run(args: argparse.Namespace) -> int:
    case, scenario = case_and_scenario(args)  # a link's score overrides applied
    brief = build(case, scenario)
    if args.fmt == "json":
        out = json.dumps(brief.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    elif args.fmt == "markdown":
        out = as_markdown(brief, case)
    else:
        out = as_text(brief, case)
    sys.stdout.write(out)
    return 0


def as_text(brief: Brief, case: Case) -> str:
    paragraphs = [textwrap.fill(terminal_text(s), WIDTH) for s in brief.sentences]
    out = ["Decision brief", "", *paragraphs]
    if brief.confidence is not None:
        out += ["", text(flips_table(brief), terminal_text)]
        out += [text(challengers_table(brief, case), terminal_text)]
    extra = method_table(brief)
    if extra is not None:
        out += ["", text(extra, terminal_text)]
    return "\n".join(out).rstrip("\n") + "\n"


def as_markdown(brief: Brief, case: Case) -> str:
    out = ["## Decision brief", "", *(f"- {markdown_text(s)}" for s in brief.sentences), ""]
    if brief.confidence is not None:
        for table in (flips_table(brief), challengers_table(brief, case)):
            out += [f"### {table.title}", "", markdown(table, markdown_text)]
    extra = method_table(brief)
    if extra is not None:
        out += [f"### {extra.title}", "", markdown(extra, markdown_text)]
    return "\n".join(out).rstrip("\n") + "\n"
