"""The decision brief: who leads, how surely, and what would change it, in numbers and in words.

Built once from the ranking and the sensitivity results; it adds no maths of its own beyond
re-expressing a crossover (a share of the parent, 0..1) in the units of the sidebar slider: with
the criterion's siblings left as they are, a local share t means the raw weight t * R / (1 - t),
R being the siblings' raw total. Every view (app, CLI, reports) shows these same sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.case import global_weights, raw_weights, shown_value
from scoring.load import Case
from scoring.methods import LABELS
from scoring.model import Criterion
from scoring.present.table import Column, Table
from scoring.present.words import (
    SCORE_SAMPLING,
    WEIGHT_MODELS,
    count,
    join_names,
    num,
    pct,
    plural,
    short,
)
from scoring.rank import Ranking
from scoring.sensitivity.analysis import SensitivityResult
from scoring.sensitivity.challenge import Challenge, IdleCriterion, UnknownThatMatters

# "No clear winner" below either bar: the margin as a share of the leader's score, or the
# leader's share of first places in the Monte Carlo run.
CLEAR_MARGIN = 0.10
CLEAR_CONFIDENCE = 0.50
FLIPS_IN_WORDS = 3  # the nearest weight changes named in the sentences; the table has them all


@dataclass(frozen=True)
class Confidence:
    rank1: float  # the leader's share of first places, 0..1
    samples: int
    seed: int
    weights_model: str
    score_sampling: str


@dataclass(frozen=True)
class Flip:
    """Setting `criterion`'s raw weight a hair beyond `weight_flip` (siblings unchanged) makes
    `new_leader` the leader; a hair short of it the leader is unchanged."""

    criterion: str
    weight_now: float
    weight_flip: float
    share_now: float  # share of the total, 0..1
    share_flip: float
    new_leader: str

    @property
    def distance(self) -> float:
        return abs(self.share_flip - self.share_now)


@dataclass(frozen=True)
class MethodLeader:
    method: str
    leader: str


@dataclass(frozen=True)
class ExcludedVendor:
    vendor: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    """The decision in numbers (ids, exact) and in sentences (names, rounded for reading)."""

    leader: str | None
    runner_up: str | None
    leader_score: float | None
    margin: float | None
    margin_pct: float | None  # percent of the leader's score
    clear_winner: bool
    confidence: Confidence | None
    flips: tuple[Flip, ...]
    challengers: tuple[Challenge, ...]
    challengers_checked: int  # of challengers_total vendors behind the leader
    challengers_total: int
    unknowns_that_matter: tuple[UnknownThatMatters, ...]
    idle_criteria: tuple[IdleCriterion, ...]
    methods_disagree: tuple[MethodLeader, ...]
    excluded: tuple[ExcludedVendor, ...]
    sentences: tuple[str, ...]
    vendor_names: dict[str, str] = field(default_factory=dict)
    criterion_names: dict[str, str] = field(default_factory=dict)
    sensitivity_note: str = ""  # why the robustness parts are missing ("" when present)

    def to_dict(self) -> dict:
        """The JSON shape of `shortlist brief --format json` (exact numbers, ids)."""
        c = self.confidence
        return {
            "leader": self.leader,
            "runner_up": self.runner_up,
            "margin": self.margin,
            "margin_pct": self.margin_pct,
            "clear_winner": self.clear_winner,
            "confidence": None
            if c is None
            else {
                "rank1": c.rank1,
                "samples": c.samples,
                "seed": c.seed,
                "weights_model": c.weights_model,
            },
            "flips": [
                {
                    "criterion": f.criterion,
                    "weight_now": f.weight_now,
                    "weight_flip": f.weight_flip,
                    "share_now": f.share_now,
                    "share_flip": f.share_flip,
                    "new_leader": f.new_leader,
                }
                for f in self.flips
            ],
            "challengers": [
                {
                    "vendor": ch.vendor,
                    "criterion": ch.criterion,
                    "value_now": ch.value_now,
                    "value_needed": ch.value_needed,
                }
                if ch.possible
                else {"vendor": ch.vendor, "criterion": None}
                for ch in self.challengers
            ],
            "unknowns_that_matter": [
                {
                    "vendor": u.vendor,
                    "criterion": u.criterion,
                    "end": u.end,
                    "value": u.value,
                    "new_leader": u.new_leader,
                }
                for u in self.unknowns_that_matter
            ],
            "idle_criteria": [
                {"criterion": x.criterion, "share": x.share, "spread": x.spread}
                for x in self.idle_criteria
            ],
            "methods_disagree": [
                {"method": d.method, "leader": d.leader} for d in self.methods_disagree
            ],
            "excluded": [{"vendor": e.vendor, "reasons": list(e.reasons)} for e in self.excluded],
            "sentences": list(self.sentences),
        }


def decision_brief(
    result: Ranking, sensitivity: SensitivityResult | None, sensitivity_note: str = ""
) -> Brief:
    """The brief of a ranked scenario; `sensitivity` None leaves out what needs it (say why in
    `sensitivity_note`)."""
    rows = result.rows()
    leader = rows[0] if rows else None
    second = rows[1] if len(rows) > 1 else None
    margin = leader["score"] - second["score"] if leader and second else None
    margin_pct = _margin_pct(margin, leader["score"] if leader else None)
    conf = _confidence(result, sensitivity)
    clear = leader is not None and not (
        (margin_pct is not None and margin_pct < 100 * CLEAR_MARGIN)
        or (conf is not None and conf.rank1 < CLEAR_CONFIDENCE)
    )
    case = result.case
    sens = sensitivity
    brief = Brief(
        leader=leader["vendor"] if leader else None,
        runner_up=second["vendor"] if second else None,
        leader_score=leader["score"] if leader else None,
        margin=margin,
        margin_pct=margin_pct,
        clear_winner=clear,
        confidence=conf,
        flips=flips(result, sens) if sens else (),
        challengers=sens.challengers.items if sens else (),
        challengers_checked=sens.challengers.checked if sens else 0,
        challengers_total=sens.challengers.total if sens else 0,
        unknowns_that_matter=sens.unknowns_that_matter if sens else (),
        idle_criteria=sens.idle_criteria if sens else (),
        methods_disagree=_methods_disagree(sens, leader["vendor"]) if sens and leader else (),
        excluded=tuple(ExcludedVendor(e.vendor, tuple(e.reasons)) for e in result.excluded),
        sentences=(),
        vendor_names={v.id: v.name for v in case.vendors},
        criterion_names={c.id: c.name for c in case.all_criteria},
        sensitivity_note="" if sens else sensitivity_note,
    )
    return _with_sentences(brief, result)


def _margin_pct(margin: float | None, top: float | None) -> float | None:
    if margin is None or top is None or top == 0:
        return None
    return 100.0 * margin / abs(top)


def _confidence(result: Ranking, sens: SensitivityResult | None) -> Confidence | None:
    if sens is None or not result.order:
        return None
    sm = sens.smaa
    i = sm.vendor_ids.index(result.leader)
    return Confidence(
        float(sm.acceptability[i, 0]), sm.samples, sm.seed, sm.weights_model, sm.score_sampling
    )


def flips(result: Ranking, sens: SensitivityResult) -> tuple[Flip, ...]:
    """For each criterion, the nearest leader change above and below its current weight, as the
    raw slider value (siblings unchanged) and as a share of the total; nearest first."""
    case = result.case
    raw = raw_weights(case, result.scenario)
    now_shares = _shares(case, raw)
    out = []
    for x in sens.stability:
        changes = sens.crossovers.get(x.criterion, ())
        rest = sum(raw[c.id] for c in case.siblings(x.criterion) if c.id != x.criterion)
        if rest <= 0:  # siblings all at 0: no raw weight of this criterion alone moves its share
            continue
        up = next((c for c in changes if c.weight > x.weight), None)
        down = next((c for c in reversed(changes) if c.weight < x.weight), None)
        # A crossover at t has the leader `from_` just below t and `to` just above: moving up
        # through it gives `to`, moving down through it gives `from_`.
        for c, new_leader in ((up, up and up.to), (down, down and down.from_)):
            if c is None or c.weight >= 1.0:
                continue
            w = c.weight * rest / (1.0 - c.weight)
            after = _shares(case, {**raw, x.criterion: w})
            flip = Flip(
                x.criterion,
                raw[x.criterion],
                w,
                now_shares[x.criterion],
                after[x.criterion],
                new_leader,
            )
            out.append(flip)
    return tuple(sorted(out, key=lambda f: (f.distance, f.criterion)))


def _shares(case: Case, raw: dict[str, float]) -> dict[str, float]:
    """Every criterion's share of the total (its leaves' global weights over all leaves')."""
    g = global_weights(case, raw)
    total = sum(g[c.id] for c in case.leaves)
    return {cid: w / total for cid, w in g.items()}


def _methods_disagree(sens: SensitivityResult, leader: str) -> tuple[MethodLeader, ...]:
    rankings = sens.methods.rankings
    return tuple(MethodLeader(m, ids[0]) for m, ids in rankings.items() if ids and ids[0] != leader)


# --- the tables -------------------------------------------------------------------------------


def flips_table(b: Brief) -> Table:
    """Every weight change that alters the leader, nearest first."""
    return Table(
        "flips",
        "What flips it: one weight moved, the others left as they are",
        (
            Column("criterion", "Criterion"),
            Column("weight_now", "Weight now", "number"),
            Column("weight_flip", "Leader changes at", "number"),
            Column("share_now", "Share of total now", "share"),
            Column("share_flip", "Share of total then", "share"),
            Column("new_leader", "New leader"),
        ),
        tuple(
            (
                _c(b, f.criterion),
                f.weight_now,
                f.weight_flip,
                f.share_now,
                f.share_flip,
                _v(b, f.new_leader),
            )  # fmt: skip
            for f in b.flips
        ),
        note="Weights are the sidebar's slider values, the others left as they are; a weight past "
        "the slider's end is reached by lowering the other weights of its group in proportion "
        "instead, which gives the same shares. A hair beyond the change point the new leader "
        "leads.",
        empty="No change of a single weight alters the leader.",
    )


def challengers_table(b: Brief, case: Case) -> Table:
    """What it would take for each other vendor to lead, in rank order."""
    rows = []
    for ch in b.challengers:
        if not ch.possible:
            rows.append((_v(b, ch.vendor), "no single score change is enough", None, None))
            continue
        now = "unknown" if ch.value_now is None else _value(case, ch.criterion, ch.value_now)
        rows.append(
            (
                _v(b, ch.vendor),
                _c(b, ch.criterion),
                now,
                _value(case, ch.criterion, ch.value_needed),
            )  # fmt: skip
        )
    left = b.challengers_total - b.challengers_checked
    note = "Values in each criterion's own scale; the vendor leads a hair beyond the needed value."
    if left > 0:
        note += f" Only the {count(b.challengers_checked)} vendors nearest the top were checked."
    return Table(
        "challengers",
        "What it would take: the smallest change of one score that puts each vendor first",
        (
            Column("vendor", "Vendor"),
            Column("criterion", "Criterion"),
            Column("value_now", "Value now", "value"),
            Column("value_needed", "Value needed", "value"),
        ),
        tuple(rows),
        note=note,
        empty="No other vendor is ranked.",
    )


# --- the sentences ----------------------------------------------------------------------------


def _with_sentences(b: Brief, result: Ranking) -> Brief:
    from dataclasses import replace

    return replace(b, sentences=tuple(s for s in sentences(b, result) if s))


def sentences(b: Brief, result: Ranking) -> list[str]:
    """The brief in words, from its numbers only; the same input always gives the same text."""
    if b.leader is None:
        return ["No vendor passes the must-haves, so nothing is ranked.", _excluded_text(b)]
    return [
        _headline(b),
        _confidence_text(b),
        *_flip_texts(b),
        _challenger_text(b, result),
        *_unknown_texts(b, result),
        _idle_text(b),
        _methods_text(b),
        _excluded_text(b),
        b.sensitivity_note and f"Robustness checks: {b.sensitivity_note}.",
    ]


def _v(b: Brief, vid: str) -> str:
    return b.vendor_names.get(vid, vid)


def _c(b: Brief, cid: str) -> str:
    return b.criterion_names.get(cid, cid)


def _headline(b: Brief) -> str:
    """Who leads and by how much, in the margin card's terms: points, and % of the leader's
    score (saying "16% ahead of B" would read as B's score times 1.16)."""
    lead = _v(b, b.leader)
    if b.runner_up is None:
        return f"{lead} is the only vendor ranked (score {num(b.leader_score)})."
    second = _v(b, b.runner_up)
    if b.margin == 0:  # "ahead by 0.0%" would read as a lead
        score = num(b.leader_score)
        return f"No clear winner: {lead} is tied for first with {second} (score {score})."
    runner = None if b.leader_score is None or b.margin is None else b.leader_score - b.margin
    gap = f"{num(b.margin)} points"
    if b.margin_pct is not None:
        gap += f", {b.margin_pct:.1f}% of the leader's score"
    if b.clear_winner:
        return (
            f"{lead} leads with a score of {num(b.leader_score)}, ahead of {second} "
            f"({num(runner)}) by {gap}."
        )
    why = (
        f"its lead over {second} ({num(runner)}) is only {gap}"
        if b.margin_pct is not None and b.margin_pct < 100 * CLEAR_MARGIN
        else f"it leads {second} ({num(runner)}) by {gap} yet ranks first in only "
        f"{pct(b.confidence.rank1 if b.confidence else None)} of the simulations"
    )
    return f"No clear winner: {lead} is ahead ({num(b.leader_score)}), but {why}."


def _confidence_text(b: Brief) -> str:
    c = b.confidence
    if c is None:
        return ""
    how = f"{WEIGHT_MODELS.get(c.weights_model, c.weights_model)}; " + SCORE_SAMPLING.get(
        c.score_sampling, c.score_sampling
    )
    return (
        f"{_v(b, b.leader)} ranks first in {pct(c.rank1)} of {count(c.samples)} simulations "
        f"({how}; seed {c.seed})."
    )


def _flip_texts(b: Brief) -> list[str]:
    """The nearest weight changes that alter the leader: who would lead, the share of the total
    first (a slider stops at its end; the same share can be reached by lowering the criterion's
    siblings in proportion), then the slider value."""
    if b.confidence is None:
        return []
    if not b.flips:
        return ["No change of a single weight alters the leader."]
    near = b.flips[:FLIPS_IN_WORDS]
    parts = [
        f"{_v(b, f.new_leader)} would lead if {_c(b, f.criterion)} carried {pct(f.share_flip)} "
        f"of the total instead of {pct(f.share_now)} (its weight at {short(f.weight_flip, 1)} "
        f"instead of {short(f.weight_now, 1)}, the other weights unchanged)"
        for f in near
    ]
    more = len(b.flips) - len(near)
    tail = f" ({plural(more, 'more change')} in the table)" if more > 0 else ""
    return ["; ".join(parts) + tail + "."]


def _value(case: Case, cid: str, x: float) -> str:
    c: Criterion = case.by_id[cid]
    if c.levels is not None:
        return shown_value(x, c)
    return f"{short(x)} {c.unit}".strip() if c.unit else short(x)


def _challenger_text(b: Brief, result: Ranking) -> str:
    if not b.challengers:
        return ""
    ch = b.challengers[0]  # the runner-up
    who = _v(b, ch.vendor)
    if not ch.possible:
        return f"No change of a single score would put {who} in the lead."
    c = result.case.by_id[ch.criterion]
    now = "unknown" if ch.value_now is None else _value(result.case, ch.criterion, ch.value_now)
    verb = "rose" if c.direction == "benefit" else "fell"
    bar = _value(result.case, ch.criterion, ch.value_needed)
    beyond = "to" if c.levels is not None else ("above" if verb == "rose" else "below")
    return f"{who} would lead if its {c.name} {verb} from {now} {beyond} {bar}."


def _unknown_texts(b: Brief, result: Ranking) -> list[str]:
    out = []
    for u in b.unknowns_that_matter:
        end = "the best" if u.end == "best" else "the worst"
        out.append(
            f"{_v(b, u.vendor)}'s {_c(b, u.criterion)} is unknown: at {end} end of its scale "
            f"({_value(result.case, u.criterion, u.value)}), {_v(b, u.new_leader)} would lead."
        )
    return out


def _idle_text(b: Brief) -> str:
    if not b.idle_criteria:
        return ""
    names = join_names([f"{_c(b, x.criterion)} ({pct(x.share)})" for x in b.idle_criteria])
    verb = "carries" if len(b.idle_criteria) == 1 else "carry"
    return (
        f"{names} {verb} weight but barely separate the vendors: they score almost the same "
        "there, so that weight hardly changes the order."
    )


def _methods_text(b: Brief) -> str:
    if b.confidence is None:
        return ""
    if not b.methods_disagree:
        return f"Every ranking method agrees that {_v(b, b.leader)} leads."
    return (
        "Other methods disagree: "
        + "; ".join(
            f"{LABELS.get(d.method, d.method)} puts {_v(b, d.leader)} first"
            for d in b.methods_disagree
        )
        + "."
    )


def _excluded_text(b: Brief) -> str:
    if not b.excluded:
        return ""
    items = "; ".join(f"{_v(b, e.vendor)} ({', '.join(e.reasons)})" for e in b.excluded)
    return f"Set aside by a must-have: {items}."
