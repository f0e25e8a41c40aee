"""A large case, read at a glance: the top N vendors in the per-vendor tables and charts of the
readable outputs (HTML, PDF, Markdown, the app), and fewer simulations when there are many
vendors, each said in words where it applies. Exports to spreadsheets keep every vendor.

The numbers are in `scoring.limits` (REPORT_TOP, SAMPLE_BUDGET, PAIR_SAMPLE_BUDGET,
CONFIDENCE_BUDGET); this module is the one place that decides what they mean for a table and an
analysis (`budgeted_analysis`, which the report, the brief and the app run) and says so.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from scoring import limits
from scoring.load import Case
from scoring.methods import METHOD_REGISTRY
from scoring.methods.promethee import PAIRWISE_MAX
from scoring.model import Scenario
from scoring.rank import Ranking
from scoring.sensitivity.analysis import SensitivityResult, analyse
from scoring.sensitivity.smaa import CONFIDENCE_SAMPLES, SmaaResult


def report_top(vendors: int) -> int | None:
    """How many vendors a readable report's per-vendor tables show: None (all) up to REPORT_TOP."""
    return limits.REPORT_TOP if vendors > limits.REPORT_TOP else None


def top_note(shown: int, total: int) -> str:
    return (
        f"Showing the top {shown:,} of {total:,} vendors; the full tables are in the XLSX "
        "report (shortlist report -o report.xlsx) and the ranking in the CSV."
    )


def budget_samples(requested: int, vendors: int, pairwise: bool = False) -> int:
    """The simulations an analysis runs for `vendors` vendors: the scenario's number, or fewer
    so that simulations x vendors stays within SAMPLE_BUDGET (never under MIN_SAMPLES). The
    cost of SMAA grows with both (and its confidence pass with the vendors that ever win); at
    2,000 vendors 500 simulations still put each share within about 4 points (95%).

    `pairwise` (see `pairwise_simulations`): each simulation also compares every pair of vendors
    again (up to PAIRWISE_MAX of them per vendor, then sorted), so simulations x vendors x that
    stays within PAIR_SAMPLE_BUDGET too: 250 simulations at 200 vendors."""
    cap = limits.SAMPLE_BUDGET // max(1, vendors)
    if pairwise:
        cap = min(cap, limits.PAIR_SAMPLE_BUDGET // max(1, vendors * min(vendors, PAIRWISE_MAX)))
    return min(requested, max(limits.MIN_SAMPLES, cap))


def pairwise_simulations(result: Ranking) -> bool:
    """PROMETHEE II with uncertain scores: its net flows are re-derived from every pair of
    vendors in each simulation (with fixed scores they are derived once)."""
    r = result.resolved
    return result.method == "promethee2" and bool((r.high > r.low).any())


def budgeted_analysis(
    case: Case, scenario: Scenario, result: Ranking, seed: int | None = None
) -> SensitivityResult:
    """The analysis the readable outputs run (report, brief, app): the scenario's simulations,
    or fewer for a large case (`budget_samples`), and confidence factors within
    CONFIDENCE_BUDGET; `samples_note` says what ran. `shortlist sensitivity` runs them all."""
    m = len(result.resolved.vendor_ids)
    samples = budget_samples(scenario.samples, m, pairwise_simulations(result))
    return analyse(
        case, scenario, samples=samples, seed=seed, confidence_budget=limits.CONFIDENCE_BUDGET
    )


def samples_note(requested: int, sm: SmaaResult) -> str:
    """'' when the scenario's simulations all ran, the confidence factors over as many as they
    take (CONFIDENCE_SAMPLES); else what ran instead and how to run all."""
    vendors, used = len(sm.vendor_ids), sm.samples
    said = []
    if used < requested:
        per_vendor = budget_samples(requested, vendors)
        limit = (
            f"at most {limits.SAMPLE_BUDGET:,} simulations x vendors"
            if used >= per_vendor
            else f"PROMETHEE II compares every pair of vendors in each simulation: at most "
            f"{limits.PAIR_SAMPLE_BUDGET:,} simulations x vendor pairs, the limit "
            "PAIR_SAMPLE_BUDGET"
        )
        said.append(
            f"With {vendors:,} vendors the simulations ran {used:,} times, not the scenario's "
            f"{requested:,}, to finish in seconds ({limit})."
        )
    if 0 < sm.confidence_samples < min(used, CONFIDENCE_SAMPLES):
        wins = int((~np.isnan(sm.central_weights).any(axis=1)).sum())
        said.append(
            f"The confidence factors come from the first {sm.confidence_samples:,} of the "
            f"{used:,} simulations: each is scored again for every vendor that ever ranks "
            f"first ({wins:,} here), at most {limits.CONFIDENCE_BUDGET:,} scores counted at "
            f"{METHOD_REGISTRY[sm.method].short}'s cost, the limit CONFIDENCE_BUDGET."
        )
    if not said:
        return ""
    return " ".join([*said, f"Run all of them with: shortlist sensitivity --samples {requested}"])


def acceptability_focus(
    order: Sequence[str],
    sens: SensitivityResult,
    top: int | None = None,
    ranks: int | None = None,
) -> tuple[list[str], list[str], np.ndarray]:
    """(vendor ids, rank labels, shares (vendors, ranks)) of the rank acceptabilities, vendors in
    the ranking's order (those it does not list follow). With `top`: the first `top` vendors
    only. With `ranks` (default `top`): the first `ranks` ranks and one column holding every
    lower rank, so each row still sums to 1 (a workbook keeps every vendor but not 2,000 rank
    columns)."""
    sm = sens.smaa
    index = {v: i for i, v in enumerate(sm.vendor_ids)}
    ids = [v for v in order if v in index] + [v for v in sm.vendor_ids if v not in order]
    m = len(sm.vendor_ids)
    ranks = top if ranks is None else ranks
    if top is not None:
        ids = ids[:top]
    shares = sm.acceptability[[index[v] for v in ids]]
    labels = [f"Rank {r + 1}" for r in range(m)]
    if ranks is None or ranks >= m:
        return ids, labels, shares
    rest = shares[:, ranks:].sum(axis=1, keepdims=True)
    return (
        ids,
        [*labels[:ranks], f"Rank {ranks + 1} or lower"],
        np.hstack([shares[:, :ranks], rest]),
    )
