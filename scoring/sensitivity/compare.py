"""Method comparison: the ranking under every method side by side, with rank correlations.

Each method uses its own default normalisation, except the scenario's chosen method, which keeps
the scenario's normalisation (so its column is exactly the main ranking). Agreement with the
chosen method is measured by Kendall's tau-b and Spearman's rho over the competition ranks
(scipy.stats); both are None when undefined (fewer than two vendors, or all tied).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import pandas as pd
from scipy import stats

from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.methods import LABELS, METHODS
from scoring.model import DEFAULT_NORMALIZATION, Scenario
from scoring.rank import Ranking, rank


@dataclass(frozen=True)
class MethodComparison:
    """rankings: {method: vendor ids best first}; ranks: {method: {vendor: rank}}."""

    chosen: str
    vendor_ids: tuple[str, ...]
    vendor_names: tuple[str, ...]
    normalizations: dict[str, str]
    rankings: dict[str, tuple[str, ...]]
    ranks: dict[str, dict[str, int]]
    kendall_tau: dict[str, float | None]
    spearman_rho: dict[str, float | None]
    skipped: dict[str, str] = field(default_factory=dict)  # method -> why it cannot apply

    @property
    def differs(self) -> tuple[str, ...]:
        """Vendors whose rank under some method differs from their rank under the chosen one."""
        base = self.ranks[self.chosen]
        return tuple(
            v for v in self.vendor_ids if any(self.ranks[m][v] != base[v] for m in self.ranks)
        )

    def table(self) -> pd.DataFrame:
        """One row per vendor (chosen method's order): its rank under each method and a flag."""
        flagged = set(self.differs)
        names = dict(zip(self.vendor_ids, self.vendor_names, strict=True))
        rows = [
            {
                "vendor": v,
                "name": names[v],
                **{LABELS[m]: self.ranks[m][v] for m in self.ranks},
                "differs": v in flagged,
            }
            for v in self.rankings[self.chosen]
        ]
        return pd.DataFrame(rows)

    def to_dict(self) -> dict:
        """The issue's shape, {method: [vendor ids best first], "kendall_tau": {method: tau}},
        plus Spearman's rho, the flags and the same rankings grouped under "rankings"."""
        return {
            **{m: list(ids) for m, ids in self.rankings.items()},
            "chosen": self.chosen,
            "normalizations": dict(self.normalizations),
            "rankings": {m: list(ids) for m, ids in self.rankings.items()},
            "ranks": {m: dict(r) for m, r in self.ranks.items()},
            "kendall_tau": dict(self.kendall_tau),
            "spearman_rho": dict(self.spearman_rho),
            "differs": list(self.differs),
            "skipped": dict(self.skipped),
        }


def _correlation(fn, a: list[int], b: list[int]) -> float | None:
    if len(a) < 2:
        return None
    with warnings.catch_warnings():  # constant ranks: scipy warns and returns NaN
        warnings.simplefilter("ignore")
        value = float(fn(a, b)[0])
    return None if math.isnan(value) else value


def compare_methods(case: Case, scenario: Scenario) -> MethodComparison:
    """Rank under every method; tau and rho of each against the scenario's method."""
    results: dict[str, Ranking] = {scenario.method: rank(case, scenario)}
    skipped: dict[str, str] = {}
    for method in METHODS:
        if method == scenario.method:
            continue
        other = scenario.model_copy(
            update={"method": method, "normalization": DEFAULT_NORMALIZATION[method]}
        )
        try:
            results[method] = rank(case, other, results[scenario.method].resolved)
        except ScenarioError as exc:  # e.g. a ratio normalisation on negative values
            skipped[method] = str(exc)
    results = {m: results[m] for m in METHODS if m in results}
    base = results[scenario.method]
    ids = base.resolved.vendor_ids
    ranks = {m: dict(zip(ids, map(int, res.ranks), strict=True)) for m, res in results.items()}
    chosen = [ranks[scenario.method][v] for v in ids]
    return MethodComparison(
        chosen=scenario.method,
        vendor_ids=ids,
        vendor_names=base.resolved.vendor_names,
        normalizations={m: res.normalization for m, res in results.items()},
        rankings={m: tuple(ids[i] for i in res.order) for m, res in results.items()},
        ranks=ranks,
        kendall_tau={
            m: _correlation(stats.kendalltau, chosen, [ranks[m][v] for v in ids]) for m in ranks
        },
        spearman_rho={
            m: _correlation(stats.spearmanr, chosen, [ranks[m][v] for v in ids]) for m in ranks
        },
        skipped=skipped,
    )
