"""SMAA-2 (Lahdelma & Salminen 2001, Operations Research 49(3)): stochastic multicriteria
acceptability analysis over uncertain weights and scores.

Each of k samples draws a leaf weight vector and (optionally) a score matrix, normalises it,
scores it with the scenario's method and ranks the vendors. Weights are sampled at LEAF level,
over the global leaf weights (the product of local shares down the tree): "uniform" is uniform
over the simplex of leaf weights (the paper's "no preference information"; the criteria tree
then carries no information either), "dirichlet" is centred on the current global leaf weights,
and "order" keeps the order of the current global leaf weights. Central weight vectors are
therefore leaf weight vectors. From all samples:

- rank acceptability b_i^r: the share of samples in which vendor i has rank r;
- central weight vector w_i^c: the mean weight vector of the samples in which i ranks first;
- confidence factor p_i^c: the probability that i ranks first when the weights are w_i^c,
  under the score uncertainty alone. It reuses the run's score samples, at most the first
  CONFIDENCE_SAMPLES of them (standard error <= 0.4%): every sample is scored once per vendor
  that ever ranks first, so all k would cost up to m times the main pass. With a budget (the
  report's and the app's) fewer, see `confidence_samples`;
- holistic acceptability a_i^h = sum_r alpha_r b_i^r with linear meta-weights
  alpha_r = (m - r) / (m - 1): 1 for first place, 0 for last (one of the choices the paper
  discusses; it ranks vendors by their expected place, rescaled to 0..1).

Exact ties (within `rank.TIE_TOLERANCE`) share the ranks they span equally, so every row of the
acceptability matrix sums to 1, and every column too unless near-ties chain (a within the
tolerance of b and b of c, but a not of c: scores 1e-12 apart, which data does not produce).

Everything is batched: a chunk of samples is one (c, n) weight array and, when scores are sampled,
one (c, m, n) stack normalised and scored in one call. The chunk size keeps memory bounded at any
sample count.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from scoring import limits
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.methods import METHOD_REGISTRY
from scoring.methods.promethee import PAIRWISE_MAX
from scoring.model import Scenario
from scoring.rank import TIE_TOLERANCE, merit, merit_matrix, normalized_values
from scoring.sensitivity import ties
from scoring.sensitivity.order import better_counts, descending_order
from scoring.sensitivity.sampling import sample_scores, sample_weights, streams
from scoring.sensitivity.sweep import Setup, setup
from scoring.threads import one_blas_thread

CHUNK_BYTES = 48 * 2**20  # working memory per chunk; peak stays a small multiple of this
CONFIDENCE_SAMPLES = 20_000  # score samples behind each confidence factor (see above)
PAIRWISE_VENDORS = 64  # up to this many vendors ranks are counted pair by pair, beyond sorted
RANK_BLOCK_CELLS = 2**17  # scores per block of the pairwise count: its arrays stay in cache
# The confidence pass stacks its samples (one call for many) when a sample under every central
# vector is at most STACKED_MAX values, STACKED_VALUES values a call (see `_under_each`).
STACKED_MAX = 2**14
STACKED_VALUES = 2**20


def chunk_size(m: int, n: int, scores_sampled: bool) -> int:
    """Samples per chunk so that a chunk's arrays stay within CHUNK_BYTES; with scores fixed
    and vendors counted pairwise, also so that a chunk's scores (c, m) fit RANK_BLOCK_CELLS:
    each chunk is then ranked while its scores are still in cache (measured 10% faster)."""
    per_sample = 8 * (6 * n + 10 * m + (8 * m * n if scores_sampled else 0))
    size = max(1, CHUNK_BYTES // per_sample)
    if not scores_sampled and m <= PAIRWISE_VENDORS:
        size = min(size, max(1, RANK_BLOCK_CELLS // m))
    return size


# --- ranking of a chunk -----------------------------------------------------------------------


def rank_shares(
    S: np.ndarray, tol: float = TIE_TOLERANCE, counts: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Rank counts (m, m) and first-place shares (c, m) of a chunk of scores S (c, m).

    counts[i, r] is the number of samples with vendor i at rank r + 1; vendors tied over ranks
    r..r+t-1 each get 1/t of each of those ranks. first[s, i] is i's share of first place.
    Rows without ties are counted by comparing every pair of vendors (up to PAIRWISE_VENDORS)
    or by a sort (more vendors); rows with ties are split as scoring.sensitivity.ties defines.
    `counts`, a C-ordered (m, m) float array, is added to in place (a run's running total: a
    fresh m x m array per chunk cost more than ranking the chunk at 2,000 vendors).
    """
    c, m = S.shape
    counts = np.zeros((m, m)) if counts is None else counts
    if not counts.flags.c_contiguous:  # reshape(-1) would add into a copy, silently
        raise ValueError("counts must be a C-ordered (m, m) array: it is added to in place")
    clean = _counted if m <= PAIRWISE_VENDORS else _sorted
    first, rows = clean(S, tol, counts.reshape(-1))
    if m > ties.SORTED_TIES:
        spread = None
        for row in rows:
            better, equal = ties.split(S[row], tol)
            spread = ties.add_runs(counts, better, equal, spread)
            first[row] = ties.first_of(better, equal)
        ties.flush(counts, spread)
        return counts, first
    block = max(1, CHUNK_BYTES // (24 * m * m))  # the tie path holds a few (rows, m, m) arrays
    for start in range(0, rows.size, block):
        part = rows[start : start + block]
        P = ties.positions(S[part], tol)
        counts += P.sum(axis=0)
        first[part] = P[:, :, 0]
    return counts, first


def _counted(S: np.ndarray, tol: float, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Adds S's rows without ties to `counts` (m * m, flat); their first places (c, m), and
    the tied rows.

    A vendor's rank is 1 + the number of vendors better by more than tol. In a row without
    ties every pair is so ordered one way, so those numbers add up to m (m - 1) / 2; a pair
    within tol adds 0 instead of 1, so a smaller total marks the row as tied. Blocks of
    samples are laid out vendors x samples so that each comparison runs over contiguous rows
    that stay in cache.
    """
    c, m = S.shape
    bins = np.zeros(m * m + 1, dtype=np.int64)  # the last bin takes the tied rows' keys
    first = np.empty((m, c))  # vendors x samples, returned transposed; every block fills it
    tied = np.zeros(c, dtype=bool)
    offsets = np.arange(m)[:, None] * m
    size = max(1, RANK_BLOCK_CELLS // m)
    for start in range(0, c, size):
        stop = min(start + size, c)
        block = S[start:stop].T  # vendors x samples: rows contiguous when S is column-major
        better = better_counts(block if block.strides[1] == block.itemsize else block.copy(), tol)
        ties = better.sum(axis=0, dtype=np.uint16) != m * (m - 1) // 2  # <= 2016 for m <= 64
        keys = better + offsets  # vendor i at rank r -> bin i * m + r
        keys[:, ties] = m * m
        bins += np.bincount(keys.ravel(), minlength=m * m + 1)
        np.equal(better, 0, out=first[:, start:stop])
        tied[start:stop] = ties
    counts += bins[:-1]
    return first.T, np.flatnonzero(tied)


def _sorted(S: np.ndarray, tol: float, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`_counted` by sorting each row: O(m log m) per sample for many vendors."""
    c, m = S.shape
    order = descending_order(S, tol)  # exact where it matters: the tie check below
    top = np.take_along_axis(S, order, axis=1)
    tied = (top[:, :-1] - top[:, 1:] <= tol).any(axis=1) if m > 1 else np.zeros(c, bool)
    clean = ~tied
    np.add.at(counts, (order[clean] * m + np.arange(m)).ravel(), 1.0)  # vendor i at r: i*m + r
    first = np.zeros((c, m))
    first[np.flatnonzero(clean), order[clean, 0]] = 1.0
    return first, np.flatnonzero(tied)


def first_shares(S: np.ndarray, tol: float = TIE_TOLERANCE) -> np.ndarray:
    """First-place shares (c, m) of a chunk of scores S (c, m), exactly as `rank_shares` gives
    them, in O(c m): no sort and no (m, m) counts, for passes that need first place only."""
    top = S.max(axis=1, keepdims=True)
    first = (top - tol <= S).astype(float)  # nobody better by more than tol
    near = (top - 2 * tol <= S).sum(axis=1)
    odd = np.flatnonzero(near > 1)  # a tie near the top: split as rank_shares splits it
    if S.shape[1] > ties.SORTED_TIES:
        for row in odd:
            first[row] = ties.first_of(*ties.split(S[row], tol))
        return first
    block = max(1, CHUNK_BYTES // (24 * S.shape[1] ** 2))
    for start in range(0, odd.size, block):
        part = odd[start : start + block]
        first[part] = ties.positions(S[part], tol)[:, :, 0]
    return first


def own_first(S: np.ndarray, own: np.ndarray, tol: float = TIE_TOLERANCE) -> np.ndarray:
    """first_shares(S)[row, own[row]] for each row, with one pass over S rather than five: a
    vendor more than tol below the top has another ahead of it (no share under any split), so
    only the rows whose own vendor is within tol of the top are ranked."""
    top = S.max(axis=1)
    close = np.flatnonzero(top - tol <= S[np.arange(S.shape[0]), own])
    share = np.zeros(S.shape[0])
    share[close] = first_shares(S[close], tol)[np.arange(close.size), own[close]]
    return share


# --- SMAA-2 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SmaaResult:
    """SMAA-2 indices. acceptability: (m, m) b_i^r (rows vendors, columns ranks 1..m);
    central_weights: (m, n), a row of NaN where the vendor never ranks first; confidence: (m,)
    p_i^c, 0 where the vendor never ranks first; holistic: (m,) a_i^h."""

    vendor_ids: tuple[str, ...]
    vendor_names: tuple[str, ...]
    leaf_ids: tuple[str, ...]
    samples: int
    seed: int
    weights_model: str
    concentration: float
    score_sampling: str
    method: str
    normalization: str
    acceptability: np.ndarray
    central_weights: np.ndarray
    confidence: np.ndarray
    holistic: np.ndarray
    confidence_samples: int = 0  # the score samples behind `confidence` (0: scores fixed)

    def to_dict(self) -> dict:
        """JSON shape: vendors keyed by id; central weights {} for a vendor never first."""
        ids = self.vendor_ids
        return {
            "samples": self.samples,
            "seed": self.seed,
            "weights_model": self.weights_model,
            "concentration": self.concentration,
            "score_sampling": self.score_sampling,
            "method": self.method,
            "normalization": self.normalization,
            "rank_acceptability": {v: self.acceptability[i].tolist() for i, v in enumerate(ids)},
            "central_weights": {
                v: (
                    {}
                    if np.isnan(self.central_weights[i]).any()
                    else dict(zip(self.leaf_ids, self.central_weights[i].tolist(), strict=True))
                )
                for i, v in enumerate(ids)
            },
            "confidence": {v: float(self.confidence[i]) for i, v in enumerate(ids)},
            "confidence_samples": self.confidence_samples,
            "holistic": {v: float(self.holistic[i]) for i, v in enumerate(ids)},
        }


def meta_weights(m: int) -> np.ndarray:
    """alpha_r = (m - r) / (m - 1) for r = 1..m (1 for first, 0 for last; 1 when m = 1)."""
    return np.ones(1) if m == 1 else (m - np.arange(1, m + 1)) / (m - 1)


def _chunks(k: int, size: int) -> Iterator[int]:
    for start in range(0, k, size):
        yield min(size, k - start)


@one_blas_thread()  # thin products: BLAS threads cost more CPU than they save (see threads.py)
def smaa(
    case: Case,
    scenario: Scenario,
    samples: int | None = None,
    seed: int | None = None,
    chunk: int | None = None,
    confidence_budget: int | None = None,
) -> SmaaResult:
    """SMAA-2 of the scenario's vendors under its method and normalisation.

    samples/seed default to the scenario's; the weights model, concentration and score sampling
    are the scenario's. Same seed, same output. `chunk` overrides the memory-derived chunk size.
    `confidence_budget` bounds the confidence pass's work (see `confidence_samples`).
    """
    s = setup(case, scenario)
    k = int(scenario.samples if samples is None else samples)
    seed = int(scenario.seed if seed is None else seed)
    if k < 1:
        raise ScenarioError("samples must be at least 1")
    r, sc = s.resolved, scenario
    method, norm = sc.method, sc.effective_normalization
    # No cell has a range: sampling scores would redraw the same matrix k times.
    mode = sc.score_sampling if (r.high > r.low).any() else "none"
    within_gaussian_pairs(s, k)
    size = chunk or chunk_size(r.m, r.n, mode != "none")
    w_rng, x_rng = streams(seed)
    counts = np.zeros((r.m, r.m))
    first_total = np.zeros(r.m)
    central = np.zeros((r.m, r.n))
    for c in _chunks(k, size):
        W = sample_weights(w_rng, r.weights, sc.weights_model, c, sc.concentration)
        X = sample_scores(x_rng, r, mode, c)
        V = s.V if X is None else normalized_values(r, norm, X)
        _, first = rank_shares(merit_matrix(V, W, method, s.options), counts=counts)
        first_total += first.sum(axis=0)
        central += first.T @ W
    wins = first_total > 0
    central_w = np.full((r.m, r.n), np.nan)
    central_w[wins] = central[wins] / first_total[wins, None]
    acceptability = counts / k
    confidence, used = _confidence(s, mode, central_w, k, seed, size, confidence_budget)
    return SmaaResult(
        r.vendor_ids,
        r.vendor_names,
        r.leaf_ids,
        k,
        seed,
        sc.weights_model,
        float(sc.concentration),
        sc.score_sampling,
        method,
        norm,
        acceptability,
        central_w,
        confidence,
        acceptability @ meta_weights(r.m),
        used,
    )


def confidence_samples(
    k: int, wins: int, m: int, n: int, method: str, budget: int | None = None
) -> int:
    """Score samples behind the confidence factors: the run's first k, at most
    CONFIDENCE_SAMPLES; with a `budget`, also at most so many that samples x `wins` (vendors
    that ever rank first, each sample is scored under each one's central weights) x m x n x the
    method's registry `cost` stays within it, yet never fewer than MIN_SAMPLES."""
    cap = min(k, CONFIDENCE_SAMPLES)
    if budget is None:
        return cap
    per_sample = wins * m * n * METHOD_REGISTRY[method].cost
    return min(cap, max(limits.MIN_SAMPLES, int(budget // max(per_sample, 1))))


def within_gaussian_pairs(s: Setup, k: int) -> None:
    """Raises ScenarioError when k simulations that vary the scores would compare more than
    MAX_GAUSSIAN_PAIRS pairs of vendors under PROMETHEE II's Gaussian criteria: past
    PAIRWISE_MAX vendors they have no sorted path, so each simulation (and each of the
    confidence pass) compares m x m pairs per Gaussian criterion, 2 s at 2,000 x 40.
    `analyse` asks before any of its work, `smaa` again for callers that run it alone."""
    r = s.resolved
    m = r.m
    gaussian = sum(not P.sorts for P in s.options.get("preference") or ())
    varies = s.scenario.score_sampling != "none" and bool((r.high > r.low).any())
    if not gaussian or m <= PAIRWISE_MAX or not varies:
        return
    per_simulation = m * m * gaussian
    pairs = (k + min(k, CONFIDENCE_SAMPLES)) * per_simulation
    if pairs <= limits.MAX_GAUSSIAN_PAIRS:
        return
    most = limits.MAX_GAUSSIAN_PAIRS // (2 * per_simulation)
    fewer = f"run at most {most:,} simulations (--samples), " if most >= limits.MIN_SAMPLES else ""
    raise ScenarioError(
        f"PROMETHEE II's Gaussian preference compares every pair of vendors again in each "
        f"simulation that varies the scores: {k:,} simulations of {m:,} vendors on {gaussian} "
        f"Gaussian criteria are {pairs:,} pairs, more than {limits.MAX_GAUSSIAN_PAIRS:,} pairs "
        "(the limit, MAX_GAUSSIAN_PAIRS). To finish in "
        f"reasonable time, {fewer}vary the weights only (--score-sampling none), or give those "
        "criteria another preference function (--preference ID=v-shape:p=P)"
    )


def _confidence(
    s: Setup,
    mode: str,
    central_w: np.ndarray,
    k: int,
    seed: int,
    size: int,
    budget: int | None = None,
) -> tuple[np.ndarray, int]:
    """p_i^c: i's share of first place with weights w_i^c over the same score samples; and how
    many samples that took (0 when scores are fixed: one exact pass)."""
    r, sc = s.resolved, s.scenario
    wins = np.flatnonzero(~np.isnan(central_w).any(axis=1))
    out = np.zeros(r.m)
    if wins.size == 0:
        return out, 0
    if mode == "none":
        first = first_shares(merit_matrix(s.V, central_w[wins], sc.method, s.options))
        out[wins] = first[np.arange(wins.size), wins]
        return out, 0
    _, x_rng = streams(seed)  # the same score samples as the main pass (its first ones)
    norm = sc.effective_normalization
    k = confidence_samples(k, wins.size, r.m, r.n, sc.method, budget)
    central = central_w[wins]

    def firsts(V: np.ndarray) -> np.ndarray:
        # One row per (sample, central vector i), asking about vendor i alone.
        own = np.tile(wins, V.shape[0])
        return own_first(_under_each(s, V, central), own).reshape(V.shape[0], -1).sum(axis=0)

    # The draws must come in order (the main pass's stream); scoring them under every vector,
    # most of the work, runs on two workers while the next chunk is drawn, and the chunks'
    # sums are added in order: the same numbers as one thread, in about half the time.
    pending: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for c in _chunks(k, confidence_chunk(r.m, r.n, wins.size, size)):
            V = normalized_values(r, norm, sample_scores(x_rng, r, mode, c))
            pending.append(pool.submit(one_blas_thread()(firsts), V))
            if len(pending) > 1:  # at most three chunks alive: memory stays bounded
                out[wins] += pending.popleft().result()
        while pending:
            out[wins] += pending.popleft().result()
    out[wins] /= k
    return out, k


def confidence_chunk(m: int, n: int, wins: int, size: int) -> int:
    """Samples per chunk of the confidence pass: a chunk holds its values (c, m, n) twice (drawn
    and normalised) and its merits under each winner's vector (c * wins, m) with their ranking's
    temporaries, within CHUNK_BYTES, and never more than the main pass's `size`."""
    return max(1, min(size, CHUNK_BYTES // (8 * (2 * m * n + 3 * wins * m))))


def _under_each(s: Setup, V: np.ndarray, central: np.ndarray) -> np.ndarray:
    """Merits (c * w, m) of each sample V[i] under each central vector, sample by sample (rows
    sample-major: sample 0 under every vector, then sample 1, ...).

    A method whose score is linear in the weights for given values (its registry entry's
    `linear_part` F, score = F . w: WSM, PROMETHEE II) has F computed once per sample rather
    than once per (sample, vector): PROMETHEE's F is the m x m x n part.
    """
    method = s.scenario.method
    linear = METHOD_REGISTRY[method].linear_part
    if linear is not None:
        F = linear(V, **s.options)
        # (w, n) @ (c, n, m) -> (c, w, m): one BLAS product per sample, twice einsum's speed
        return merit((central @ F.transpose(0, 2, 1)).reshape(-1, V.shape[1]), method)
    # The others take one matrix with many weight vectors at once (the fixed-values path each
    # method has for sweeps and fixed-score SMAA: TOPSIS and WPM one BLAS product, VIKOR its
    # blocked path), rather than a (c * w, m, n) stack of repeated matrices: at 2,000 vendors
    # the stack took 95-140 s a run, this a few seconds. With few vendors a call per sample
    # costs more than its work (VIKOR at 27 vendors x 8 criteria: 5.3 s for 10,000 samples),
    # so up to STACKED_MAX values per sample the samples are stacked, STACKED_VALUES at a time.
    c, m, n = V.shape
    per_sample = len(central) * m * n
    if per_sample > STACKED_MAX:
        return np.vstack([merit_matrix(Vi, central, method, s.options) for Vi in V])
    step = max(1, STACKED_VALUES // per_sample)
    blocks = (
        merit_matrix(
            np.repeat(V[a : a + step], len(central), axis=0),
            np.tile(central, (len(V[a : a + step]), 1)),
            method,
            s.options,
        )
        for a in range(0, c, step)
    )
    return np.vstack(list(blocks))
