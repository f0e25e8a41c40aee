"""Pydantic v2 models of every file format Shortlist reads or writes.

These models are the truth about the formats; `python -m scoring schema` exports them as JSON
Schema to `schema/`. Cross-file rules (a vendor scoring an unknown criterion, a value above the
scale maximum, ...) need the whole case and live in `scoring.load`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from scoring.methods import DEFAULT_NORMALIZATION, METHOD_REGISTRY, NORMALIZATION_REGISTRY
from scoring.methods.promethee import FUNCTIONS as PREFERENCE_FUNCTIONS
from scoring.methods.promethee import REQUIRED as REQUIRED_THRESHOLD
from scoring.scenario.settings import BY_FIELD
from scoring.scenario.settings import MAX_RAW_WEIGHT as MAX_RAW_WEIGHT
from scoring.textsafe import escape_controls, has_controls

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_\-]{0,63}$",
        description="lower-case letters, digits, '_' or '-', at most 64 characters",
    ),
]


def _plain_text(text: str) -> str:
    """Long text may hold line breaks and tabs, no other control character."""
    if has_controls(text, keep="\n\r\t"):
        raise ValueError(_control_message(text))
    return text


def _one_line(text: str) -> str:
    """A name or a title is one line of text: no control character at all."""
    if has_controls(text, keep=""):
        raise ValueError(_control_message(text))
    return text


def _control_message(text: str) -> str:
    shown = escape_controls(text[:40], keep="")
    return (
        f"holds a control character ('{shown}'); text may not contain control characters "
        "(only line breaks and tabs in descriptions, rationales and summaries)"
    )


Text = Annotated[str, Field(max_length=20_000), AfterValidator(_plain_text)]
ShortText = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)]
# Finite only: a weight of .inf or a score of .nan would poison every normalisation.
Number = Annotated[float, Field(allow_inf_nan=False)]
# In the data files a number must be written as one: a quoted "2" is text, and silently reading
# it as 2 would hide a quoting mistake that `value: "8"` already reports.
FileNumber = Annotated[float, Field(allow_inf_nan=False, strict=True)]
# A source's date: a YAML date (2025-02-13), or text naming a year, a month or a span of years.
DATE_TEXT = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$|^\d{4}-\d{4}$"

# The scenario's settings are declared once, in the settings table (which reads the methods
# registry); the Scenario model's choices, limits and defaults are derived from it.
_SET = BY_FIELD
METHODS: tuple[str, ...] = tuple(METHOD_REGISTRY)
NORMALIZATIONS: tuple[str, ...] = tuple(NORMALIZATION_REGISTRY)

Method = _SET["method"].annotation()
Normalization = _SET["normalization"].annotation()
Unknowns = _SET["unknowns"].annotation()
Samples = _SET["samples"].annotation()
Seed = _SET["seed"].annotation()
WeightsModel = _SET["weights_model"].annotation()
Concentration = _SET["concentration"].annotation()
ScoreSampling = _SET["score_sampling"].annotation()
VikorV = _SET["vikor_v"].annotation()
RawWeight = _SET["weights"].annotation()


class _Strict(BaseModel):
    """Unknown fields are an error: a typo such as `wieght` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    title: ShortText
    url: Annotated[str, Field(max_length=2000)] | None = None
    date: (
        Annotated[dt.date, Field(strict=True)]
        | Annotated[str, Field(pattern=DATE_TEXT, description="YYYY, YYYY-MM or YYYY-YYYY")]
        | None
    ) = None

    @field_validator("url")
    @classmethod
    def _http_only(cls, url: str | None) -> str | None:
        if url is not None and has_controls(url, keep=""):
            raise ValueError(_control_message(url))
        if url is not None and not url.lower().startswith(("http://", "https://")):
            raise ValueError(
                f"{url[:60]!r} is not a web address: write it with http:// or https://"
            )
        return url

    @field_validator("date", mode="before")
    @classmethod
    def _year(cls, date: Any) -> Any:
        # An unquoted `date: 2024` reads as the number 2024; it means the year.
        if isinstance(date, int) and not isinstance(date, bool) and 1000 <= date <= 9999:
            return str(date)
        return date


class Scale(_Strict):
    min: FileNumber
    max: FileNumber

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if not self.min < self.max:
            raise ValueError(f"min ({self.min:g}) must be below max ({self.max:g})")
        return self


class MustHave(_Strict):
    """A knock-out threshold on a leaf criterion, in the criterion's own units (or a level)."""

    min: FileNumber | str | None = None
    max: FileNumber | str | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> MustHave:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        return self


PreferenceFunction = Literal[PREFERENCE_FUNCTIONS]  # type: ignore[valid-type]
Threshold = Annotated[FileNumber, Field(ge=0)]


class PreferenceSpec(_Strict):
    """PROMETHEE's preference function of a leaf criterion (Brans & Vincke 1985), thresholds in
    the criterion's own units: q the largest difference that is no preference, p the smallest
    that is a full one, s the Gaussian's spread. Absent: v-shape with p half the scale's width."""

    function: PreferenceFunction
    q: Threshold | None = None
    p: Threshold | None = None
    s: Threshold | None = None

    @model_validator(mode="after")
    def _thresholds(self) -> PreferenceSpec:
        name = REQUIRED_THRESHOLD[self.function]
        if name is not None and not getattr(self, name):
            raise ValueError(f"a {self.function} preference needs {name} above 0")
        if self.function in ("level", "linear") and (self.q or 0) >= (self.p or 0):
            raise ValueError(f"a {self.function} preference needs q below p")
        return self


class Criterion(_Strict):
    id: Slug
    name: ShortText
    description: Text = ""
    weight: Annotated[
        FileNumber, Field(ge=0, description="raw weight, normalised among siblings")
    ] = 1
    direction: Literal["benefit", "cost"] = "benefit"
    scale: Scale | None = None
    levels: (
        dict[
            Annotated[str, Field(min_length=1, max_length=60), AfterValidator(_one_line)],
            FileNumber,
        ]
        | None
    ) = None
    unit: Annotated[str, Field(max_length=40), AfterValidator(_one_line)] | None = None
    must_have: MustHave | None = None
    rubric: (
        dict[
            FileNumber | Annotated[str, Field(max_length=60)],
            Annotated[str, Field(max_length=2000)],
        ]
        | None
    ) = Field(
        default=None,
        description="what earns a score: {0: ..., 5: ..., 10: ...} (or by level label)",
    )
    preference: PreferenceSpec | None = None
    children: list[Criterion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _leaf_or_group(self) -> Criterion:
        if self.children:
            if self.scale is not None or self.levels is not None:
                raise ValueError("a group (with children) has no scale or levels of its own")
            if self.must_have is not None:
                raise ValueError("put must_have on a leaf criterion, not on a group")
            if self.preference is not None:
                raise ValueError("put preference on a leaf criterion, not on a group")
            return self
        if self.scale is not None and self.levels is not None:
            raise ValueError(f"criterion {self.id!r} has both scale and levels; keep one of them")
        if self.scale is None and self.levels is None:
            raise ValueError(
                f"criterion {self.id!r} needs a scale ({{min, max}}) or levels "
                "(or children, to make it a group)"
            )
        if self.levels is not None:
            if len(self.levels) < 2:
                raise ValueError("levels need at least two labels")
            if len(set(self.levels.values())) < 2:
                raise ValueError("levels need at least two different numbers")
        return self

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def bounds(self) -> tuple[float, float]:
        """The value function's domain: the declared scale, or the span of the levels."""
        if self.scale is not None:
            return float(self.scale.min), float(self.scale.max)
        if self.levels:
            vals = self.levels.values()
            return float(min(vals)), float(max(vals))
        raise ValueError(f"{self.id} is a group and has no scale")

    def walk(self) -> list[Criterion]:
        """This criterion and all its descendants, depth first."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


class CaseInfo(_Strict):
    id: Slug
    name: ShortText
    description: Text = ""


class CriteriaFile(_Strict):
    """A criteria file: the case and its tree of criteria."""

    case: CaseInfo
    criteria: list[Criterion] = Field(min_length=1)


ScoreValue = FileNumber | Annotated[str, Field(max_length=60)] | None


class Score(_Strict):
    """One vendor's score on one leaf criterion, with the evidence behind it."""

    value: ScoreValue
    range: tuple[FileNumber | str, FileNumber | str] | None = None
    rationale: Text = ""
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _bare_value(cls, data: Any) -> Any:
        # `model_capability: 8` is shorthand for `{value: 8}`.
        if not isinstance(data, dict):
            return {"value": data}
        return data

    @field_validator("value", "range", mode="before")
    @classmethod
    def _no_booleans(cls, value: Any) -> Any:
        # YAML reads yes/no/true/false as booleans; a bool silently becoming 1.0 or 0.0 would hide
        # a label that needed quotes.
        items = value if isinstance(value, list | tuple) else [value]
        if any(isinstance(item, bool) for item in items):
            raise ValueError(
                "YAML reads an unquoted yes/no/true/false as a boolean, not a score; write a "
                "number, or quote the level label (e.g. 'no')"
            )
        return value

    @model_validator(mode="after")
    def _unknown_explained(self) -> Score:
        if self.value is None and not self.rationale.strip():
            raise ValueError("an unknown value (null) must carry a rationale saying why")
        if self.value is None and self.range is not None:
            raise ValueError("an unknown value (null) cannot have a range")
        return self

    @property
    def unknown(self) -> bool:
        return self.value is None


class Link(_Strict):
    title: ShortText
    url: Annotated[str, Field(max_length=2000)]

    _http_only = field_validator("url")(Source._http_only.__func__)  # type: ignore[attr-defined]


class Vendor(_Strict):
    """A vendor file: one vendor, its scores keyed by leaf criterion id."""

    id: Slug
    name: ShortText
    summary: Text = ""
    links: list[Link] = Field(default_factory=list)
    scores: dict[str, Score] = Field(default_factory=dict)


MAX_PREFERENCES = 1_000  # per-criterion overrides in one scenario


class Scenario(_Strict):
    """What the user chose: everything needed to reproduce a ranking exactly.

    Defaults come from the data files: an empty `weights` means the files' weights, `vendors`
    None means every vendor, `normalization` None means the method's default.
    """

    weights: dict[str, RawWeight] = Field(default_factory=dict, description=_SET["weights"].help)
    method: Method = _SET["method"].model_field()
    normalization: Normalization | None = _SET["normalization"].model_field()
    vendors: list[str] | None = _SET["vendors"].model_field()
    unknowns: Unknowns = _SET["unknowns"].model_field()
    samples: Samples = _SET["samples"].model_field()
    seed: Seed = _SET["seed"].model_field()
    weights_model: WeightsModel = _SET["weights_model"].model_field()
    concentration: Concentration = _SET["concentration"].model_field()
    score_sampling: ScoreSampling = _SET["score_sampling"].model_field()
    vikor_v: VikorV = _SET["vikor_v"].model_field()
    preference: dict[Slug, PreferenceSpec] = Field(
        default_factory=dict, max_length=MAX_PREFERENCES, description=_SET["preference"].help
    )

    @property
    def effective_normalization(self) -> Normalization:
        return self.normalization or DEFAULT_NORMALIZATION[self.method]  # type: ignore[return-value]


class ScenarioFile(_Strict):
    """A saved, named scenario (`scenarios/<id>.yaml`): a point of view a team can re-apply.

    `scenario` holds exactly the Scenario fields, all optional; cross-checks against the case
    (unknown criteria or vendors, every weight zero) live in `scoring.scenario.saved`.
    """

    id: Slug
    name: ShortText
    description: Text = ""
    scenario: Scenario = Field(default_factory=Scenario)


MAX_JUDGED_ITEMS = 20  # a comparison set; about 8 is advised (Saaty's 7 +/- 2)
SAATY_MAX = 9.0


def _judgement(value: Any) -> Any:
    """A judgement on Saaty's 1-9 scale: a number, or a fraction written as text ("1/3")."""
    if isinstance(value, bool):
        raise ValueError("a judgement is a number from 1/9 to 9, not yes/no")
    if isinstance(value, str):
        top, sep, bottom = value.strip().partition("/")
        try:
            value = float(top) / float(bottom) if sep else float(top)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{value[:20]!r} is not a number or a fraction such as 1/3") from None
    if not isinstance(value, int | float) or not 1 / SAATY_MAX - 1e-9 <= value <= SAATY_MAX + 1e-9:
        raise ValueError("a judgement is a number from 1/9 to 9 (Saaty's scale)")
    return float(value)


Judgement = Annotated[float, BeforeValidator(_judgement)]


class Judgements(_Strict):
    """AHP pairwise comparisons of sibling criteria (or any items) on Saaty's 1-9 scale: 1 equal,
    3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 1/3 etc. the reverse.

    Either a full matrix over `items` (row i, column j: how much more important i is than j),
    or `pairs` [a, b, value] (a over b), which may leave some out. `parent` names the group whose
    children are compared (none: the top level).
    """

    parent: Slug | None = None
    items: Annotated[list[Slug], Field(min_length=2, max_length=MAX_JUDGED_ITEMS)] | None = None
    matrix: list[list[Judgement]] | None = None
    pairs: (
        Annotated[
            list[tuple[Slug, Slug, Judgement]],
            Field(min_length=1, max_length=MAX_JUDGED_ITEMS**2),
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _one_form(self) -> Judgements:
        if (self.matrix is None) == (self.pairs is None):
            raise ValueError("give either matrix (with items) or pairs, not both")
        if self.matrix is not None:
            if self.items is None:
                raise ValueError("a matrix needs items: the ids of its rows and columns, in order")
            n = len(self.items)
            if len(self.matrix) != n or any(len(row) != n for row in self.matrix):
                raise ValueError(f"the matrix must be {n} x {n}, one row and column per item")
        if self.items is not None and len(set(self.items)) != len(self.items):
            raise ValueError("items must not repeat")
        return self


Criterion.model_rebuild()
