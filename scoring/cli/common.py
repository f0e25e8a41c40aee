"""Arguments shared by the commands: where the data is, and the scenario flags."""

from __future__ import annotations

import argparse
import difflib
import sys

from pydantic import ValidationError

from scoring.load import Case, load_case
from scoring.model import METHODS, NORMALIZATIONS, Scenario
from scoring.scenario.link import WEIGHT_RULE, decode, parse_weight
from scoring.scenario.saved import DEFAULT_FOLDER, SavedScenario, find_scenario

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


def add_scenario_args(parser: argparse.ArgumentParser) -> None:
    """Flags that describe a scenario, in layers: --scenario, then --link, then explicit flags.

    Each layer overrides the settings the one below it gives (weights criterion by criterion).
    """
    add_data_args(parser)
    add_scenarios_folder_arg(parser)
    parser.add_argument(
        "--scenario",
        metavar="ID_OR_PATH",
        help="start from a saved scenario (its id in --scenarios, or a .yaml file); "
        "--link and the flags below override it",
    )
    parser.add_argument("--link", metavar="URL_OR_QUERY", help="a share link (or its query)")
    parser.add_argument("--method", choices=METHODS, help="ranking method (default wsm)")
    parser.add_argument("--normalization", choices=NORMALIZATIONS, help="default: the method's own")
    parser.add_argument(
        "--weights",
        metavar="ID=VALUE,...",
        help="raw weights for named criteria (leaf or group); others keep their defaults",
    )
    parser.add_argument(
        "--vendor",
        dest="vendor",
        nargs="+",
        action="extend",
        metavar="ID",
        help="rank only these vendors",
    )
    parser.add_argument(
        "--unknowns", choices=("worst", "midpoint"), help="how unknown values are scored"
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


def scenario_from_args(args: argparse.Namespace, case: Case) -> Scenario:
    """The saved scenario, then the link's (warnings to stderr), then each explicit flag on top."""
    fields: dict = {}
    if getattr(args, "scenario", None):
        fields = saved_scenario(args, case).scenario.model_dump(exclude_unset=True)
    if getattr(args, "link", None):
        decoded = decode(args.link, case)
        for warning in decoded.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        fields = _layered(fields, decoded.scenario.model_dump(exclude_unset=True))
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
    for name in ("samples", "seed", "weights_model", "concentration", "score_sampling"):
        value = getattr(args, name, None)
        if value is not None:
            fields[name] = value
    try:
        return Scenario(**fields)
    except ValidationError as exc:  # say which setting, in one line, without pydantic's links
        details = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg'][:1].lower()}{e['msg'][1:]}"
            for e in exc.errors(include_url=False)
        )
        raise UsageError(f"invalid scenario: {details}") from None


def _layered(below: dict, above: dict) -> dict:
    """`above`'s settings over `below`'s: weights merge per criterion, and a new method without
    a normalisation of its own takes the method's default (as --method does)."""
    out = {**below, **above}
    if "weights" in below and "weights" in above:
        out["weights"] = {**below["weights"], **above["weights"]}
    if "method" in above and "normalization" not in above:
        out.pop("normalization", None)
    return out


def scenarios_folder(args: argparse.Namespace) -> tuple[str, bool]:
    """(folder, whether the user named it): a missing default folder just means none saved."""
    folder = getattr(args, "scenarios", None)
    return (folder, True) if folder else (DEFAULT_FOLDER, False)


def saved_scenario(args: argparse.Namespace, case: Case) -> SavedScenario:
    folder, named = scenarios_folder(args)
    return find_scenario(args.scenario, folder, case, required=named)


def load(args: argparse.Namespace) -> Case:
    return load_case(args.criteria, args.vendors)
