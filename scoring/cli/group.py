"""`shortlist group LINK1 LINK2 ...`: each share link is one participant's weights; combine them.

    shortlist group 'w.regulatory_readiness=50' 'w.model_capability=60' --names Legal,Strategy

Prints each participant's weights (as shares of their group) and leader, the consensus weights and
ranking, the spread, and the disagreements that matter: criteria whose range across people spans
a change of leader (scoring/group.py). No store is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from scoring.cli.common import UsageError, add_data_args, load
from scoring.group import AGGREGATES, MAX_PARTICIPANTS, GroupResult, Participant, group
from scoring.group_ahp import JudgedSet
from scoring.load import Case
from scoring.model import Scenario
from scoring.present import group as present_group
from scoring.present import judgements as present_judgements
from scoring.present.table import markdown as table_markdown
from scoring.present.table import text as table_text
from scoring.scenario.link import decode
from scoring.textsafe import markdown_text, terminal_text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "group",
        help="combine several people's share links: consensus, spread, disagreements that matter",
        description="Each share link (or its query) is one participant's weights. Method, "
        "normalisation, vendors and unknowns come from the first link.",
    )
    add_data_args(p)
    p.add_argument("links", nargs="+", metavar="LINK", help="one share link per participant")
    p.add_argument("--names", help="participants' names, comma-separated, in the links' order")
    p.add_argument(
        "--aggregate",
        choices=list(AGGREGATES),
        default="mean",
        help="how the consensus is formed: "
        + "; ".join(f"{k}: {v.lower()}" for k, v in AGGREGATES.items())
        + ". Default: mean.",
    )
    p.add_argument(
        "--format",
        choices=("table", "json", "md"),
        default="table",
        dest="fmt",
        help="table (terminal), json, or md: a Markdown report of the round",
    )
    p.set_defaults(func=run)


def participants_from(args: argparse.Namespace, case: Case) -> list[Participant]:
    if len(args.links) > MAX_PARTICIPANTS:
        raise UsageError(f"at most {MAX_PARTICIPANTS} links, got {len(args.links)}")
    names = [n.strip() for n in args.names.split(",")] if args.names else []
    if names and len(names) != len(args.links):
        raise UsageError(f"--names gives {len(names)} names for {len(args.links)} links")
    names = names or [f"Participant {i + 1}" for i in range(len(args.links))]
    out: list[Participant] = []
    for name, link in zip(names, args.links, strict=True):
        decoded = decode(link, case)
        for warning in decoded.warnings:
            print(f"warning: {terminal_text(name)}: {warning}", file=sys.stderr)
        out.append(Participant(name[:80], decoded.scenario))
    first = out[0].scenario
    differ = [p.name for p in out[1:] if _settings(p.scenario) != _settings(first)]
    if differ:
        print(
            f"warning: {', '.join(map(terminal_text, differ))} use other settings than the first "
            "link (method, normalisation, vendors or unknowns); the group uses the first link's, "
            "so that only weights differ",
            file=sys.stderr,
        )
    return out


def _settings(s: Scenario) -> tuple:
    return (s.method, s.effective_normalization, s.vendors, s.unknowns)


def run(args: argparse.Namespace) -> int:
    case = load(args)
    write_group(case, group(case, participants_from(args, case), args.aggregate), args.fmt)
    return 0


def write_group(
    case: Case, result: GroupResult, fmt: str, judged: Sequence[JudgedSet] = ()
) -> None:
    """The group view to stdout as JSON, Markdown or the terminal table (also `round show`,
    with the round's pairwise judgements when participants gave them)."""
    if fmt == "json":
        data = result.to_dict()
        if judged:
            data["judgements"] = [j.to_dict() for j in judged]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    names = {c.id: c.name for c in case.all_criteria}
    lines = present_judgements.judgements_sentences(judged, names)
    tabled = [present_judgements.judgements_table(j, names, k) for k, j in enumerate(judged)]
    if fmt == "md":
        sys.stdout.write(markdown_report(case, result))
        for line, t in zip(lines, tabled, strict=True):
            body = table_markdown(t, markdown_text)
            sys.stdout.write(f"\n## {markdown_text(t.title)}\n\n{markdown_text(line)}\n\n{body}")
    else:
        sys.stdout.write(table(case, result))
        for line, t in zip(lines, tabled, strict=True):
            sys.stdout.write(f"\n{table_text(t, terminal_text)}{terminal_text(line)}\n")


def markdown_report(case: Case, result: GroupResult) -> str:
    """The group view as a Markdown report: the answers, then everyone's weights."""
    names = {v.id: v.name for v in case.vendors}
    lines = [
        f"# {markdown_text(case.info.name)}: the group's weights",
        "",
        f"{len(result.participants)} participants; consensus by "
        f"{AGGREGATES[result.aggregate].lower()}.",
        "",
        *(f"- {markdown_text(s)}" for s in present_group.sentences(case, result, names)),
        "",
        f"## {present_group.weights_table(case, result).title}",
        "",
        table_markdown(present_group.weights_table(case, result), markdown_text),
    ]
    return "\n".join(lines)


def table(case: Case, result: GroupResult) -> str:
    """The group view for a terminal: scoring.present.group's table and sentences."""
    names = {v.id: v.name for v in case.vendors}
    out = [
        f"{terminal_text(case.info.name)} - {len(result.participants)} participants, consensus "
        f"by {AGGREGATES[result.aggregate].lower()}",
        "",
        table_text(present_group.weights_table(case, result), terminal_text),
        "Each participant's leader: "
        + "; ".join(
            f"{terminal_text(p.name)}: {terminal_text(names[p.leader])}"
            for p in result.participants
        ),
        *(terminal_text(line) for line in present_group.sentences(case, result, names)),
    ]
    return "\n".join(out) + "\n"
