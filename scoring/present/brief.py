"""The decision brief: who leads, how surely, and what would change it, in numbers and in words.

Built once from the ranking and the sensitivity results; it adds no maths of its own beyond
re-expressing a crossover (a share of the parent, 0..1) in the units of the sidebar slider: with
the criterion's siblings left as they are, a local share t means the raw weight t * R / (1 - t),
R being the siblings' raw total. Every view (app, CLI, reports) shows these same sentences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from scoring.case import global_weights, raw_weights
from scoring.load import Case
from scoring.methods import METHOD_REGISTRY
from scoring.outcome import Outcome, VikorOutcome, method_outcome
from scoring.present.freshness import STALE_AFTER_MONTHS, FreshnessRow, freshness_rows
from scoring.rank import Ranking
from scoring.sensitivity.analysis import SensitivityResult
from scoring.sensitivity.challenge import Challenge, IdleCriterion, UnknownThatMatters

# "No clear winner" below either bar: the margin as a share of the leader's score, or the
# leader's share of first places in the Monte Carlo run.
CLEAR_MARGIN = 0.10
CLEAR_CONFIDENCE = 0.50


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
    higher_is_better: bool = True  # False: the lowest score leads (VIKOR's Q)
    outcome: Outcome | None = None  # the method's own results (VIKOR's compromise, PROMETHEE I)
    freshness: tuple[FreshnessRow, ...] = ()  # known scores whose evidence needs a look
    freshness_months: int = STALE_AFTER_MONTHS

    @property
    def runner_up_score(self) -> float | None:
        if self.leader_score is None or self.margin is None:
            return None
        sign = 1.0 if self.higher_is_better else -1.0
        return self.leader_score - sign * self.margin

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
            # Every ranked vendor behind the leader (the analysis's list, where checked).
            "challengers": [ch.to_dict() for ch in self.challengers],
            "unknowns_that_matter": [u.to_dict() for u in self.unknowns_that_matter],
            "idle_criteria": [x.to_dict() for x in self.idle_criteria],
            "methods_disagree": [
                {"method": d.method, "leader": d.leader} for d in self.methods_disagree
            ],
            "excluded": [{"vendor": e.vendor, "reasons": list(e.reasons)} for e in self.excluded],
            "higher_is_better": self.higher_is_better,
            "method_results": None if self.outcome is None else self.outcome.to_dict(),
            "evidence_to_refresh": [
                {
                    "vendor": r.vendor,
                    "criterion": r.criterion,
                    "newest_source": r.newest.isoformat() if r.newest else None,
                    "why": r.status,
                }
                for r in self.freshness
            ],
            "sentences": list(self.sentences),
        }


def decision_brief(
    result: Ranking,
    sensitivity: SensitivityResult | None,
    sensitivity_note: str = "",
    as_of: dt.date | None = None,
) -> Brief:
    """The brief of a ranked scenario; `sensitivity` None leaves out what needs it (say why in
    `sensitivity_note`). Evidence is judged fresh or stale as of `as_of` (default today)."""
    rows = result.rows()
    leader = rows[0] if rows else None
    second = rows[1] if len(rows) > 1 else None
    margin = second["gap"] if leader and second else None
    ratio = METHOD_REGISTRY[result.method].ratio_scores
    margin_pct = _margin_pct(margin, leader["score"] if leader and ratio else None)
    conf = _confidence(result, sensitivity)
    outcome = method_outcome(result)
    # VIKOR proposing several vendors together (its conditions unmet) is no clear winner either.
    shared = isinstance(outcome, VikorOutcome) and len(outcome.compromise) > 1
    clear = leader is not None and not (
        (margin_pct is not None and margin_pct < 100 * CLEAR_MARGIN)
        or (conf is not None and conf.rank1 < CLEAR_CONFIDENCE)
        or shared
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
        higher_is_better=result.higher_is_better,
        outcome=outcome,
        freshness=freshness_rows(case, as_of),
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
    leader = result.leader
    for x in sens.stability:
        changes = sens.crossovers[x.criterion]  # one entry per swept criterion, as stability
        rest = sum(raw[c.id] for c in case.siblings(x.criterion) if c.id != x.criterion)
        if rest <= 0:  # siblings all at 0: no raw weight of this criterion alone moves its share
            continue
        # A crossover at t has the leader `from_` just below t and `to` just above: moving up
        # through it gives `to`, moving down through it gives `from_`. One exactly at the current
        # weight (a tie at the top, settled by name) flips the leader only on the side where
        # another vendor leads: a hair's move that way is enough.
        up = next((c for c in changes if c.weight >= x.weight and c.to != leader), None)
        down = next(
            (c for c in reversed(changes) if c.weight <= x.weight and c.from_ != leader), None
        )
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
    # every method ranks the same vendors, so each ranking has a first
    return tuple(MethodLeader(m, ids[0]) for m, ids in rankings.items() if ids[0] != leader)


def _with_sentences(b: Brief, result: Ranking) -> Brief:
    from dataclasses import replace

    from scoring.present.brief_words import sentences

    return replace(b, sentences=tuple(s for s in sentences(b, result) if s))
