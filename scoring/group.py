"""Group weights: several people's weights combined, and the disagreements that change the winner.

Each participant gives raw weights (a share link, or a round's submission). Weights are compared
as each criterion's share of its parent (`scoring.case.local_shares`), the numbers a person sets
against each other. For every criterion, across participants:

- the mean, the median and the spread (lowest, highest, standard deviation over the
  participants: the population formula, as the group is all the people asked, not a sample);
- the consensus share, either the mean of the normalised shares (they still sum to 1 among
  siblings) or the normalised geometric mean (Aczél & Saaty 1983: the aggregate of individual
  judgements that keeps their ratios; a criterion anyone weighs at zero gets zero). A sibling
  group whose geometric means are all zero falls back to the mean.

Each participant's leader and the consensus ranking use the same method, normalisation, vendors
and unknowns (the first participant's), so only weights differ.

A disagreement *matters* when the participants' range for a criterion spans a change of leader:
with every other criterion at the consensus, sweeping that criterion's share from the lowest to
the highest participant's value (siblings keeping their consensus proportions, as the one-way
sweep does: `scoring.sensitivity.sweep`) crosses a point where another vendor takes the lead, or
the leader anywhere in the range is not the consensus leader. The crossing points are exact for
additive methods and bisected to 1e-10 otherwise, so no grid can miss a narrow change.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from scoring.case import local_shares, raw_weights
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.model import Scenario
from scoring.rank import rank
from scoring.sensitivity.sweep import crossovers, sweepable

Aggregate = Literal["mean", "geomean"]
AGGREGATES: dict[str, str] = {
    "mean": "Mean of everyone's weights",
    "geomean": "Geometric mean (keeps the ratios between people's weights)",
}
MAX_PARTICIPANTS = 200


@dataclass(frozen=True)
class Participant:
    """One person's input: a name and the scenario their weights come from."""

    name: str
    scenario: Scenario


@dataclass(frozen=True)
class ParticipantView:
    name: str
    weights: dict[str, float]  # criterion id -> share of its parent (0..1)
    leader: str

    def to_dict(self) -> dict:
        return {"name": self.name, "weights": self.weights, "leader": self.leader}


@dataclass(frozen=True)
class Spread:
    """One criterion's shares across participants."""

    min: float
    max: float
    sd: float
    mean: float
    median: float

    @property
    def width(self) -> float:
        return self.max - self.min

    def to_dict(self) -> dict[str, float]:
        return {
            "min": self.min,
            "max": self.max,
            "sd": self.sd,
            "mean": self.mean,
            "median": self.median,
        }


@dataclass(frozen=True)
class Disagreement:
    """A criterion whose participants' range spans a change of leader: who leads where."""

    criterion: str
    leaders: tuple[str, ...]  # the leaders met across the range, low share to high
    crossings: tuple[float, ...]  # the shares inside the range where the leader changes


@dataclass(frozen=True)
class GroupResult:
    aggregate: str
    participants: tuple[ParticipantView, ...]
    consensus: dict[str, float]  # criterion id -> consensus share of its parent
    consensus_scenario: Scenario
    ranking: tuple[str, ...]  # vendor ids under the consensus, best first
    spread: dict[str, Spread]
    leader_share: dict[str, float]  # vendor id -> fraction of participants it leads for
    matters: tuple[Disagreement, ...]  # widest range first
    does_not_matter: tuple[str, ...]  # criteria people differ on without changing the leader

    @property
    def leader(self) -> str:
        return self.ranking[0]

    def to_dict(self) -> dict:
        return {
            "aggregate": self.aggregate,
            "participants": [p.to_dict() for p in self.participants],
            "consensus": {"weights": self.consensus, "ranking": list(self.ranking)},
            "spread": {cid: s.to_dict() for cid, s in self.spread.items()},
            "leader_share": self.leader_share,
            "disagreements_that_matter": [d.criterion for d in self.matters],
            "disagreements_that_do_not": list(self.does_not_matter),
            "leaders_across_range": {
                d.criterion: {"leaders": list(d.leaders), "changes_at": list(d.crossings)}
                for d in self.matters
            },
        }


def from_submissions(case: Case, common: Scenario, submissions: Sequence) -> list[Participant]:
    """A round's submissions (each with `participant`, `role`, `weights`) as participants: their
    weights over the `common` method and settings; weights of criteria the case no longer has
    are left out. One home for the app's group view and `shortlist round show`."""
    return [
        Participant(
            f"{s.participant} ({s.role})",
            common.model_copy(
                update={"weights": {k: v for k, v in s.weights.items() if k in case.by_id}}
            ),
        )
        for s in submissions
    ]


def shares_of(case: Case, scenario: Scenario) -> dict[str, float]:
    """Each criterion's share of its parent under the scenario's raw weights."""
    return local_shares(case, raw_weights(case, scenario))


def spread_of(values: Sequence[float]) -> Spread:
    return Spread(
        min=min(values),
        max=max(values),
        sd=statistics.pstdev(values) if len(values) > 1 else 0.0,
        mean=statistics.fmean(values),
        median=statistics.median(values),
    )


def consensus_shares(
    case: Case, shares: Sequence[dict[str, float]], aggregate: Aggregate = "mean"
) -> dict[str, float]:
    """The group's share of each criterion in its parent, by `aggregate`."""
    mean = {c.id: statistics.fmean(s[c.id] for s in shares) for c in case.all_criteria}
    if aggregate == "mean":
        return mean
    if aggregate != "geomean":
        raise ScenarioError(f"unknown aggregate {aggregate!r} (choose mean or geomean)")
    out: dict[str, float] = {}
    for siblings in [case.criteria] + [c.children for c in case.all_criteria if c.children]:
        geo = {c.id: _geomean([s[c.id] for s in shares]) for c in siblings}
        total = sum(geo.values())
        for c in siblings:
            out[c.id] = geo[c.id] / total if total > 0 else mean[c.id]
    return out


def _geomean(values: list[float]) -> float:
    if any(v <= 0 for v in values):
        return 0.0
    return math.exp(statistics.fmean(math.log(v) for v in values))


def group(
    case: Case, participants: Sequence[Participant], aggregate: Aggregate = "mean"
) -> GroupResult:
    """Combine participants' weights on `case`. Raises ScenarioError with the reason (no
    participants, too many, a participant whose weights rank nothing)."""
    if not participants:
        raise ScenarioError("a group needs at least one participant")
    if len(participants) > MAX_PARTICIPANTS:
        raise ScenarioError(f"at most {MAX_PARTICIPANTS} participants, got {len(participants)}")
    common = participants[0].scenario
    shares = [shares_of(case, p.scenario) for p in participants]
    views = tuple(
        ParticipantView(p.name, s, _leader_of(case, common, s, p.name))
        for p, s in zip(participants, shares, strict=True)
    )
    consensus = consensus_shares(case, shares, aggregate)
    scenario = common.model_copy(update={"weights": dict(consensus)})
    result = rank(case, scenario)
    # Never empty: must-haves do not depend on weights, and every participant's ranking (the
    # first's at least) has a vendor, or _leader_of has already said so.
    ranking = tuple(row["vendor"] for row in result.rows())
    spread = {c.id: spread_of([s[c.id] for s in shares]) for c in case.all_criteria}
    leads = [v.leader for v in views]
    leader_share = {vid: leads.count(vid) / len(leads) for vid in dict.fromkeys(leads)}
    matters, calm = _disagreements(case, scenario, spread, ranking[0])
    return GroupResult(
        aggregate, views, consensus, scenario, ranking, spread, leader_share, matters, calm
    )


def _leader_of(case: Case, common: Scenario, shares: dict[str, float], name: str) -> str:
    try:
        return rank(case, common.model_copy(update={"weights": dict(shares)})).leader
    except (ScenarioError, IndexError):
        raise ScenarioError(
            f"{name}'s weights leave no vendor to rank; give some criterion a weight"
        ) from None


def _disagreements(
    case: Case, scenario: Scenario, spread: dict[str, Spread], leader: str
) -> tuple[tuple[Disagreement, ...], tuple[str, ...]]:
    """Criteria people weigh differently, split into those whose range changes the leader
    (widest range first) and those whose range does not."""
    matters: list[Disagreement] = []
    calm: list[str] = []
    for cid in sorted(sweepable(case), key=lambda c: -spread[c].width):
        s = spread[cid]
        if s.width <= 0:
            continue  # everyone agrees
        inside = [x for x in crossovers(case, scenario, cid) if s.min < x.weight < s.max]
        at_low = _leader_at(case, scenario, cid, s.min)
        met = [at_low] + [x.to for x in inside]
        if inside or at_low != leader:
            crossings = tuple(x.weight for x in inside)
            matters.append(Disagreement(cid, tuple(dict.fromkeys(met)), crossings))
        else:
            calm.append(cid)
    return tuple(matters), tuple(calm)


def _leader_at(case: Case, scenario: Scenario, cid: str, share: float) -> str:
    """The leader with `cid` at `share` of its parent, its siblings keeping their proportions."""
    weights = dict(scenario.weights)
    siblings = [c.id for c in case.siblings(cid) if c.id != cid]
    rest = sum(weights[c] for c in siblings)
    for c in siblings:
        weights[c] = (1.0 - share) * (weights[c] / rest if rest > 0 else 1.0 / len(siblings))
    weights[cid] = share
    try:
        return rank(case, scenario.model_copy(update={"weights": weights})).leader
    except (ScenarioError, IndexError):
        return ""
