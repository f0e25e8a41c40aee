"""`shortlist view ...`: saved views in the store (see scoring/store/), from the command line.

    shortlist view save "Board view" --weights regulatory_readiness=40 --note "for the board"
    shortlist view list
    shortlist view show "Board view" --format json
    shortlist rank --view "Board view"
    shortlist view export "Board view" -o scenarios/board-view.yaml
    shortlist view import scenarios/regulator-first.yaml --name "Regulator first (team)"
    shortlist view rename "Board view" "Board view, final"
    shortlist view history "Board view, final"
    shortlist view delete "Board view, final"

The store is $SHORTLIST_DB (a file path or a database URL), else .shortlist/store.db here;
`--db` names another. Who did it is `--author`, else $SHORTLIST_AUTHOR, else the login name.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from scoring.cli.common import (
    UsageError,
    add_data_args,
    add_scenario_args,
    chosen_from_args,
    load,
)
from scoring.rank import rank
from scoring.scenario.link import configured_base
from scoring.textsafe import terminal_text

AUTHOR_ENV = "SHORTLIST_AUTHOR"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "view",
        help="saved views in the store: list, show, save, rename, delete, export, import",
        description="Saved views: named share links kept in the store ($SHORTLIST_DB, else "
        ".shortlist/store.db), each with a short link ?s=<id>.",
    )
    actions = p.add_subparsers(dest="action", required=True, parser_class=type(p))

    def action(name: str, help_text: str, data: bool = False) -> argparse.ArgumentParser:
        a = actions.add_parser(name, help=help_text, description=help_text)
        a.add_argument("--db", metavar="PATH_OR_URL", help="the store (default $SHORTLIST_DB)")
        if data:
            add_data_args(a)
        return a

    a = action("list", "every saved view: name, author, when")
    a.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    a.set_defaults(func=run_list)

    a = action("show", "one view: its settings, leader and links", data=True)
    a.add_argument("name", metavar="NAME", help="the view's name or id")
    a.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    a.set_defaults(func=run_show)

    a = actions.add_parser("save", help="save a scenario (flags or --link) as a named view")
    a.add_argument("--db", metavar="PATH_OR_URL", help="the store (default $SHORTLIST_DB)")
    a.add_argument("name", metavar="NAME", help="the view's name (unique)")
    add_scenario_args(a)
    _author(a)
    a.add_argument("--note", default="", help="a note for colleagues (at most 2000 characters)")
    a.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    a.set_defaults(func=run_save)

    a = action("rename", "give a view a new name")
    a.add_argument("name", metavar="NAME", help="the view's name or id")
    a.add_argument("new_name", metavar="NEW_NAME")
    _author(a)
    a.set_defaults(func=run_rename)

    a = action("delete", "delete a view (its history keeps what it was)")
    a.add_argument("name", metavar="NAME", help="the view's name or id")
    _author(a)
    a.set_defaults(func=run_delete)

    a = action("history", "who changed a view (or, without NAME, anything), and when")
    a.add_argument("name", metavar="NAME", nargs="?", help="the view's name or id")
    a.add_argument("--format", choices=("table", "json"), default="table", dest="fmt")
    a.set_defaults(func=run_history)

    a = action("export", "write a view as a scenario file (scenarios/*.yaml)", data=True)
    a.add_argument("name", metavar="NAME", help="the view's name or id")
    a.add_argument("-o", "--output", required=True, metavar="FILE", help="a .yaml file")
    a.add_argument("--id", dest="scenario_id", help="the scenario's id (default: from the name)")
    a.add_argument("--force", action="store_true", help="overwrite an existing file")
    a.set_defaults(func=run_export)

    a = action("import", "save a scenario file as a view", data=True)
    a.add_argument("file", metavar="FILE", help="a scenario file (.yaml)")
    a.add_argument("--name", help="the view's name (default: the scenario's name)")
    _author(a)
    a.set_defaults(func=run_import)


def _author(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--author", help=f"who does it (default ${AUTHOR_ENV}, else your login name)"
    )


def author_of(args: argparse.Namespace) -> str:
    if args.author:
        return args.author
    env = os.environ.get(AUTHOR_ENV, "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def open_store(args: argparse.Namespace):  # -> Store (imported here: only `view` pays for it)
    from scoring.store import Store

    return Store.open(args.db)


def _json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def run_list(args: argparse.Namespace) -> int:
    from scoring.store import views

    store = open_store(args)
    items = views.list_views(store)
    if args.fmt == "json":
        _json({"store": store.address, "views": [v.to_dict() for v in items]})
        return 0
    if not items:
        print(
            f"No saved views in {terminal_text(store.address)}. Save one with `shortlist view save NAME`."
        )
        return 0
    width = max(len(terminal_text(v.name)) for v in items)
    for v in items:
        print(
            f"{terminal_text(v.name):<{width}}  {v.id}  by {terminal_text(v.author)}, "
            f"{v.updated_at[:16].replace('T', ' ')} UTC"
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    from scoring.store import views
    from scoring.store.scenarios import open_view

    case = load(args)
    view = views.get(open_store(args), args.name)
    decoded = open_view(view, case)
    for warning in decoded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    result = rank(case, decoded.scenario)
    base = configured_base()
    rows = result.rows()
    data = {
        **view.to_dict(),
        "leader": rows[0]["vendor"] if rows else None,
        "ranking": [row["vendor"] for row in rows],
        "link": f"{base.split('?', 1)[0]}?{view.query}",
        "short_link": views.short_url(base, view.id),
        "warnings": decoded.warnings,
    }
    if args.fmt == "json":
        _json(data)
        return 0
    names = {v.id: terminal_text(v.name) for v in case.vendors}
    print(f"{terminal_text(view.name)} (saved by {terminal_text(view.author)}, id {view.id})")
    if view.note:
        print(f"  Note: {terminal_text(view.note)}")
    print("  Ranking: " + ", ".join(names[v] for v in data["ranking"]))
    print(f"  Short link: {data['short_link']}")
    print(f"  Long link: {data['link']}")
    return 0


def run_save(args: argparse.Namespace) -> int:
    from scoring.store import views
    from scoring.store.scenarios import view_query

    case = load(args)
    chosen = chosen_from_args(args, case)
    rank(case, chosen.scenario)  # never save a view that cannot be ranked
    query = view_query(chosen.scenario, case, chosen.saved_id)
    view = views.save(open_store(args), args.name, author_of(args), query, note=args.note)
    if args.fmt == "json":
        _json({**view.to_dict(), "short_link": views.short_url(configured_base(), view.id)})
    else:
        print(f"Saved {terminal_text(view.name)!r} (id {view.id}).")
        print(f"Short link: {views.short_url(configured_base(), view.id)}")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from scoring.store import views

    view = views.rename(open_store(args), args.name, args.new_name, author_of(args))
    print(f"Renamed to {terminal_text(view.name)!r} (id {view.id}).")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from scoring.store import views

    view = views.delete(open_store(args), args.name, author_of(args))
    print(f"Deleted {terminal_text(view.name)!r}; `shortlist view history {view.id}` keeps it.")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from scoring.store import NotFound, views

    store = open_store(args)
    item = None
    if args.name:
        try:
            item = views.get(store, args.name).id
        except NotFound:
            item = args.name  # a deleted view's id still has its history
    changes = store.history(item)
    if args.fmt == "json":
        _json([c.__dict__ for c in changes])
        return 0
    if not changes:
        print("No changes recorded.")
    for c in changes:
        what = c.detail.get("name") or c.detail.get("to") or ""
        print(
            f"{c.at[:19].replace('T', ' ')} UTC  {terminal_text(c.who)} {c.action} {c.kind} "
            f"{c.item_id} {terminal_text(what)}".rstrip()
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from scoring.store import views
    from scoring.store.scenarios import scenario_yaml, write_text_atomic

    out = Path(args.output)
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"-o must end in .yaml or .yml, got {terminal_text(args.output)!r}")
    if (out.exists() or out.is_symlink()) and not args.force:
        raise UsageError(f"{terminal_text(args.output)} exists; pass --force to overwrite it")
    if not out.parent.is_dir():
        raise UsageError(f"no such folder: {terminal_text(str(out.parent))}")
    case = load(args)
    view = views.get(open_store(args), args.name)
    write_text_atomic(out, scenario_yaml(view, case, args.scenario_id))
    print(
        f"Wrote {terminal_text(args.output)}: `shortlist rank --scenario {terminal_text(args.output)}`"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from scoring.store.scenarios import import_scenario

    case = load(args)
    view = import_scenario(open_store(args), args.file, case, author_of(args), args.name)
    print(f"Saved {terminal_text(view.name)!r} (id {view.id}).")
    return 0
