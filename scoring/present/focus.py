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
from scoring.present.words import CONFIDENCE_COLUMN
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


def budget_samples(requested: int, vendors: int, pairs: int = 0) -> int:
    """The simulations an analysis runs for `vendors` vendors: the scenario's number, or fewer
    so that simulations x vendors stays within SAMPLE_BUDGET (never under MIN_SAMPLES). The
    cost of SMAA grows with both (and its confidence pass with the vendors that ever win); at
    2,000 vendors 500 simulations still put each share within about 4 points (95%).

    `pairs` (see `simulation_pairs`): each simulation also compares each vendor with that many
    others again, so simulations x vendors x pairs stays within PAIR_SAMPLE_BUDGET too: 250
    simulations at 200 vendors."""
    cap = limits.SAMPLE_BUDGET // max(1, vendors)
    if pairs:
        cap = min(cap, limits.PAIR_SAMPLE_BUDGET // max(1, vendors * pairs))
    return min(requested, max(limits.MIN_SAMPLES, cap))


def simulation_pairs(result: Ranking) -> int:
    """The vendors each vendor is compared with again in each simulation: 0 unless PROMETHEE II
    with uncertain scores (with fixed scores its flows are derived once); then every other
    vendor under a preference without a sorted path (`Preference.sorts`), else up to
    PAIRWISE_MAX (past it each criterion's pairs are read from its sorted values, counted as
    PAIRWISE_MAX)."""
    r = result.resolved
    if result.method != "promethee2" or not (r.high > r.low).any():
        return 0
    m = len(r.vendor_ids)
    unsorted = any(not P.sorts for P in result.options.get("preference") or ())
    return m if unsorted else min(m, PAIRWISE_MAX)


def scores_vary(vendors: int, pairs: int) -> bool:
    """Whether the simulations vary the scores as well as the weights: not when every pair is
    compared again past PAIRWISE_MAX vendors (a Gaussian) and even MIN_SAMPLES simulations
    would pass PAIR_SAMPLE_BUDGET (past 316 vendors: 2,000 took 2 s a simulation). The
    weights still vary, over flows derived once."""
    return (
        pairs <= PAIRWISE_MAX or limits.MIN_SAMPLES * vendors * pairs <= limits.PAIR_SAMPLE_BUDGET
    )


def budgeted_analysis(
    case: Case, scenario: Scenario, result: Ranking, seed: int | None = None
) -> SensitivityResult:
    """The analysis the readable outputs run (report, brief, app): the scenario's simulations,
    or fewer for a large case (`budget_samples`), and confidence factors within
    CONFIDENCE_BUDGET; `samples_note` says what ran. `shortlist sensitivity` runs them all."""
    m = len(result.resolved.vendor_ids)
    pairs = simulation_pairs(result)
    if not scores_vary(m, pairs):  # said by samples_note: the result records "none"
        scenario = scenario.model_copy(update={"score_sampling": "none"})
        pairs = 0  # the flows are derived once
    samples = budget_samples(scenario.samples, m, pairs)
    return analyse(
        case, scenario, samples=samples, seed=seed, confidence_budget=limits.CONFIDENCE_BUDGET
    )


def samples_note(scenario: Scenario, sm: SmaaResult) -> str:
    """'' when the scenario's simulations all ran as it asks, the confidence factors over as
    many as they take (CONFIDENCE_SAMPLES); else what ran instead and how to run all."""
    vendors, used, requested = len(sm.vendor_ids), sm.samples, scenario.samples
    said = []
    if scenario.score_sampling != "none" and sm.score_sampling == "none":
        said.append(
            f"With {vendors:,} vendors, varying the scores under PROMETHEE II's Gaussian "
            "preference would take too long (each simulation compares every pair of vendors "
            f"again; even {limits.MIN_SAMPLES} would pass {limits.PAIR_SAMPLE_BUDGET:,} "
            "vendor pairs, the limit PAIR_SAMPLE_BUDGET), so these simulations varied the "
            "weights only and kept every score as given. A V-shape or linear preference lets "
            "the scores vary too."
        )
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
            f"The column \u201c{CONFIDENCE_COLUMN}\u201d uses the first "
            f"{sm.confidence_samples:,} of the {used:,} simulations, to stay fast: each one is "
            f"scored again for every vendor that ever comes first ({wins:,} here, under "
            f"{METHOD_REGISTRY[sm.method].short}; at most {limits.CONFIDENCE_BUDGET:,} scores, "
            "the limit CONFIDENCE_BUDGET)."
        )
    if not said:
        return ""
    if sm.score_sampling != scenario.score_sampling:  # all of them would take hours
        return " ".join(said)
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
