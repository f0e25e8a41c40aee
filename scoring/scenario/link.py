"""Scenario <-> share-link query string: one encoder/decoder for the app, the CLI and reports.

A link spells out the whole scenario, so that opening it reproduces the ranking exactly:

    ?m=wsm&n=scale&w.regulatory_readiness=25&w.model_capability=25&...&v=alibaba,baidu
     &u=worst&k=10000&seed=0&wm=dirichlet&c=50&ss=uniform&fp=3f2a9c01

Every weight is written, including those at their default, so a link survives a later change of
the files' default weights. Decoding treats the query as hostile: anything unknown, malformed or
out of range is ignored with a warning naming what was used instead; it never raises.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

from scoring import limits
from scoring.case import global_weights
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.messages import capped_messages
from scoring.model import Scenario
from scoring.scenario import overrides
from scoring.scenario.overrides import OVERRIDES_KEY
from scoring.scenario.preference import (
    PreferenceTextError,
    criterion_problem,
    format_spec,
    parse_spec,
)
from scoring.scenario.preference import overrides as changed_preferences
from scoring.scenario.settings import (
    BY_FIELD,
    BY_KEY,
    PREFERENCE_PREFIX,
    SCALAR,
    SETTINGS,
    WEIGHT_PREFIX,
    format_number,
)

if TYPE_CHECKING:  # saved.py imports this module
    from scoring.scenario.saved import SavedScenario

BASE_ENV = "SHORTLIST_BASE_URL"  # where the app is served, for links made outside it
APP_CONFIG = Path(".streamlit") / "config.toml"
DEFAULT_PORT = 8501  # Streamlit's own default
MAX_QUERY_CHARS = limits.MAX_QUERY_CHARS
MAX_PARAMS = limits.MAX_PARAMS
MAX_WARNINGS_PER_KIND = limits.MAX_LINK_WARNINGS  # e.g. bad weights: five named, the rest counted
FINGERPRINT_CHARS = 8
SAVED_KEY = "sc"  # the saved scenario a link started from
FINGERPRINT_KEY = "fp"
VENDORS_KEY = BY_FIELD["vendors"].key

# How the app shows a scenario, not what it ranks: the open tab, the quadrant's axes, the
# head-to-head pair, the vendor in detail. Links carry them so a colleague sees the same charts;
# decoding the scenario skips them without a warning (the app validates them itself).
VIEW_PARAMS = frozenset({"tab", "qx", "qy", "a", "b", "d"})
KNOWN_PARAMS = frozenset(k for k in BY_KEY if not k.startswith((WEIGHT_PREFIX, PREFERENCE_PREFIX)))

__all__ = [
    "Decoded",
    "canonical",
    "decode",
    "encode",
    "format_number",
    "layered",
    "parse_query",
    "parse_weight",
    "share_url",
]


@dataclass
class Decoded:
    """What a link gave: the scenario, the saved scenario it names (when valid), warnings, and
    the case its score overrides give (None: the link changes no score)."""

    scenario: Scenario
    warnings: list[str] = field(default_factory=list)
    saved: SavedScenario | None = None
    case: Case | None = None


def encode(scenario: Scenario, case: Case, saved: str | None = None) -> str:
    """The complete query string (without '?') for a scenario on a case, in the settings
    table's order; `saved` names the saved scenario it started from (the `sc` setting)."""
    params: list[tuple[str, str]] = []
    for s in SETTINGS:
        if s.key == SAVED_KEY:
            params += [(SAVED_KEY, saved)] if saved else []
        elif s.field == "weights":
            params += [
                (WEIGHT_PREFIX + c.id, format_number(scenario.weights.get(c.id, c.weight)))
                for c in case.all_criteria
            ]
        elif s.field == "vendors":
            vendors = scenario.vendors
            params.append((s.key, ",".join(vendors or [v.id for v in case.vendors])))
        elif s.key == FINGERPRINT_KEY:
            params.append((s.key, data_fingerprint(case)[:FINGERPRINT_CHARS]))
        elif s.key == OVERRIDES_KEY:
            edits = case.origin.overrides if case.origin else None
            params += [(s.key, edits)] if edits else []
        elif s.field == "normalization":
            params.append((s.key, scenario.effective_normalization))
        elif s.method is not None and s.method != scenario.method:
            continue  # a setting of another method: it changes nothing here
        elif s.field == "preference":  # only where it differs from the criteria files
            params += [
                (PREFERENCE_PREFIX + cid, format_spec(spec))
                for cid, spec in changed_preferences(scenario.preference, case).items()
            ]
        else:
            value = getattr(scenario, s.field)
            params.append((s.key, format_number(value) if s.is_number else str(value)))
    # ':' and '=' inside a value are plain in a query; keeping them keeps `linear:q=1:p=2` legible.
    return urlencode(params, safe=",:=")


def data_fingerprint(case: Case) -> str:
    """The fingerprint a link names: of the data an edit started from, when the link carries
    the edit's score changes; else of the case itself."""
    if case.origin is not None and case.origin.overrides is not None:
        return case.origin.fingerprint
    return case.fingerprint


def share_url(
    base: str,
    scenario: Scenario,
    case: Case,
    view: Mapping[str, str] | None = None,
    saved: str | None = None,
) -> str:
    """`base` (any query dropped) + the scenario's query + optional view parameters."""
    query = encode(scenario, case, saved)
    extra = {k: v for k, v in (view or {}).items() if k in VIEW_PARAMS and v}
    if extra:
        query += "&" + urlencode(extra)
    return f"{base.split('?', 1)[0].split('#', 1)[0]}?{query}"


def configured_base(config: Path = APP_CONFIG) -> str:
    """The app's address: $SHORTLIST_BASE_URL, else http://localhost:<port>/ with the port of
    the app's configuration (`server.port` in .streamlit/config.toml), else Streamlit's 8501."""
    env = os.environ.get(BASE_ENV, "").strip()
    if env:
        return env
    try:
        port = int(tomllib.loads(config.read_text(encoding="utf-8"))["server"]["port"])
    except (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError):
        port = DEFAULT_PORT
    return f"http://localhost:{port}/"


def canonical(scenario: Scenario, case: Case) -> Scenario:
    """The same scenario with every default spelled out, as a link records it.

    Two scenarios rank identically on `case` when their canonical forms are equal, and
    `decode(encode(s, case), case).scenario == canonical(s, case)` for every valid `s`.
    """
    return scenario.model_copy(
        update={
            "weights": {
                c.id: float(scenario.weights.get(c.id, c.weight)) for c in case.all_criteria
            },
            "normalization": scenario.effective_normalization,
            "vendors": list(scenario.vendors)
            if scenario.vendors is not None
            else [v.id for v in case.vendors],
            # Another method's own setting changes nothing here, and a link leaves it out.
            **{
                st.field: st.default
                for st in SETTINGS
                if st.method is not None and st.method != scenario.method and st.is_number
            },
            "preference": changed_preferences(scenario.preference, case)
            if BY_FIELD["preference"].method == scenario.method
            else {},
        }
    )


def parse_query(link: str) -> list[tuple[str, str]]:
    """Key/value pairs of a full URL, a '?query' or a bare 'a=1&b=2' string."""
    link = link.strip()
    if "?" in link or "://" in link:
        link = urlsplit(link).query if "://" in link else link.split("?", 1)[1]
    return parse_qsl(link[:MAX_QUERY_CHARS], keep_blank_values=True)


def decode(
    query: str | Mapping[str, str | list[str]],
    case: Case,
    saved: Sequence[SavedScenario] = (),
) -> Decoded:
    """A scenario from a link's query (string or mapping), ignoring what is unusable, with warnings.

    Missing parameters take the case's defaults, or the settings of the saved scenario the link
    names (`sc`) when it is one of `saved`; a name not among them is ignored with a warning.
    Nothing here raises on bad input.
    """
    warnings: list[str] = []
    values = _values(query, warnings)
    fields: dict[str, object] = {}
    weights: dict[str, float] = {}
    unknown: list[str] = []
    unknown_weights: list[str] = []  # one warning for all of them, as for unknown parameters
    preference: dict[str, object] = {}
    applied: SavedScenario | None = None
    edited: Case | None = None
    for key, vals in values.items():
        value = vals[-1]
        if key != VENDORS_KEY and len(set(vals)) > 1:
            # Two different values for one setting: the link is ambiguous, so say which one won.
            warnings.append(
                f"{_show(key)} appears {len(vals)} times with different values; "
                f"used the last, {_show(value)}"
            )
        if key.startswith(WEIGHT_PREFIX) and key[len(WEIGHT_PREFIX) :] not in case.by_id:
            unknown_weights.append(key[len(WEIGHT_PREFIX) :])
        elif key.startswith(WEIGHT_PREFIX):
            _weight(key[len(WEIGHT_PREFIX) :], value, case, weights, warnings)
        elif key.startswith(PREFERENCE_PREFIX):
            _preference(key, value, case, preference, warnings)
        elif key in SCALAR:
            _scalar(key, value, fields, warnings)
        elif key == VENDORS_KEY:
            _vendors(vals, case, fields, warnings)
        elif key == SAVED_KEY:
            applied = _saved(value, saved, warnings)
        elif key == OVERRIDES_KEY:
            edited = overrides.apply(case, value, warnings) if value else None
        elif key == FINGERPRINT_KEY:
            if value != case.fingerprint[: len(value) or 1] or len(value) < 4:
                warnings.append(
                    f"the link was made for other data (fingerprint {_show(value)}, current data "
                    f"{case.fingerprint[:FINGERPRINT_CHARS]}); the ranking may differ from the "
                    "one the sender saw"
                )
        elif key not in VIEW_PARAMS:
            unknown.append(key)
    if unknown_weights:
        warnings.append(f"ignored the weights of unknown criteria: {_listed(unknown_weights)}")
    if unknown:
        warnings.append(f"ignored unknown parameter(s): {_listed(unknown)}")
    if weights:
        fields["weights"] = weights
    if preference:
        fields["preference"] = preference
    if applied is not None:
        fields = layered(applied.scenario.model_dump(exclude_unset=True), fields)
    if "weights" in fields and not _rankable(fields["weights"], case):
        warnings.append(
            "the link's weights leave every criterion at weight 0; used the default weights"
        )
        del fields["weights"]
    shown = capped_messages(warnings, MAX_WARNINGS_PER_KIND)
    return Decoded(Scenario(**fields), shown, applied, edited)


def layered(below: dict, above: dict) -> dict:
    """Scenario fields: `above`'s settings over `below`'s. Weights merge per criterion, and a
    new method without a normalisation of its own takes the method's default (as --method
    does)."""
    out = {**below, **above}
    for per_criterion in ("weights", "preference"):
        if per_criterion in below and per_criterion in above:
            out[per_criterion] = {**below[per_criterion], **above[per_criterion]}
    if "method" in above and "normalization" not in above:
        out.pop("normalization", None)
    return out


def _values(query: str | Mapping[str, str | list[str]], warnings: list[str]) -> dict:
    """Each key's values, in order, from at most MAX_QUERY_CHARS and MAX_PARAMS of the query."""
    if isinstance(query, str):
        if len(query) > MAX_QUERY_CHARS:
            warnings.append(
                f"the link is longer than {MAX_QUERY_CHARS} characters; the rest was cut"
            )
        pairs = parse_query(query)
    else:
        pairs = [
            (k, item) for k, v in query.items() for item in ([v] if isinstance(v, str) else list(v))
        ]
        pairs = _cut(pairs, warnings)
    if len(pairs) > MAX_PARAMS:
        warnings.append(f"the link has more than {MAX_PARAMS} parameters; the rest were ignored")
        pairs = pairs[:MAX_PARAMS]
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    return values


def _saved(sid: str, saved: Sequence[SavedScenario], warnings: list[str]) -> SavedScenario | None:
    for item in saved:
        if item.id == sid:
            return item
    known = f" (saved scenarios: {_listed([s.id for s in saved])})" if saved else ""
    warnings.append(f"{SAVED_KEY}={_show(sid)} is not a saved scenario here{known}; ignored it")
    return None


def _rankable(weights: dict[str, float], case: Case) -> bool:
    """Whether some leaf criterion keeps a positive global weight under these raw weights."""
    raw = {c.id: float(weights.get(c.id, c.weight)) for c in case.all_criteria}
    try:
        global_weights(case, raw)
    except ScenarioError:
        return False
    return True


WEIGHT_RULE = BY_FIELD["weights"].rule()


def parse_weight(text: str) -> float | None:
    """A raw weight from text, or None unless it is a finite number in the weights' limits."""
    return BY_FIELD["weights"].parse(text)


def _cut(pairs: list[tuple[str, str]], warnings: list[str]) -> list[tuple[str, str]]:
    """At most MAX_QUERY_CHARS of keys and values in all (a mapping has no string to cut)."""
    kept, total = [], 0
    for key, value in pairs:
        total += len(key) + len(value) + 2
        if total > MAX_QUERY_CHARS:
            warnings.append(
                f"the link is longer than {MAX_QUERY_CHARS} characters; the rest was cut"
            )
            break
        kept.append((key, value))
    return kept


def _listed(items: list[str], limit: int = 10) -> str:
    """Distinct items quoted, at most `limit` of them, with a count of the rest."""
    distinct = list(dict.fromkeys(items))
    shown = ", ".join(_show(x) for x in distinct[:limit])
    rest = len(distinct) - limit
    return shown + (f" and {rest} more" if rest > 0 else "")


def _show(text: str, limit: int = 40) -> str:
    """User text quoted for a message: bounded and with control characters made visible."""
    text = text if len(text) <= limit else text[:limit] + "..."
    return repr(text)


def _weight(cid: str, value: str, case: Case, weights: dict, warnings: list[str]) -> None:
    criterion = case.by_id[cid]
    w = parse_weight(value)
    if w is None:
        warnings.append(
            f"weight of {cid} = {_show(value)} is not {WEIGHT_RULE}; "
            f"used the default {format_number(criterion.weight)}"
        )
        return
    weights[cid] = w


def _preference(key: str, value: str, case: Case, out: dict, warnings: list[str]) -> None:
    """One criterion's preference function from `pf.<id>=FUNCTION[:q=Q][:p=P][:s=S]`."""
    cid = key[len(PREFERENCE_PREFIX) :]
    problem = criterion_problem(cid, case)
    if problem is not None:
        warnings.append(f"ignored {_show(key)}: {problem}")
        return
    try:
        out[cid] = parse_spec(value)
    except PreferenceTextError as exc:
        warnings.append(
            f"{key}={_show(value)}: {exc}; used the criteria files' preference function"
        )


def _scalar(key: str, value: str, fields: dict, warnings: list[str]) -> None:
    setting = SCALAR[key]
    parsed = setting.parse(value)
    if parsed is None:
        warnings.append(
            f"{key}={_show(value)} is not {setting.rule()}; used {setting.shown_default()}"
        )
        return
    fields[setting.field] = parsed


def _vendors(vals: list[str], case: Case, fields: dict, warnings: list[str]) -> None:
    ids = [v for item in vals for v in item.split(",") if v]
    known = [v for v in dict.fromkeys(ids) if v in case.vendor_by_id]
    bad = [v for v in ids if v not in case.vendor_by_id]
    if known:
        fields["vendors"] = known
    # One warning per problem: what was ignored, and what was used instead.
    used = "" if known else "; no known vendor left, used all vendors"
    if bad:
        warnings.append(f"ignored unknown vendor(s): {_listed(bad)}{used}")
    elif not known:
        warnings.append("the link selects no vendor; used all vendors")
