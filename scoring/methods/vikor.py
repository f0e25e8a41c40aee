"""VIKOR (Opricovic 1998; Opricovic & Tzeng 2004, 2007): the compromise closest to the ideal.

With f*_j = max_i v_ij (the best value) and f-_j = min_i v_ij (the worst), each vendor's
weighted, normalised regret on criterion j is d_ij = w_j (f*_j - v_ij) / (f*_j - f-_j), and

    S_i = sum_j d_ij            (group utility: the weighted total shortfall)
    R_i = max_j d_ij            (individual regret: the worst single shortfall)
    Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*)

with S* = min S, S- = max S (R likewise) and v the weight of the "majority" strategy (0.5: by
consensus). Lower Q is better. V is already "higher is better", so f* is the column maximum
for every criterion. A criterion on which every vendor is equal contributes nothing (pymcdm
raises instead); when every vendor has the same S (or R) that term is 0 for all.

The proposed compromise (Opricovic & Tzeng 2007, step 5) is the vendor A1 best by Q when
C1 (acceptable advantage) Q(A2) - Q(A1) >= DQ = 1 / (m - 1), and
C2 (acceptable stability) A1 is also best by S or by R.
If only C2 fails, the compromise set is {A1, A2}; if C1 fails, it is every vendor whose Q is
within DQ of A1's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scoring.methods.columns import others_max, others_sum
from scoring.threads import one_blas_thread

DEFAULT_V = 0.5


# Weight vectors per block of the fixed-values path: its (m, BLOCK) arrays stay in cache (for a
# few dozen vendors), and few enough blocks that NumPy's per-call overhead stays small.
BLOCK = 8192


def shortfalls(V: np.ndarray) -> np.ndarray:
    """D (..., m, n): each value's unweighted shortfall (f*_j - v_ij) / (f*_j - f-_j), 0 best .. 1
    worst; 0 on a criterion where every vendor is equal."""
    best = V.max(axis=-2, keepdims=True)
    span = best - V.min(axis=-2, keepdims=True)
    return np.where(span > 0, (best - V) / np.where(span > 0, span, 1.0), 0.0)


def regrets(V: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """S and R, each (k, m), of V (m, n) or (k, m, n) under W (k, n)."""
    D = shortfalls(V)
    S = np.einsum("kmn,kn->km", D, W) if V.ndim == 3 else W @ D.T
    # R one criterion at a time: a (k, m) running maximum, never a (k, m, n) product; the
    # weights' columns made contiguous first (a strided column costs twice as much).
    Wt = np.ascontiguousarray(W.T)
    R = np.zeros_like(S)
    for j in range(W.shape[1]):
        np.maximum(R, Wt[j][:, None] * D[..., j], out=R)
    return S, R


# A spread below the smallest normal float counts as none: its reciprocal would overflow (a
# subnormal spread only arises from weights of ~1e-310, never from weights that sum to 1).
_TINY = np.finfo(float).tiny
# Nor does a spread within this share of the values' size: it is rounding (vendors tied on S
# summed in two orders, 0.49999999999999994 and 0.5), which rescaling would blow up to a full
# 0..1 difference, moving Q by v and breaking the tie.
SPREAD_TOL = 1e-12


def _reciprocal(scale: float, span: np.ndarray, high: np.ndarray) -> np.ndarray:
    """scale / span where the spread is real, 0 where the values are one value give or take
    rounding (span no more than SPREAD_TOL of the largest value's size, or subnormal)."""
    real = (span >= _TINY) & (span > SPREAD_TOL * np.abs(high))
    return np.divide(scale, span, out=np.zeros_like(span), where=real)


def _rescaled(X: np.ndarray) -> np.ndarray:
    """(X - min) / (max - min) along each row; 0 where the row is constant. X >= 0."""
    low = X.min(axis=1, keepdims=True)
    high = X.max(axis=1, keepdims=True)
    return (X - low) * _reciprocal(1.0, high - low, high)


def vikor(V: np.ndarray, W: np.ndarray, v: float = DEFAULT_V) -> np.ndarray:
    """The VIKOR index Q (k, m) in [0, 1], lower is better. V: (m, n) or (k, m, n); W: (k, n)."""
    if V.ndim == 2:
        return _vikor_fixed(V, W, v)
    S, R = regrets(V, W)
    Q = _rescaled(S)
    Q *= v
    Q += (1.0 - v) * _rescaled(R)
    return Q


def vikor_fixed(V: np.ndarray, v: float = DEFAULT_V) -> Callable[[np.ndarray], np.ndarray]:
    """VIKOR for one V (m, n) prepared once (its shortfalls): a function of W (k, n) -> (k, m),
    the same numbers as `vikor(V, W, v)`. A sweep scores thousands of weight vectors on one V."""
    D = shortfalls(V)
    DT = np.ascontiguousarray(D.T)
    return lambda W: _vikor_blocks(D, DT, W, v)


@one_blas_thread()
def _vikor_fixed(V: np.ndarray, W: np.ndarray, v: float) -> np.ndarray:
    D = shortfalls(V)
    return _vikor_blocks(D, np.ascontiguousarray(D.T), W, v)


@one_blas_thread()  # a thin product per block: one BLAS thread is faster (scoring/threads.py)
def _vikor_blocks(D: np.ndarray, DT: np.ndarray, W: np.ndarray, v: float) -> np.ndarray:
    """`vikor` for one matrix of shortfalls D (m, n) (and its transpose DT) and many weight
    vectors: the same formulas in blocks of BLOCK weight vectors laid out vendors x samples, so
    every min, max and sum over the vendors is elementwise over contiguous rows (SMAA's hot
    path). The result is the transpose of a vendors x samples array: SMAA's ranking reads it so."""
    Q = np.empty((D.shape[0], W.shape[0]))
    for start in range(0, W.shape[0], BLOCK):
        Wt = np.ascontiguousarray(W[start : start + BLOCK].T)  # (n, b)
        # S = sum_j w_j d_ij and R = max_j w_j d_ij, (m, b): vendors down, weight vectors across.
        Qt = Q[:, start : start + BLOCK]
        St = np.matmul(D, Wt, out=Qt)  # S is computed in place of Q
        Rt = _largest_terms(D, DT, Wt)
        # Q = v (S - S*) / (S- - S*) + (1 - v) (R - R*) / (R- - R*)
        _rescaled_columns(St, v)
        Qt += _rescaled_columns(Rt, 1.0 - v)
    return Q.T


# Up to this many weight vectors R is taken one vector at a time, from D's transpose: its (n, m)
# terms, then the largest down each column (measured 2-3x faster for a sweep's few vectors, 1.4x
# for the 130 of SMAA's confidence pass at 2,000 vendors); beyond, one criterion at a time.
FEW_VECTORS = 256


def _largest_terms(D: np.ndarray, DT: np.ndarray, Wt: np.ndarray) -> np.ndarray:
    """R (m, b) = max_j w_j d_ij for weight vectors Wt (n, b), never an (m, n, b) product."""
    b = Wt.shape[1]
    if b <= FEW_VECTORS:
        R = np.empty((b, D.shape[0]))
        terms = np.empty_like(DT)
        for k in range(b):
            np.multiply(DT, Wt[:, k, None], out=terms)
            terms.max(axis=0, out=R[k])
        return R.T
    R = np.multiply(D[:, :1], Wt[0])
    tmp = np.empty_like(R)
    for j in range(1, Wt.shape[0]):
        np.multiply(D[:, j : j + 1], Wt[j], out=tmp)
        np.maximum(R, tmp, out=R)
    return R


def _rescaled_columns(X: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """`_rescaled` of X's transpose times `scale`, in place: scale (X - min) / (max - min) down
    each column."""
    low = X.min(axis=0)
    high = X.max(axis=0)
    X -= low
    X *= _reciprocal(scale, high - low, high)
    return X


def vikor_edited(
    V: np.ndarray, w: np.ndarray, v: float = DEFAULT_V
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Q (p, m) of V (m, n) under w (n,) with column jv[p] replaced by C[p] (p, m): each vendor's
    weighted shortfalls on the other columns summed (S) and maximised (R) once, the replaced
    column's shortfalls (its best and worst read from C) per candidate."""
    T = shortfalls(V) * w
    S_rest, R_rest = others_sum(T), others_max(T)

    def score(jv: np.ndarray, C: np.ndarray) -> np.ndarray:
        t = shortfalls(C[..., None])[..., 0] * w[jv, None]
        Q = _rescaled(S_rest[:, jv].T + t)
        Q *= v
        Q += (1.0 - v) * _rescaled(np.maximum(R_rest[:, jv].T, t))
        return Q

    return score


@dataclass(frozen=True)
class Compromise:
    """VIKOR's step 5 for one weight vector: the two conditions and the compromise set.

    `best` is the vendor index best by Q; `compromise` the indices proposed together (best
    first, by Q); `dq` the advantage threshold 1 / (m - 1).
    """

    S: np.ndarray
    R: np.ndarray
    Q: np.ndarray
    best: int
    advantage: bool
    stability: bool
    compromise: tuple[int, ...]
    dq: float


def compromise(
    V: np.ndarray, w: np.ndarray, v: float = DEFAULT_V, tol: float = 1e-12
) -> Compromise:
    """Opricovic & Tzeng's (2007) acceptance conditions for V (m, n) under weights w (n,).

    Ties are broken by index, as the ranking table breaks them by name.
    """
    W = np.atleast_2d(w)
    S, R = (x[0] for x in regrets(V, W))
    Q = vikor(V, W, v)[0]
    m = len(Q)
    order = np.argsort(Q, kind="stable")
    best = int(order[0])
    dq = 1.0 / (m - 1) if m > 1 else 0.0
    advantage = m < 2 or bool(Q[order[1]] - Q[best] >= dq - tol)
    stability = bool(S[best] <= S.min() + tol or R[best] <= R.min() + tol)
    if not advantage:
        chosen = tuple(int(i) for i in order if Q[i] - Q[best] < dq - tol)
    elif not stability:
        chosen = (best, int(order[1]))
    else:
        chosen = (best,)
    return Compromise(S, R, Q, best, advantage, stability, chosen, dq)
