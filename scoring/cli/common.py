"""Arguments shared by the commands: where the data is, and the scenario flags."""

from __future__ import annotations

import argparse
import difflib
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from scoring.load import Case, load_case
from scoring.model import Scenario
from scoring.scenario.link import SAVED_KEY, WEIGHT_RULE, decode, layered, parse_query, parse_weight
from scoring.scenario.preference import parse_assignments
from scoring.scenario.saved import (
    DEFAULT_FOLDER,
    SavedScenario,
    ScenarioFileError,
    find_scenario,
    load_scenarios,
)
from scoring.scenario.settings import BY_FIELD, BY_KEY, SCALAR, SETTINGS, Setting, show_number

EXIT_INPUT = 2
EXIT_BUG = 1


class UsageError(Exception):
    """Bad command-line arguments: exit 2 with this message."""


def add_data_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--criteria", default="criteria", metavar="PATH", help="criteria file or folder"
    )
    parser.add_argument(
        "--vendors", default="vendors", metavar="PATH", help="vendor folder or file"
    )


def add_scenarios_folder_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenarios",
        metavar="PATH",
        help=f"folder of saved scenarios (default {DEFAULT_FOLDER}/)",
    )


def setting_help(setting: Setting, extra: str = "") -> str:
    """A flag's help from the settings table: label, help sentence, choices, default."""
    text = f"{setting.label}: {setting.help[:1].lower()}{setting.help[1:]}"
    if extra:
        text += f" {extra}"
    if setting.choices:
        text += " Choices: " + "; ".join(f"{k}: {v.lower()}" for k, v in setting.choices.items())
        text += "."
    if setting.default_text:
        text += f" Default: {setting.default_text}."
    elif setting.default is not None:
        default = setting.default
        text += f" Default: {show_number(default) if setting.is_number else default}."
    return text.replace("%", "%%")


def bounded(setting: Setting, flag: str) -> Callable[[str], float]:
    """An argparse type for a number setting that names its limits in the error."""

    def parse(text: str) -> float:
        try:
            value = setting.kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{flag} must be a number, got {text!r}") from None
        if not (setting.low <= value <= setting.high and math.isfinite(value)):
            raise argparse.ArgumentTypeError(
                f"{flag} must be from {show_number(setting.low)} to {show_number(setting.high)}, "
                f"got {text}"
            )
        return value

    return parse


def add_setting_flag(parser: argparse.ArgumentParser, setting: Setting) -> None:
    """The CLI flag of a scalar setting (choices or a bounded number), all from the table."""
    kwargs: dict = {"dest": setting.field, "default": None, "help": setting_help(setting)}
    if setting.choices:
        kwargs["choices"] = list(setting.choices)
    else:
        kwargs["type"] = bounded(setting, setting.flag)
        kwargs["metavar"] = setting.metavar
    parser.add_argument(setting.flag, **kwargs)


def add_simulation_args(parser: argparse.ArgumentParser) -> None:
    """The robustness analysis's settings (samples, seed, ...), one flag each from the table."""
    for setting in SETTINGS:
        if setting.simulation:
            add_setting_flag(parser, setting)


def add_scenario_args(parser: argparse.ArgumentParser) -> None:
    """Flags that describe a scenario, in layers: --scenario, --view, --link, explicit flags.

    Each layer overrides the settings the one below it gives (weights criterion by criterion).
    """
    add_data_args(parser)
    add_scenarios_folder_arg(parser)
    saved = BY_KEY[SAVED_KEY]
    parser.add_argument(
        saved.flag,
        metavar=saved.metavar,
        help=f"{saved.label}: start from one (its id in --scenarios, or a .yaml file); "
        "--link and the flags below override its settings, and the output names it.",
    )
    parser.add_argument(
        "--view",
        metavar="NAME",
        help="a saved view in the store (its name or id; `shortlist view list`): ranks exactly "
        "what it was saved with; --link and the flags below override it",
    )
    parser.add_argument(
        "--link",
        metavar="URL_OR_QUERY",
        help="a share link (or its query); a link that names a saved scenario (sc=...) starts "
        "from it",
    )
    add_setting_flag(parser, BY_FIELD["method"])
    add_setting_flag(parser, BY_FIELD["normalization"])
    weights = BY_FIELD["weights"]
    parser.add_argument(
        weights.flag,
        metavar=weights.metavar,
        help=f"raw weights for named criteria (leaf or group), each {weights.rule()}; "
        "others keep their defaults",
    )
    vendors = BY_FIELD["vendors"]
    parser.add_argument(
        vendors.flag,
        dest="vendor",
        nargs="+",
        action="extend",
        metavar=vendors.metavar,
        help="rank only these vendors",
    )
    add_setting_flag(parser, BY_FIELD["unknowns"])
    for setting in SETTINGS:  # a method's own settings (VIKOR's v)
        if setting.method is not None and setting.key in SCALAR:
            add_setting_flag(parser, setting)
    preference = BY_FIELD["preference"]
    parser.add_argument(
        preference.flag,
        metavar=preference.metavar,
        help=setting_help(preference, "Several criteria separated by commas."),
    )


def parse_weights(text: str, case: Case) -> dict[str, float]:
    """`a=25,b=10` -> {'a': 25.0, 'b': 10.0}, with every bad item named at once."""
    out: dict[str, float] = {}
    errors: list[str] = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            errors.append(f"{item!r} is not ID=VALUE")
            continue
        if key in out:
            errors.append(f"{key} is given more than once; keep one")
            continue
        if key not in case.by_id:
            close = difflib.get_close_matches(key, list(case.by_id), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(case.by_id)}"
            errors.append(f"unknown criterion {key!r} ({hint})")
            continue
        w = parse_weight(value)
        if w is None:
            errors.append(f"weight of {key} must be {WEIGHT_RULE}, got {value.strip()!r}")
            continue
        out[key] = w
    if errors:
        raise UsageError("--weights: " + "; ".join(errors))
    return out


@dataclass(frozen=True)
class Chosen:
    """The scenario the flags describe, and the saved scenario it started from (if any)."""

    scenario: Scenario
    saved: SavedScenario | None = None
    case: Case | None = None  # the case with the link's score overrides, when it has some

    @property
    def saved_id(self) -> str | None:
        return self.saved.id if self.saved else None


def case_and_scenario(args: argparse.Namespace) -> tuple[Case, Scenario]:
    """The case (with a link's score overrides, when it carries some) and the scenario the
    flags describe."""
    case = load(args)
    chosen = chosen_from_args(args, case)
    return chosen.case or case, chosen.scenario


def scenario_from_args(args: argparse.Namespace, case: Case) -> Scenario:
    """The saved scenario, then the link's (warnings to stderr), then each explicit flag on top."""
    return chosen_from_args(args, case).scenario


def chosen_from_args(args: argparse.Namespace, case: Case) -> Chosen:
    """Like `scenario_from_args`, with the saved scenario it started from, to name it."""
    fields: dict = {}
    saved: SavedScenario | None = None
    edited: list[Case] = []  # the case a link's score overrides give, if any
    if getattr(args, "scenario", None):
        saved = saved_scenario(args, case)
        fields = saved.scenario.model_dump(exclude_unset=True)
    if getattr(args, "view", None):
        fields, saved = _apply_link(args, case, _view_query(args), fields, saved, edited)
    link = getattr(args, "link", None)
    if link is not None:
        if not link.strip():
            raise UsageError(
                "--link is empty: give a share link or its query (e.g. --link 'm=topsis'), "
                "or leave --link out for the defaults"
            )
        fields, saved = _apply_link(args, case, link, fields, saved, edited)
    if args.method:
        fields["method"] = args.method
        if not args.normalization:
            fields.pop("normalization", None)
    if args.normalization:
        fields["normalization"] = args.normalization
    if args.weights:
        fields["weights"] = {**fields.get("weights", {}), **parse_weights(args.weights, case)}
    if args.vendor:
        unknown = [v for v in args.vendor if v not in case.vendor_by_id]
        if unknown:
            raise UsageError(
                f"--vendor: unknown vendor(s) {', '.join(unknown)} "
                f"(known: {', '.join(case.vendor_by_id)})"
            )
        fields["vendors"] = list(dict.fromkeys(args.vendor))
    if args.unknowns:
        fields["unknowns"] = args.unknowns
    if getattr(args, "preference", None):
        specs, errors = parse_assignments(args.preference, case)
        if errors:
            raise UsageError("--preference: " + "; ".join(errors))
        fields["preference"] = {**fields.get("preference", {}), **specs}
    for setting in SETTINGS:
        own = (setting.simulation or setting.method is not None) and setting.key in SCALAR
        value = getattr(args, setting.field, None) if own else None
        if value is not None:
            fields[setting.field] = value
    try:
        return Chosen(Scenario(**fields), saved, edited[-1] if edited else None)
    except ValidationError as exc:  # say which setting, in one line, without pydantic's links
        details = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg'][:1].lower()}{e['msg'][1:]}"
            for e in exc.errors(include_url=False)
        )
        raise UsageError(f"invalid scenario: {details}") from None


def _apply_link(
    args: argparse.Namespace,
    case: Case,
    link: str,
    fields: dict,
    saved: SavedScenario | None,
    edited: list[Case],
) -> tuple[dict, SavedScenario | None]:
    """The link's settings over `fields` (its warnings to stderr), and the saved scenario; the
    case its score overrides give is appended to `edited`."""
    decoded = decode(link, case, _saved_for_link(args, case, link))
    for warning in decoded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    edited += [decoded.case] if decoded.case is not None else []
    return layered(fields, decoded.scenario.model_dump(exclude_unset=True)), decoded.saved or saved


def _view_query(args: argparse.Namespace) -> str:
    """The query of the saved view --view names (the store is imported only when asked)."""
    from scoring.store import Store, views

    return views.get(Store.open(getattr(args, "db", None)), args.view).query


def _saved_for_link(args: argparse.Namespace, case: Case, link: str) -> list[SavedScenario]:
    """The saved scenarios a link's `sc` may name, read only when the link names one."""
    if not any(key == SAVED_KEY for key, _ in parse_query(link)):
        return []
    folder, named = scenarios_folder(args)
    try:
        return load_scenarios(folder, case, required=named)
    except ScenarioFileError as exc:
        n = len(exc.problems)
        print(
            f"warning: the saved scenarios have {n} problem{'s' if n != 1 else ''} "
            "(`shortlist scenarios` lists them), so the link's saved scenario is not used",
            file=sys.stderr,
        )
        return []


def scenarios_folder(args: argparse.Namespace) -> tuple[str, bool]:
    """(folder, whether the user named it): a missing default folder just means none saved."""
    folder = getattr(args, "scenarios", None)
    return (folder, True) if folder else (DEFAULT_FOLDER, False)


def saved_scenario(args: argparse.Namespace, case: Case) -> SavedScenario:
    folder, named = scenarios_folder(args)
    return find_scenario(args.scenario, folder, case, required=named)


def load(args: argparse.Namespace) -> Case:
    return load_case(args.criteria, args.vendors)
