"""Several evaluators' scores of the same vendors: per cell the mean, the spread, a flag when the
spread is wide, and whether that spread could change the leader.

Per cell (vendor x leaf criterion) with evaluators' values x_1..x_k (a level's label counts as
its number):
- the mean, and the spread max - min;
- `wide` when the spread reaches WIDE_SHARE (30%) of the criterion's scale (max - min of its
  scale, or of its levels' numbers);
- `loud` when it is wide *and* could change the leader: with every other cell at its agreed
  value, the cell at the lowest or at the highest evaluator's value gives another leader;
- the agreed value: the facilitator's consensus score when recorded (with its reason), else the
  mean (for a levels criterion, the level nearest the mean, the lower on a tie).

The agreed case's range of a cell is the evaluators' lowest to highest (for a levels criterion,
their lowest to highest level), widened to take in a consensus outside it (a range must hold its
value, as in any vendor file). Where they all agree, the case file's range stands if it holds the
agreed value (their agreement is no evidence that the file's uncertainty is gone), else none.

`agreed_case` is the case with every evaluated cell at its agreed value and, where evaluators
differ, the range [lowest, highest] as the cell's uncertainty, which the Monte Carlo analysis
samples (scoring.sensitivity). The case files stay the record: export the agreed case's vendors
(scoring.tabular.write.vendor_yaml) to keep it.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.model import Criterion, Scenario, Score
from scoring.rank import rank

WIDE_SHARE = 0.3


@dataclass(frozen=True)
class Evaluation:
    """One evaluator's score of one cell, with the evidence."""

    evaluator: str
    vendor: str
    criterion: str
    value: float | str  # a number on the scale, or a level's label
    rationale: str = ""


@dataclass(frozen=True)
class Consensus:
    value: float | str
    reason: str


@dataclass(frozen=True)
class Cell:
    vendor: str
    criterion: str
    values: dict[str, float]  # evaluator -> value as a number
    mean: float
    low: float
    high: float
    wide: bool
    loud: bool
    agreed: float | str  # what the ranking uses
    reason: str  # the consensus reason, or "" while the mean is used

    @property
    def spread(self) -> float:
        return self.high - self.low


def settled(independent: Sequence[Evaluation], discussed: Sequence[Evaluation]) -> list[Evaluation]:
    """Each evaluator's latest word per cell: their post-discussion score where they gave one,
    else their independent score. What the mean (before a consensus) is taken over."""
    latest = {(e.evaluator, e.vendor, e.criterion): e for e in independent}
    latest.update({(e.evaluator, e.vendor, e.criterion): e for e in discussed})
    return list(latest.values())


def number(c: Criterion, value: float | str) -> float:
    """A value as a number: a level's label maps to its number."""
    if isinstance(value, str):
        if not c.levels or value not in c.levels:
            raise ScenarioError(f"{value[:40]!r} is not a level of {c.id}")
        return float(c.levels[value])
    return float(value)


def _as_value(c: Criterion, x: float) -> float | str:
    """A number as the criterion takes it: for levels, the nearest level's label."""
    if not c.levels:
        return x
    return min(c.levels, key=lambda label: (abs(float(c.levels[label]) - x), c.levels[label]))


def cells(
    case: Case,
    evaluations: Sequence[Evaluation],
    consensus: Mapping[tuple[str, str], Consensus] | None = None,
    scenario: Scenario | None = None,
) -> list[Cell]:
    """Every evaluated cell, in the case's vendor and criterion order."""
    scenario = scenario or Scenario()
    consensus = consensus or {}
    by_cell: dict[tuple[str, str], dict[str, float]] = {}
    for e in evaluations:
        c = _leaf(case, e)
        by_cell.setdefault((e.vendor, e.criterion), {})[e.evaluator] = number(c, e.value)
    agreed: dict[tuple[str, str], float | str] = {}
    for key, values in by_cell.items():
        c = case.by_id[key[1]]
        agreed[key] = (
            consensus[key].value
            if key in consensus
            else _as_value(c, statistics.fmean(values.values()))
        )
    base = agreed_case(case, by_cell, agreed, with_ranges=False)
    leader = _leader(base, scenario)
    out = []
    for v in case.vendors:
        for c in case.leaves:
            key = (v.id, c.id)
            if key not in by_cell:
                continue
            values = by_cell[key]
            low, high = min(values.values()), max(values.values())
            lo_b, hi_b = c.bounds
            wide = high - low >= WIDE_SHARE * (hi_b - lo_b) - 1e-12
            loud = wide and any(
                _leader(_with(base, key, _as_value(c, x)), scenario) != leader for x in (low, high)
            )
            reason = consensus[key].reason if key in consensus else ""
            mean = statistics.fmean(values.values())
            out.append(Cell(v.id, c.id, values, mean, low, high, wide, loud, agreed[key], reason))
    return out


def _leaf(case: Case, e: Evaluation) -> Criterion:
    if e.vendor not in case.vendor_by_id:
        raise ScenarioError(f"{e.evaluator}: unknown vendor {e.vendor[:40]!r}")
    c = case.by_id.get(e.criterion)
    if c is None or not c.is_leaf:
        raise ScenarioError(f"{e.evaluator}: {e.criterion[:40]!r} is not a leaf criterion")
    return c


def _leader(case: Case, scenario: Scenario) -> str:
    try:
        return rank(case, scenario).leader
    except (ScenarioError, IndexError):
        return ""


def _with(case: Case, key: tuple[str, str], value: float | str) -> Case:
    """The case with one cell at `value`, only to be ranked (so no evidence is carried)."""
    vendors = []
    for v in case.vendors:
        if v.id == key[0]:
            v = v.model_copy(update={"scores": {**v.scores, key[1]: Score(value=value)}})
        vendors.append(v)
    return replace(case, vendors=tuple(vendors))


def _holds(c: Criterion, bounds: tuple | None, value: float | str) -> bool:
    return bounds is not None and number(c, bounds[0]) <= number(c, value) <= number(c, bounds[1])


def agreed_from(case: Case, found: Sequence[Cell]) -> Case:
    """The case as the round agreed it: each cell of `found` at its agreed value, the
    evaluators' lowest to highest as its range (for the Monte Carlo analysis)."""
    by_cell = {(c.vendor, c.criterion): c.values for c in found}
    return agreed_case(case, by_cell, {(c.vendor, c.criterion): c.agreed for c in found})


def agreed_case(
    case: Case,
    by_cell: Mapping[tuple[str, str], Mapping[str, float]],
    agreed: Mapping[tuple[str, str], float | str],
    with_ranges: bool = True,
) -> Case:
    """The case with each evaluated cell at its agreed value (and, `with_ranges`, the
    evaluators' lowest to highest as its range). Its fingerprint covers the agreed values."""
    vendors = []
    for v in case.vendors:
        scores = dict(v.scores)
        for (vid, cid), value in agreed.items():
            if vid != v.id:
                continue
            c = case.by_id[cid]
            values = list(by_cell[(vid, cid)].values())
            low, high = min(values), max(values)
            spread = with_ranges and high > low
            old = scores.get(cid)
            if spread:  # a consensus outside the evaluators' scores widens it: a range holds
                low, high = min(low, number(c, value)), max(high, number(c, value))  # its value
                kept = (_as_value(c, low), _as_value(c, high))
            else:  # they agree: the case file's uncertainty stands, where it holds the value
                kept = old.range if with_ranges and old and _holds(c, old.range, value) else None
            scores[cid] = Score(
                value=value,
                range=kept,
                rationale=old.rationale if old else "",
                sources=list(old.sources) if old else [],
            )
        vendors.append(v.model_copy(update={"scores": scores}))
    stamp = json.dumps({f"{k[0]}/{k[1]}": v for k, v in sorted(agreed.items())}, sort_keys=True)
    fingerprint = hashlib.sha256((case.fingerprint + stamp).encode()).hexdigest()
    return replace(case, vendors=tuple(vendors), fingerprint=fingerprint)
