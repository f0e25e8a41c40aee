"""`shortlist round ...`: team rounds in the store from the command line (the app's Team round tab).

    shortlist round open "Partner weights" --author Fay          # prints the two links
    shortlist round submit ROUND --name Lee --role Legal --weights regulatory_readiness=60
    shortlist round submit ROUND --name Kim --role CFO --judgements pairs.yaml  # AHP instead
    shortlist round show ROUND --token TOKEN                     # the group view
    shortlist round score ROUND --evaluator Ann --cell alibaba.model_quality=8 --rationale "..."
    shortlist round cells ROUND --token TOKEN                    # every evaluator's scores per cell
    shortlist round agree ROUND --token TOKEN --cell alibaba.model_quality=7 --reason "..."
    shortlist round export ROUND --token TOKEN -o agreed/          # vendor YAML (or a .xlsx)
    shortlist round link ROUND --token TOKEN                       # a link ranking with them
    shortlist round report ROUND --token TOKEN -o round.html       # also .md, .pdf or .xlsx
    shortlist round delete ROUND --token TOKEN --name Lee [--scores]  # kept in the history
    shortlist round history ROUND --token TOKEN [--cell alibaba.model_quality]
    shortlist round close ROUND --token TOKEN

The facilitator's TOKEN is printed once by `open` (it is the `ft=` of the facilitator link).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from scoring.cli.common import (
    UsageError,
    add_data_args,
    add_scenario_args,
    chosen_from_args,
    load,
)
from scoring.cli.group import write_group
from scoring.cli.view import author_of, open_store
from scoring.group import AGGREGATES, from_submissions, group
from scoring.group_ahp import as_set, check_sets, judged_sets, judged_weights
from scoring.load import Case
from scoring.model import Scenario
from scoring.scenario.link import configured_base
from scoring.textsafe import terminal_text

ROUND_REPORT_FORMATS = ("md", "html", "pdf", "xlsx")  # the writers that lay out its sections


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "round",
        help="team rounds in the store: open, submit weights or scores, show, agree, close",
        description="Team rounds (the app's Team round tab) from the command line.",
    )
    actions = p.add_subparsers(dest="action", required=True, parser_class=type(p))

    def action(name: str, help_text: str, data: bool = True) -> argparse.ArgumentParser:
        a = actions.add_parser(name, help=help_text, description=help_text)
        a.add_argument("--db", metavar="PATH_OR_URL", help="the store (default $SHORTLIST_DB)")
        if name != "open":
            a.add_argument("round", metavar="ROUND", help="the round's id (its link's round=)")
        if data:
            add_data_args(a)
        return a

    a = action("open", "open a round; prints the participant and facilitator links", data=False)
    a.add_argument("title")
    a.add_argument("--level", choices=("top", "all"), default="top", help="what to weigh")
    a.add_argument("--show-others", action="store_true", help="inputs visible before submitting")
    a.add_argument("--closes", metavar="YYYY-MM-DD", help="closes at the end of this day (UTC)")
    a.add_argument("--author", help="the facilitator's name")
    a.set_defaults(func=run_open)

    a = actions.add_parser("submit", help="submit your weights (scenario flags or --link)")
    a.add_argument("--db", metavar="PATH_OR_URL", help="the store (default $SHORTLIST_DB)")
    a.add_argument("round", metavar="ROUND")
    add_scenario_args(a)
    a.add_argument("--name", required=True, help="your name")
    a.add_argument("--role", required=True, help="your role")
    a.add_argument(
        "--judgements",
        action="append",
        metavar="FILE",
        help="AHP pairwise judgements instead of weights for one group of criteria (the format of "
        "`shortlist weights ahp`); repeat for each group the round weighs",
    )
    a.set_defaults(func=run_submit)

    a = action("show", "the group view of the submissions you may see")
    a.add_argument("--token", help="the facilitator's token (sees everything)")
    a.add_argument("--name", help="your name (a participant sees the others once submitted)")
    a.add_argument("--aggregate", choices=list(AGGREGATES), default="mean")
    a.add_argument("--format", choices=("table", "json", "md"), default="table", dest="fmt")
    a.set_defaults(func=run_show)

    a = action("score", "submit an evaluator's scores of cells (vendor.criterion=value)")
    a.add_argument("--evaluator", required=True)
    a.add_argument("--cell", action="append", required=True, metavar="VENDOR.CRITERION=VALUE")
    a.add_argument("--rationale", default="", help="why (applies to each --cell given)")
    a.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="URL",
        help="an http(s) link to the evidence (repeatable; applies to each --cell given)",
    )
    a.add_argument("--phase", choices=("independent", "discussed"), default="independent")
    a.set_defaults(func=run_score)

    a = action("cells", "every evaluator's score per cell: mean, spread, flags, agreed value")
    a.add_argument("--token", help="the facilitator's token (sees everything)")
    a.add_argument("--evaluator", help="your name (an evaluator sees the others once scored)")
    a.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    a.set_defaults(func=run_cells)

    a = action(
        "export", "write the agreed scores with their evidence: vendor YAML files or a sheet"
    )
    a.add_argument("--token", help="the facilitator's token (sees everything)")
    a.add_argument("--evaluator", help="your name (an evaluator sees the others once scored)")
    a.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR_OR_SHEET",
        help="a folder for one YAML file per vendor, or a .csv/.xlsx score sheet",
    )
    a.add_argument("--force", action="store_true", help="overwrite an existing sheet")
    a.set_defaults(func=run_export)

    a = action("link", "a share link that ranks with the agreed scores (no store needed)")
    a.add_argument("--token", help="the facilitator's token (sees everything)")
    a.add_argument("--evaluator", help="your name (an evaluator sees the others once scored)")
    a.set_defaults(func=run_link)

    a = action("report", "the round's report (md, html, pdf, xlsx): ranking, group view, scores")
    a.add_argument("--token", help="the facilitator's token (sees everything)")
    a.add_argument("--name", help="your name (you see the others' inputs once you gave yours)")
    a.add_argument("--aggregate", choices=list(AGGREGATES), default="mean")
    a.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=".md, .html, .pdf or .xlsx"
    )
    a.add_argument("--format", dest="fmt", choices=ROUND_REPORT_FORMATS)
    a.add_argument(
        "--no-sensitivity",
        dest="sensitivity",
        action="store_false",
        help="leave the sensitivity analysis out (faster)",
    )
    a.set_defaults(func=run_report)

    a = action("agree", "record the consensus score of a cell, with the reason", data=False)
    a.add_argument("--token", required=True)
    a.add_argument("--cell", required=True, metavar="VENDOR.CRITERION=VALUE")
    a.add_argument("--reason", required=True)
    a.add_argument("--author", help="who agreed it")
    a.set_defaults(func=run_agree)

    a = action("delete", "delete a participant's weights or an evaluator's scores", data=False)
    a.add_argument("--token", required=True)
    a.add_argument("--name", required=True, help="whose input")
    a.add_argument("--scores", action="store_true", help="their scores, not their weights")
    a.add_argument("--author", help="who deletes it")
    a.set_defaults(func=run_delete)

    a = action("history", "who did what in the round, when (facilitator)", data=False)
    a.add_argument("--token", required=True)
    a.add_argument("--cell", metavar="VENDOR.CRITERION", help="only this cell's changes")
    a.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    a.set_defaults(func=run_history)

    a = action("close", "close the round: no more submissions", data=False)
    a.add_argument("--token", required=True)
    a.add_argument("--author", help="who closes it")
    a.set_defaults(func=run_close)


def run_open(args: argparse.Namespace) -> int:
    from scoring.store import rounds

    closes = None
    if args.closes:
        try:
            day = datetime.strptime(args.closes, "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            raise UsageError(f"--closes must be YYYY-MM-DD, got {args.closes[:20]!r}") from None
        closes = day.replace(hour=23, minute=59, second=59)
    r, token = rounds.open_round(
        open_store(args), args.title, author_of(args), args.level, args.show_others, closes
    )
    base = configured_base().split("?", 1)[0]
    participant = f"{base}?round={r.id}&tab=Team+round"
    print(f"Opened {terminal_text(r.title)!r}: round {r.id}")
    print(f"Participant link: {participant}")
    print(f"Facilitator link (keep it private): {participant}&ft={token}")
    print(f"Facilitator token: {token}")
    return 0


def run_submit(args: argparse.Namespace) -> int:
    from scoring.case import raw_weights
    from scoring.store import rounds

    case = load(args)
    store = open_store(args)
    r = rounds.get_round(store, args.round)
    scenario = chosen_from_args(args, case).scenario
    sets = None
    if args.judgements:
        sets = [_judgement_set(case, path) for path in args.judgements[:50]]
        check_sets(case, r.level, sets)
        scenario = scenario.model_copy(update={"weights": judged_weights(case, scenario, sets)})
    raw = raw_weights(case, scenario)
    level = case.criteria if r.level == "top" else case.all_criteria
    rounds.submit(store, r.id, args.name, args.role, {c.id: raw[c.id] for c in level}, sets)
    how = "judgements" if sets else "weights"
    print(f"Submitted {terminal_text(args.name)}'s {how} to {terminal_text(r.title)!r}.")
    return 0


def _judgement_set(case: Case, path: str) -> dict:
    from scoring.weights import JudgementsError, check_judgements, load_judgements

    j, doc = load_judgements(path)
    problems = check_judgements(j, doc, list(case.by_id))
    if problems:
        raise JudgementsError(problems)
    return as_set(j)


def run_show(args: argparse.Namespace) -> int:
    from scoring.store import rounds

    case = load(args)
    store = open_store(args)
    seen = rounds.visible_submissions(store, args.round, args.name, args.token)
    if seen is None:
        raise UsageError("you see the others' weights once you have submitted yours (--name)")
    if not seen:
        print("No one has submitted yet.")
        return 0
    write_group(
        case,
        group(case, from_submissions(case, Scenario(), seen), args.aggregate),
        args.fmt,
        judged_sets(seen, [c.id for c in case.all_criteria]),
    )
    return 0


def parse_cell(text: str) -> tuple[str, str, float | str]:
    """'alibaba.model_quality=8' -> ('alibaba', 'model_quality', 8.0); a level stays its label."""
    where, sep, value = text.partition("=")
    vendor, dot, criterion = where.partition(".")
    if not (sep and dot and vendor and criterion and value):
        raise UsageError(f"--cell must be VENDOR.CRITERION=VALUE, got {text[:60]!r}")
    try:
        return vendor, criterion, float(value)
    except ValueError:
        return vendor, criterion, value


def run_score(args: argparse.Namespace) -> int:
    from scoring.evaluators import Evaluation, number
    from scoring.store import evaluations

    case = load(args)
    cells = []
    for text in args.cell:
        vendor, criterion, value = parse_cell(text)
        c = case.by_id.get(criterion)
        if vendor not in case.vendor_by_id or c is None or not c.is_leaf:
            raise UsageError(f"--cell {text[:60]!r}: no such vendor or leaf criterion")
        number(c, value)  # a level's label must be one of the criterion's levels
        Evaluation(args.evaluator, vendor, criterion, value)
        cells.append(
            {
                "vendor": vendor,
                "criterion": criterion,
                "value": value,
                "rationale": args.rationale,
                "sources": [{"title": url[:200], "url": url} for url in args.source[:20]],
            }
        )
    n = evaluations.submit_scores(open_store(args), args.round, args.evaluator, cells, args.phase)
    print(f"Recorded {n} score{'s' if n != 1 else ''} from {terminal_text(args.evaluator)}.")
    return 0


def run_cells(args: argparse.Namespace) -> int:
    from scoring.evaluators import cells
    from scoring.present.evaluations import cells_sentences, cells_table
    from scoring.present.table import text as table_text
    from scoring.store.seen import seen_by

    case = load(args)
    seen = seen_by(open_store(args), args.round, args.evaluator, args.token)
    if seen is None or not (seen.independent or seen.discussed or args.token):
        raise UsageError("you see the others' scores once you have scored (--evaluator)")
    now = cells(case, seen.latest, seen.consensus)
    if args.fmt == "json":
        data = [{**c.__dict__, "spread": c.spread} for c in now]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    names = {v.id: v.name for v in case.vendors}
    before = cells(case, seen.independent, seen.consensus)
    sys.stdout.write(table_text(cells_table(case, before, now, names), terminal_text))
    for line in cells_sentences(case, now, names):
        print(terminal_text(line))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from scoring.agreed import agreed_record
    from scoring.evaluators import cells
    from scoring.safeio import write_folder
    from scoring.store.seen import seen_by
    from scoring.tabular import is_sheet
    from scoring.tabular.write import sheet_rows, vendor_yaml, write_sheet

    case = load(args)
    store = open_store(args)
    seen = seen_by(store, args.round, args.evaluator, args.token)
    latest = seen.latest if seen else []
    if not latest:
        raise UsageError(
            "no scores to export: you see the others' scores once you have scored (--evaluator)"
        )
    found = cells(case, latest, seen.consensus)
    record = agreed_record(case, found, latest)
    out = Path(args.output)
    if is_sheet(out):
        if (out.exists() or out.is_symlink()) and not args.force:
            raise UsageError(f"{terminal_text(args.output)} exists; pass --force to overwrite it")
        write_sheet(sheet_rows(record.vendors, [c.id for c in case.leaves]), out)
    else:
        write_folder(out, {f"{v.id}.yaml": vendor_yaml(v) for v in record.vendors})
    print(
        f"Wrote the agreed scores of {len(found)} cells ({len(record.vendors)} vendors) to "
        f"{terminal_text(args.output)}."
    )
    return 0


def run_link(args: argparse.Namespace) -> int:
    """The app's "Rank with the agreed scores" as a link: the agreed values and the evaluators'
    ranges as score changes (o=), for `shortlist rank --link` or a browser."""
    from scoring.agreed import agreed_scores
    from scoring.evaluators import cells
    from scoring.scenario.link import share_url
    from scoring.store.seen import seen_by

    case = load(args)
    seen = seen_by(open_store(args), args.round, args.evaluator, args.token)
    if not (seen and seen.latest):
        raise UsageError("no scores yet, or you see them once you have scored (--evaluator)")
    agreed = agreed_scores(case, cells(case, seen.latest, seen.consensus))
    if agreed.origin is not None and agreed.origin.overrides is None:
        raise UsageError(
            "the agreed scores are more than a share link carries; write them to files with "
            f"`shortlist round export {terminal_text(args.round)} -o agreed/` and rank those"
        )
    print(share_url(configured_base(), Scenario(), agreed))
    return 0


def run_report(args: argparse.Namespace) -> int:
    from scoring.cli.report import report_format
    from scoring.report import write_report
    from scoring.report.round import round_report_data
    from scoring.safeio import check_target
    from scoring.store.seen import seen_by

    fmt = report_format(args.fmt, args.output)
    if fmt not in ROUND_REPORT_FORMATS:
        raise UsageError(
            f"a round's report is {', '.join(ROUND_REPORT_FORMATS)}: the formats that carry the "
            f"group view (participants, spread, consensus, evaluators' scores); a {fmt} file "
            "holds one table, so for the ranking alone use `shortlist report -o ranking.csv`"
        )
    out = Path(args.output)
    check_target(out)
    case = load(args)
    store = open_store(args)
    inputs = seen_by(store, args.round, args.name, args.token)
    if inputs is None:
        raise UsageError("you see the round once you have given your input (--name)")
    data = round_report_data(case, Scenario(), inputs, args.aggregate, sensitivity=args.sensitivity)
    size = write_report(data, fmt, out)
    print(f"wrote {terminal_text(str(out))} ({size:,} bytes, {fmt})")
    return 0


def run_agree(args: argparse.Namespace) -> int:
    from scoring.store import evaluations

    vendor, criterion, value = parse_cell(args.cell)
    evaluations.record_consensus(
        open_store(args), args.round, args.token, author_of(args), vendor, criterion, value,
        args.reason,
    )  # fmt: skip
    print(f"Agreed {vendor}.{criterion} = {terminal_text(str(value))}.")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from scoring.store import evaluations, rounds

    store = open_store(args)
    if args.scores:
        n = evaluations.delete_scores(store, args.round, args.token, args.name, author_of(args))
        print(f"Deleted {n} scores from {terminal_text(args.name)}; the history keeps them.")
    else:
        rounds.delete_submission(store, args.round, args.token, args.name, author_of(args))
        print(f"Deleted {terminal_text(args.name)}'s weights; the history keeps them.")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from scoring.present.history import history_table
    from scoring.present.table import text as table_text
    from scoring.store import Refused, evaluations, rounds

    store = open_store(args)
    r = rounds.get_round(store, args.round)
    if not rounds.is_facilitator(store, r.id, args.token):
        raise Refused("only the facilitator link can read the round's history")
    if args.cell:
        vendor, dot, criterion = args.cell.partition(".")
        if not (dot and vendor and criterion):
            raise UsageError(f"--cell must be VENDOR.CRITERION, got {args.cell[:60]!r}")
        changes = evaluations.cell_history(store, r.id, vendor, criterion)
    else:
        changes = store.history(r.id, limit=5000)
    if args.fmt == "json":
        data = [c.__dict__ for c in changes]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    sys.stdout.write(table_text(history_table(changes), terminal_text))
    return 0


def run_close(args: argparse.Namespace) -> int:
    from scoring.store import rounds

    r = rounds.close_round(open_store(args), args.round, args.token, author_of(args))
    print(f"Closed {terminal_text(r.title)!r}.")
    return 0
