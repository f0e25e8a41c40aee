"""The scenario settings table: each setting a user can choose, declared once (after Datasette's
`SETTINGS`).

A `Setting` holds the setting's key in a share link, its `Scenario` field, its type, its limits
or choices, its default, a label and a help sentence in plain words. Everything else derives
from this table: the pydantic constraints of `scoring.model.Scenario`, the link encoder and
decoder (`scoring.scenario.link`), the CLI flags (`scoring.cli.common`,
`scoring.cli.sensitivity`), the sidebar's widgets (`ui/sidebar.py`) and the README's table of
link parameters (`python -m scoring.scenario.settings` rewrites it;
tests/unit/test_registry.py fails when a setting is missing there).

This module imports only the method registry, so that the model can read it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import Field

from scoring import limits
from scoring.methods import METHOD_REGISTRY, NORMALIZATION_REGISTRY

MAX_RAW_WEIGHT = 1e6  # a scenario's raw weight: the same bound for the CLI, links and the app
WEIGHT_PREFIX = "w."
PREFERENCE_PREFIX = "pf."
MAX_SCORE_OVERRIDES = limits.MAX_SCORE_OVERRIDES  # score changes one link carries (overrides.py)


@dataclass(frozen=True)
class Setting:
    """One scenario setting. `choices` maps each allowed value to its plain label; numbers have
    `low` and `high` (both allowed) and the `step` the app's widget moves by. `field` is None for
    a setting that names or checks the scenario without changing the ranking. `flag` is the CLI
    option; `simulation` settings only matter to the robustness analysis, so only
    `shortlist sensitivity` (and the app's robustness settings) offer them. A setting with a
    `method` only matters to that method: a link writes it, and the sidebar shows it, only
    when the scenario uses that method."""

    key: str
    field: str | None
    label: str
    help: str
    example: str
    kind: type = str
    default: Any = None
    default_text: str = ""  # how a message names the default when it is not a plain value
    allowed_text: str = ""  # what is allowed, for a setting without choices or limits
    choices: Mapping[str, str] = field(default_factory=dict)
    low: float | None = None
    high: float | None = None
    step: float | None = None
    flag: str | None = None
    metavar: str | None = None
    simulation: bool = False
    method: str | None = None

    @property
    def is_number(self) -> bool:
        return self.kind in (int, float)

    def rule(self) -> str:
        """What a valid value is, for a message: 'one of a, b' or 'a number from 1 to 10'."""
        if self.choices:
            return f"one of {', '.join(self.choices)}"
        if self.is_number:
            return f"a number from {show_number(self.low)} to {show_number(self.high)}"
        return self.allowed_text or "text"

    def shown_default(self) -> str:
        if self.default_text:
            return self.default_text
        return format_number(self.default) if self.is_number else str(self.default)

    def parse(self, text: str) -> Any:
        """The value `text` spells, or None when it is not allowed (never raises)."""
        if self.choices:
            return text if text in self.choices else None
        if not self.is_number:
            return text
        try:
            value = self.kind(text)
        except (ValueError, OverflowError):
            return None
        # The bounds first: a 400-digit whole number has no float to test for finiteness.
        if not self.low <= value <= self.high or not math.isfinite(value):
            return None
        return value

    def annotation(self) -> Any:
        """The pydantic type of the Scenario field: its choices or its limits."""
        if self.choices:
            return Literal[tuple(self.choices)]
        if self.kind is int:
            return Annotated[int, Field(ge=self.low, le=self.high)]
        if self.kind is float:
            return Annotated[float, Field(ge=self.low, le=self.high, allow_inf_nan=False)]
        return self.kind

    def model_field(self) -> Any:
        """The pydantic Field of the Scenario field: its default and help."""
        return Field(self.default, description=self.help)


def format_number(x: float) -> str:
    """Shortest exact text for a number: 25.0 -> '25', 0.1 -> '0.1'."""
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def show_number(x: float | None) -> str:
    """A bound for people: 1000000 -> '1,000,000', 0.01 -> '0.01'."""
    if x is None:
        return ""
    return f"{int(x):,}" if float(x).is_integer() else format_number(x)


_UNKNOWNS = {"worst": "The worst end of the scale", "midpoint": "The middle of the scale"}
_WEIGHTS_MODELS = {
    "dirichlet": "Close to the chosen weights",
    "uniform": "Any weights at all",
    "order": "Any weights in the chosen order of importance",
}
_SCORE_SAMPLING = {
    "uniform": "Anywhere in each score's range",
    "triangular": "Mostly near each score, within its range",
    "none": "Not at all: every score as given",
}
# The same choices as a phrase inside a sentence ("... ranks first in 95% of 10,000 simulations
# (weights varied at random around the current ones; ...)"), beside their labels so the two stay
# in step (tests/unit/test_registry.py checks the keys).
WEIGHTS_MODEL_PHRASES = {
    "uniform": "weights drawn at random with no preference at all",
    "dirichlet": "weights varied at random around the current ones",
    "order": "weights varied at random, keeping their current order of importance",
}
SCORE_SAMPLING_PHRASES = {
    "none": "scores fixed",
    "uniform": "scores drawn within their stated ranges, unknowns anywhere on their scale",
    "triangular": "scores drawn within their ranges, most often near the stated value, "
    "unknowns anywhere on their scale",
}

SETTINGS: tuple[Setting, ...] = (
    Setting(
        key="sc",
        field=None,
        label="Saved scenario",
        help="The saved scenario (from the scenarios folder) this one started from; the ranking "
        "is shown under its name. The link's other settings still say exactly what is ranked.",
        example="sc=regulator-first",
        default_text="none",
        allowed_text="the id of a saved scenario",
        flag="--scenario",
        metavar="ID_OR_PATH",
    ),
    Setting(
        key="m",
        field="method",
        label="Method",
        help="How each vendor's weighted values add up to one score.",
        example="m=topsis",
        default="wsm",
        choices={k: e.label for k, e in METHOD_REGISTRY.items()},
        flag="--method",
    ),
    Setting(
        key="n",
        field="normalization",
        label="How values are compared",
        help="How each criterion's values become 0 to 1 (1 = best) before weighting; by "
        "default the method's usual way.",
        example="n=vector",
        default_text="the method's own",
        choices={k: e.label for k, e in NORMALIZATION_REGISTRY.items()},
        flag="--normalization",
    ),
    Setting(
        key=WEIGHT_PREFIX + "<criterion id>",
        field="weights",
        label="Weight",
        help="The raw weight of a criterion (a leaf or a group); each counts as its share of "
        "its group's weights. Every weight is written, even at its default.",
        example="w.user_data=30",
        kind=float,
        default_text="the files' weight",
        low=0,
        high=MAX_RAW_WEIGHT,
        step=1.0,
        flag="--weights",
        metavar="ID=VALUE,...",
    ),
    Setting(
        key="v",
        field="vendors",
        label="Vendors to rank",
        help="The vendors compared, by id; the others are left out.",
        example="v=alibaba,baidu,tencent",
        allowed_text="vendor ids, separated by commas",
        default_text="every vendor",
        flag="--vendor",
        metavar="ID",
    ),
    Setting(
        key="u",
        field="unknowns",
        label="Score unknown values at",
        help="Where on its scale a value nobody knows counts.",
        example="u=worst",
        default="worst",
        choices=_UNKNOWNS,
        flag="--unknowns",
    ),
    Setting(
        key="vv",
        field="vikor_v",
        label="VIKOR: weight of the overall shortfall",
        help="How much VIKOR's score counts the vendor's total shortfall against its single "
        "worst one (v): 1 looks only at the total, 0 only at the worst criterion, 0.5 balances "
        "them (by consensus).",
        example="vv=0.5",
        kind=float,
        default=0.5,
        low=0.0,
        high=1.0,
        step=0.05,
        flag="--vikor-v",
        metavar="V",
        method="vikor",
    ),
    Setting(
        key=PREFERENCE_PREFIX + "<criterion id>",
        field="preference",
        label="PROMETHEE II: preference function",
        help="How PROMETHEE II turns a difference between two vendors on a criterion into a "
        "preference: usual (any difference counts fully), u-shape (only beyond q), v-shape (grows "
        "until p), level (half between q and p), linear (grows from q to p), gaussian (spread "
        "s). Thresholds are in the criterion's own units. Only criteria that differ from the "
        "criteria files are written.",
        example=PREFERENCE_PREFIX + "price=linear:q=1:p=2",
        default_text="the criteria files' (else v-shape, p = half the scale)",
        allowed_text="FUNCTION[:q=Q][:p=P][:s=S], thresholds 0 or more, q below p",
        flag="--preference",
        metavar="ID=FUNCTION[:q=Q][:p=P][:s=S],...",
        method="promethee2",
    ),
    Setting(
        key="k",
        field="samples",
        label="Simulations",
        help="How many random what-ifs the robustness check runs (SMAA samples); more is "
        "steadier and slower.",
        example="k=10000",
        kind=int,
        default=10_000,
        low=limits.MIN_SAMPLES,
        high=limits.MAX_SAMPLES,
        step=1000,
        flag="--samples",
        metavar="N",
        simulation=True,
    ),
    Setting(
        key="seed",
        field="seed",
        label="Random seed",
        help="The same seed gives the same simulations, so a result can be reproduced.",
        example="seed=0",
        kind=int,
        default=0,
        low=0,
        high=2**32 - 1,
        step=1,
        flag="--seed",
        metavar="S",
        simulation=True,
    ),
    Setting(
        key="wm",
        field="weights_model",
        label="How weights vary in simulations",
        help="How the robustness check's simulations vary the weights (the SMAA weights model).",
        example="wm=dirichlet",
        default="dirichlet",
        choices=_WEIGHTS_MODELS,
        flag="--weights-model",
        simulation=True,
    ),
    Setting(
        key="c",
        field="concentration",
        label="How close simulated weights stay",
        help="Higher keeps the simulated weights closer to the chosen ones (the Dirichlet "
        "concentration); used when weights vary close to the chosen ones.",
        example="c=50",
        kind=float,
        default=50.0,
        low=0.01,
        high=10_000.0,
        step=5.0,
        flag="--concentration",
        metavar="C",
        simulation=True,
    ),
    Setting(
        key="ss",
        field="score_sampling",
        label="How scores vary in simulations",
        help="How the simulations vary each score within its range of uncertainty.",
        example="ss=uniform",
        default="uniform",
        choices=_SCORE_SAMPLING,
        flag="--score-sampling",
        simulation=True,
    ),
    Setting(
        key="o",
        field=None,
        label="Score overrides",
        help="Scores changed in the app's editor, applied to the data the fingerprint names: "
        "vendor.criterion:value, with :low:high for a range, an empty value for an unknown; "
        "each change is checked by the same rules as the files.",
        example="o=baidu.model_quality:8,tencent.user_data:6:5:7",
        default_text="none",
        allowed_text=f"at most {MAX_SCORE_OVERRIDES} changes, separated by commas",
    ),
    Setting(
        key="fp",
        field=None,
        label="Data fingerprint",
        help="The first characters of a fingerprint of the data the link was made for; opening "
        "it on other data warns that the ranking may differ.",
        example="fp=9f439437",
        allowed_text="letters and digits (8 in a link the app makes)",
    ),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
BY_FIELD: dict[str, Setting] = {s.field: s for s in SETTINGS if s.field}
# The settings a link spells as one `key=value` with a value from a fixed set or range.
SCALAR: dict[str, Setting] = {
    s.key: s for s in SETTINGS if s.field not in (None, "weights") and (s.choices or s.is_number)
}

README_START = "<!-- settings table: generated by `python -m scoring.scenario.settings` -->"
README_END = "<!-- end of settings table -->"


def readme_table() -> str:
    """The README's table of link parameters, one row per setting, between its markers."""
    rows = [
        README_START,
        "| parameter | setting | meaning | allowed | default | example |",
        "|---|---|---|---|---|---|",
    ]
    for s in SETTINGS:
        allowed = ", ".join(f"`{c}`" for c in s.choices) if s.choices else s.rule()
        default = s.default_text or (f"`{s.shown_default()}`" if s.default is not None else "")
        flag = f" (`{s.flag}`)" if s.flag else ""
        rows.append(
            f"| `{s.key}` | {s.label}{flag} | {s.help} | {allowed} | {default} | `{s.example}` |"
        )
    rows.append(README_END)
    return "\n".join(rows)


def write_readme(path: str = "README.md") -> bool:
    """Replace the table between the markers in `path`; whether the file changed."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    new = text[:start] + readme_table() + text[end:]
    if new != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
    return new != text


if __name__ == "__main__":
    print("README.md " + ("updated" if write_readme() else "already up to date"))
