"""How tied vendors share ranks in SMAA's samples: the definition, and its form for many vendors.

In a sample, vendor i has better_i vendors ahead of it by more than the tolerance and equal_i
within it (itself included); it takes 1/equal_i of each rank from better_i + 1 to
better_i + equal_i. Exact ties split evenly; a chain of near-ties (a within tol of b, b of c, a
not of c: scores 1e-12 apart, which data does not produce) splits unevenly, and a rank's shares
then need not add up to 1.

`positions` computes this from every pair, (rows, m, m): the cheapest form for a few vendors.
For many vendors that is O(m^2) a sample, and a case with duplicate vendors (or yes/no criteria)
has a tie in every sample: at 2,000 vendors 66 ms a sample, half a minute a run. `split` and
`add_runs` give the same better and equal counts from the sorted scores (scoring.runs: the same
rounded comparisons), O(m log m) a sample.
"""

from __future__ import annotations

import numpy as np

from scoring.runs import leading

SORTED_TIES = 128  # vendors: past this many, tied samples are split from sorted scores
RUN_ENTRIES = (
    64  # (vendor, rank) entries per vendor a tied sample adds one by one; beyond, by block
)


def positions(S: np.ndarray, tol: float) -> np.ndarray:
    """(c, m, m) share of each rank per vendor for rows S (c, m) with ties: tied vendors split
    evenly. The definition, from every pair."""
    m = S.shape[1]
    better = (S[:, None, :] > S[:, :, None] + tol).sum(axis=2)  # vendors strictly better
    equal = (np.abs(S[:, None, :] - S[:, :, None]) <= tol).sum(axis=2)  # tie group size
    r = np.arange(m)
    inside = (r >= better[..., None]) & (r < (better + equal)[..., None])
    return inside / equal[..., None]


def split(row: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """(better, equal) per vendor of one row of scores (m,), as `positions` counts them."""
    s = np.sort(row)
    better = row.size - np.searchsorted(s, row + tol, "right")  # s_b > (s_i + tol), rounded
    low = leading(s, row, row - tol, lambda x, sb: x - sb > tol)  # |s_b - s_i| > tol below
    high = leading(s, row, row + tol, lambda x, sb: ~(sb - x > tol))  # ... <= tol up to here
    return better, high - low


def first_of(better: np.ndarray, equal: np.ndarray) -> np.ndarray:
    """Each vendor's share of first place: 1/equal when nobody is ahead."""
    return np.where(better == 0, 1.0 / equal, 0.0)


def add_runs(
    counts: np.ndarray, better: np.ndarray, equal: np.ndarray, spread: np.ndarray | None = None
) -> np.ndarray | None:
    """Adds one sample's ranks to counts (m, m) in place: 1/equal_i to each of vendor i's ranks
    better_i .. better_i + equal_i - 1 (those past the last rank, which only rounding in a chain
    of near-ties could reach, are dropped as `positions` drops them).

    A sample whose tie groups hold more than RUN_ENTRIES (vendor, rank) pairs per vendor (two
    thousand identical vendors hold m^2) marks each run's two ends in `spread` (m, m + 1) instead:
    allocated here when first needed and returned, to be added once by `flush`.
    """
    m = better.size
    alone = np.flatnonzero(equal == 1)
    counts[alone, better[alone]] += 1.0
    tied = np.flatnonzero(equal > 1)
    if tied.size == 0:
        return spread
    size = equal[tied]
    total = int(size.sum())
    if total <= RUN_ENTRIES * m:  # small groups: one entry per (vendor, rank), exact
        vendors = np.repeat(tied, size)
        starts = np.repeat(size.cumsum() - size, size)
        ranks = np.repeat(better[tied], size) + np.arange(total) - starts
        keep = ranks < m
        counts[vendors[keep], ranks[keep]] += np.repeat(1.0 / size, size)[keep]
        return spread
    spread = np.zeros((m, m + 1)) if spread is None else spread
    start = better[tied]
    spread[tied, start] += 1.0 / size  # each vendor once: no repeated index
    spread[tied, np.minimum(start + size, m)] -= 1.0 / size  # column m: past the last rank
    return spread


def flush(counts: np.ndarray, spread: np.ndarray | None) -> None:
    """Adds the runs marked in `spread` to counts: a running sum along each vendor's ranks."""
    if spread is not None:
        counts += np.cumsum(spread, axis=1)[:, :-1]
