"""PROMETHEE I and II (Brans 1982; Brans & Vincke 1985): outranking flows.

For each criterion j and each ordered pair of vendors (a, b), d_j(a, b) = v_aj - v_bj and a
preference function P_j turns that difference into a degree of preference in [0, 1]. The six
classic functions (Brans & Vincke 1985, Fig. 1), with thresholds q (indifference), p (strict
preference) and s (Gaussian spread):

    usual      P = 1 if d > 0
    u-shape    P = 1 if d > q
    v-shape    P = d / p for 0 < d <= p, 1 beyond
    level      P = 1/2 for q < d <= p, 1 beyond p
    linear     P = (d - q) / (p - q) for q < d <= p, 1 beyond p
    gaussian   P = 1 - exp(-d^2 / (2 s^2)) for d > 0

and P = 0 otherwise. With pi(a, b) = sum_j w_j P_j(d_j(a, b)), the positive flow
phi+(a) = sum_b pi(a, b) / (m - 1), the negative flow phi-(a) = sum_b pi(b, a) / (m - 1), and
PROMETHEE II's net flow phi(a) = phi+(a) - phi-(a) in [-1, 1], higher is better. PROMETHEE I
keeps the two flows apart: a outranks b when it is at least as good on both and better on one;
when each is better on one flow they are incomparable.

Since pi is linear in w, phi = W F^T with F_aj = sum_b [P_j(d_j(a, b)) - P_j(d_j(b, a))] / (m-1):
for fixed values, any number of weight vectors costs one (k, n) x (n, m) product after an
O(m^2 n) start. Sampled values (k, m, n) cost O(k m^2 n) up to PAIRWISE_MAX vendors; past it
every function but the Gaussian reads each criterion's flows from its sorted values,
O(k n m log m) (see below).

Thresholds are in the units of V (Shortlist converts the criteria files' thresholds, written
in each criterion's own units, by the width of its scale).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring.methods.columns import others_sum
from scoring.runs import leading

FUNCTIONS = ("usual", "u-shape", "v-shape", "level", "linear", "gaussian")
# The threshold each function cannot do without (q of level and linear defaults to 0).
REQUIRED: dict[str, str | None] = {
    "usual": None,
    "u-shape": "q",
    "v-shape": "p",
    "level": "p",
    "linear": "p",
    "gaussian": "s",
}
DEFAULT_P = 0.5  # the default: v-shape, full preference at half the scale's width


STEEPEST = 1e-300  # the narrowest slope (p, or p - q) computed as one; below, its step


@dataclass(frozen=True)
class Preference:
    """One criterion's preference function and its thresholds (in the units of V)."""

    function: str = "v-shape"
    q: float = 0.0
    p: float = DEFAULT_P
    s: float = DEFAULT_P / 2

    def __post_init__(self) -> None:
        # A slope narrower than STEEPEST cannot be held in floats (1 / width overflows, and
        # 0 x inf is NaN): it is the step it tends to, any difference beyond q in full.
        if self.function == "v-shape" and self.p < STEEPEST:
            object.__setattr__(self, "function", "usual")
        elif self.function == "linear" and self.p - self.q < STEEPEST:
            object.__setattr__(self, "function", "u-shape")

    def __call__(self, d: np.ndarray) -> np.ndarray:
        """P(d) elementwise: the degree to which a difference d is a preference, 0..1."""
        f, q, p = self.function, self.q, self.p
        if f == "usual":
            return (d > 0).astype(float)
        if f == "u-shape":
            return (d > q).astype(float)
        if f == "v-shape":
            return _clipped(d * (1.0 / p))
        if f == "level":
            return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
        if f == "linear":
            return _clipped((d - q) * (1.0 / (p - q)))
        if f == "gaussian":
            return np.where(d > 0, -np.expm1(self._exponent(d)), 0.0)
        raise ValueError(f"unknown preference function {f!r}; use one of {', '.join(FUNCTIONS)}")

    def _exponent(self, d: np.ndarray) -> np.ndarray:
        """-d^2 / (2 s^2) for the Gaussian: 0 where d is 0, -inf where it overflows. Below
        s = 1e-154, 1 / (2 s^2) overflows (and s * s underflows to 0 below 1e-162), so it is
        taken as -(d / s)^2 / 2, a pass slower."""
        s2 = self.s * self.s
        with np.errstate(over="ignore"):  # nothing here divides by zero
            if s2 > 0 and 0.5 / s2 < np.inf:
                y = d * d
                y *= -0.5 / s2
                return y
            z = np.divide(d, self.s) if self.s > 0 else np.where(d == 0, 0.0, np.inf)
            y = z * z
        y *= -0.5
        return y

    @property
    def sorts(self) -> bool:
        """Whether its flows past PAIRWISE_MAX vendors come from the sorted values, O(m log m):
        every function but the Gaussian, whose pairs are all compared (in blocks, O(m^2)).
        What a simulation, an edit or the pair limit costs follows from this."""
        return self.function != "gaussian"

    def odd(self, d: np.ndarray) -> np.ndarray:
        """g(d) = P(d) - P(-d): a pair's contribution to the first vendor's net flow. For the
        Gaussian sign(d) (1 - exp(-d^2 / (2 s^2))) in one pass (see GAUSSIAN_CELLS)."""
        if self.function != "gaussian":
            return self(d) - self(-d)
        y = self._exponent(d)
        np.exp(y, out=y)
        np.subtract(1.0, y, out=y)
        return np.copysign(y, d, out=y)


def _clipped(x: np.ndarray) -> np.ndarray:
    """x clipped to [0, 1] in place (np.clip's wrapper costs as much as the arithmetic)."""
    np.maximum(x, 0.0, out=x)
    return np.minimum(x, 1.0, out=x)


def _preferences(n: int, preference: Sequence[Preference] | None) -> Sequence[Preference]:
    if preference is None or len(preference) == 0:
        return [Preference()] * n
    if len(preference) != n:
        raise ValueError(f"{len(preference)} preference functions for {n} criteria")
    return preference


# One analysis of a large case derives the same matrix's flows many times over (the ranking,
# the sweeps, SMAA, the method comparison, "what it would take", the unknowns check): 2 s each
# at 2,000 vendors under a Gaussian. The last few are kept, keyed by the values' bytes and the
# preference functions, read-only so no caller can change a kept one.
KEPT_FLOWS = 4
_kept: OrderedDict[tuple, np.ndarray] = OrderedDict()
_kept_lock = threading.Lock()


def net_contributions(V: np.ndarray, preference: Sequence[Preference] | None = None) -> np.ndarray:
    """F (..., m, n): each criterion's unweighted contribution to each vendor's net flow. One
    matrix (m, n) past PAIRWISE_MAX vendors is computed once for its last few uses."""
    if V.ndim != 2 or V.shape[0] <= PAIRWISE_MAX:
        return _net_contributions(V, preference)
    prefs = tuple(_preferences(V.shape[1], preference))
    values = np.ascontiguousarray(V)
    key = (values.shape, hashlib.blake2b(values.tobytes(), digest_size=32).digest(), prefs)
    with _kept_lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    F = _net_contributions(values, prefs)
    F.flags.writeable = False
    with _kept_lock:
        _kept[key] = F
        while len(_kept) > KEPT_FLOWS:
            _kept.popitem(last=False)
    return F


def _net_contributions(V: np.ndarray, preference: Sequence[Preference] | None) -> np.ndarray:
    m, n = V.shape[-2], V.shape[-1]
    F = np.empty(V.shape)
    for j, P in enumerate(_preferences(n, preference)):
        col = V[..., j]
        if P.function == "gaussian":
            F[..., j] = _gaussian_flows(col.reshape(-1, m), P).reshape(col.shape)
            continue
        if m > PAIRWISE_MAX:
            plus, minus = _sorted_flows(col.reshape(-1, m), P)
            F[..., j] = (plus - minus).reshape(col.shape)
            continue
        pref = P(col[..., :, None] - col[..., None, :])  # P(v_aj - v_bj) at [a, b]
        # d(b, a) = -d(a, b): what others are preferred to a is the transpose, no second pass.
        F[..., j] = pref.sum(axis=-1) - pref.sum(axis=-2)
    return F / max(m - 1, 1)


# The Gaussian has no sorted path: each pair's preference is computed. Since P(d) = 0 for d <= 0,
# P(d(a, b)) - P(d(b, a)) = sign(d) (1 - exp(-d^2 / (2 s^2))): one signed pass over the pairs,
# a block of them at a time so the block stays in cache, with exp (which NumPy vectorises;
# expm1, 1.8x slower here, it does not) rather than -expm1 as `Preference` does: 1 - exp(-y) is
# within 1.2e-16 of it. Measured at 2,000 vendors x 40 criteria: 2.0 s, was 5.1 s.
GAUSSIAN_CELLS = 2**15


def _gaussian_flows(X: np.ndarray, P: Preference, split: bool = False) -> Any:
    """Net flows (k, m) of one criterion under a Gaussian P, unscaled, for each row of values
    X (k, m): sum_b P(d(a, b)) - P(d(b, a)); with `split`, the positive and negative flows
    apart, sum_b P(d(a, b)) and sum_b P(d(b, a)) (PROMETHEE I)."""
    k, m = X.shape
    out = np.empty((k, m))
    minus = np.empty((k, m)) if split else None
    samples = max(1, GAUSSIAN_CELLS // (m * m))  # a few vendors: many samples a block
    rows = max(1, GAUSSIAN_CELLS // m)  # many vendors: some of one sample's rows a block
    for i in range(0, k, samples):
        x = X[i : i + samples]
        for a in range(0, m, rows):
            y = P.odd(x[:, a : a + rows, None] - x[:, None, :])
            if minus is None:
                y.sum(axis=-1, out=out[i : i + samples, a : a + rows])
                continue
            np.maximum(y, 0.0).sum(axis=-1, out=out[i : i + samples, a : a + rows])
            np.minimum(y, 0.0).sum(axis=-1, out=minus[i : i + samples, a : a + rows])
    if minus is None:
        return out
    return out, -minus


# --- many vendors: one criterion's flows from its sorted values --------------------------------
#
# Every function but the Gaussian is piecewise linear in d, and d(a, b) = v_a - v_b falls as v_b
# grows. Over the values sorted, each piece of P(d(a, b)) and of P(d(b, a)) is then a run of
# neighbours: its constant pieces are counts and its sloped pieces a sum of values, read from
# prefix sums. A vendor's flows cost O(log m) after an O(m log m) sort, not O(m).
#
# Where a run ends is decided by the same expression in floating point as the pairwise path
# (`P(d) = 1 if d > q` evaluates `v_a - v_b > q`, rounded; see scoring.runs). Counts, and so the
# usual, u-shape and level functions, are bit for bit the pairwise path's; the v-shape and linear
# sums agree to rounding (they are continuous at each run's end).

# Up to this many vendors the (m, m) differences cost less than sorting (measured at 32-256).
PAIRWISE_MAX = 256


def _sorted_flows(X: np.ndarray, P: Preference) -> tuple[np.ndarray, np.ndarray]:
    """Positive and negative flows (k, m) of one criterion, unscaled: sum_b P(d(a, b)) and
    sum_b P(d(b, a)), for each row of values X (k, m)."""
    plus, minus = np.empty(X.shape), np.empty(X.shape)
    for i, x in enumerate(X):
        s = np.sort(x)
        plus[i], minus[i] = _row_flows(s, x, P)
    return plus, minus


def _row_flows(s: np.ndarray, x: np.ndarray, P: Preference) -> tuple[np.ndarray, np.ndarray]:
    f, q, p, m = P.function, P.q, P.p, s.size
    if f in ("usual", "u-shape", "level"):
        return _step_flows(s, x, f, 0.0 if f == "usual" else q, p)
    if f == "v-shape":
        r, band = 1.0 / p, 0.0  # no indifference band: v-shape has no q
    elif f == "linear":
        r, band = 1.0 / (p - q), q
    else:
        raise ValueError(f"no sorted path for the {f!r} preference function")
    # Continuous functions: where a run ends only matters to rounding (a value at the boundary
    # contributes 1 or (d - band) r = 1, 0 or 0), so plain searches for the thresholds do.
    full = np.searchsorted(s, x - p)  # P(d(a, b)) = 1 for these
    part = np.searchsorted(s, x - band)  # then 0 < P(d(a, b)) < 1, then P = 0 both ways
    back = np.searchsorted(s, x + band)  # then 0 < P(d(b, a)) < 1
    rest = np.searchsorted(s, x + p)  # then P(d(b, a)) = 1
    C = np.concatenate([[0.0], np.cumsum(s)])  # C[i]: the sum of the i smallest values
    # Sloped runs: sum over b of (x_a - s_b - band) r on [full, part), of (s_b - x_a - band) r
    # on [back, rest).
    plus = full + r * ((x - band) * (part - full) - (C[part] - C[full]))
    minus = (m - rest) + r * ((C[rest] - C[back]) - (x + band) * (rest - back))
    return plus, minus


def _step_flows(
    s: np.ndarray, x: np.ndarray, f: str, q: float, p: float
) -> tuple[np.ndarray, np.ndarray]:
    """Usual, u-shape and level: counts, each run ending where the pairwise test changes."""
    m = s.size
    over_q = leading(s, x, x - q, lambda x, sb: x - sb > q)  # d(a, b) > q: the first values
    under_q = leading(s, x, x + q, lambda x, sb: ~(sb - x > q))  # d(b, a) > q: the last m - this
    if f != "level":
        return over_q, m - under_q
    top = max(p, q)  # P = 1 beyond p, 1/2 between q and p (nothing between when p <= q)
    over_p = leading(s, x, x - top, lambda x, sb: x - sb > top)
    under_p = leading(s, x, x + top, lambda x, sb: ~(sb - x > top))
    return over_p + 0.5 * (over_q - over_p), (m - under_p) + 0.5 * (under_p - under_q)


def promethee2(
    V: np.ndarray, W: np.ndarray, preference: Sequence[Preference] | None = None
) -> np.ndarray:
    """Net outranking flow phi (k, m) in [-1, 1], higher is better.

    V: (m, n) or (k, m, n); W: (k, n); `preference` one per criterion (default: v-shape with
    p = 0.5 on every criterion).
    """
    F = net_contributions(V, preference)
    if V.ndim == 3:
        return np.einsum("kmn,kn->km", F, W)
    return (F @ W.T).T  # laid out vendors x samples, as SMAA's ranking reads it


# Pairwise differences per block of the one-column path: (rows, m, m) stays near 32 MB.
EDIT_PAIRS = 2**22


def pairs_per_vendor(m: int, P: Preference) -> int:
    """The values one vendor's flows on one criterion hold at once: a row of m differences,
    always for a function without a sorted path (`Preference.sorts`), for the others up to
    PAIRWISE_MAX vendors."""
    return m if not P.sorts or m <= PAIRWISE_MAX else 1


def edit_values(m: int, n: int, preference: Sequence[Preference] | None = None) -> int:
    """Values `promethee_edited` computes for one candidate, at its costliest criterion."""
    return m * max(pairs_per_vendor(m, P) for P in _preferences(n, preference))


def promethee_edited(
    V: np.ndarray, w: np.ndarray, preference: Sequence[Preference] | None = None
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Net flows (p, m) of V (m, n) under w (n,) with column jv[p] replaced by C[p] (p, m): the
    other criteria's contributions once, the replaced criterion's flows per candidate (O(m^2),
    or O(m log m) past PAIRWISE_MAX vendors, instead of every criterion's)."""
    m, n = V.shape
    prefs = _preferences(n, preference)
    rest = others_sum(net_contributions(V, prefs) * w)

    def score(jv: np.ndarray, C: np.ndarray) -> np.ndarray:
        out = np.empty(C.shape)
        for j in np.unique(jv):
            rows = np.flatnonzero(jv == j)
            block = max(1, EDIT_PAIRS // (m * pairs_per_vendor(m, prefs[j])))
            for start in range(0, rows.size, block):
                part = rows[start : start + block]
                F = net_contributions(C[part, :, None], [prefs[j]])[..., 0]
                out[part] = rest[:, j] + w[j] * F
        return out

    return score


def flows(
    V: np.ndarray, w: np.ndarray, preference: Sequence[Preference] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """PROMETHEE I's positive and negative flows (phi+, phi-), each (m,), of V (m, n) under w:
    each criterion's from its pairs (up to PAIRWISE_MAX vendors), its sorted values (beyond) or
    the Gaussian's blocks, weighted and added."""
    m, n = V.shape
    plus, minus = np.zeros(m), np.zeros(m)
    for j, P in enumerate(_preferences(n, preference)):
        if P.function == "gaussian":
            p, q = _gaussian_flows(V[None, :, j], P, split=True)
        elif m > PAIRWISE_MAX:
            p, q = _sorted_flows(V[None, :, j], P)
        else:
            pref = P(V[:, j, None] - V[None, :, j])
            p, q = pref.sum(axis=1), pref.sum(axis=0)
        plus += w[j] * p.reshape(m)
        minus += w[j] * q.reshape(m)
    scale = max(m - 1, 1)
    return plus / scale, minus / scale


# Pairs compared per block by `incomparable`: its (rows, m) arrays stay in cache.
INCOMPARABLE_CELLS = 2**16


def incomparable(plus: np.ndarray, minus: np.ndarray, tol: float = 1e-12) -> list[tuple[int, int]]:
    """PROMETHEE I: pairs (a, b), a < b, where each is better on one flow and worse on the other,
    in order of a then b. Rows of pairs at a time (2,000 vendors: 2 million pairs)."""
    plus, minus = np.asarray(plus), np.asarray(minus)
    m = plus.size
    rows = max(1, INCOMPARABLE_CELLS // max(m, 1))
    found: list[tuple[int, int]] = []
    for start in range(0, m, rows):
        a = np.arange(start, min(start + rows, m))
        d_plus = plus[a, None] - plus[None, :]
        d_minus = minus[a, None] - minus[None, :]
        a_ahead = (d_plus > tol) & (d_minus > tol)  # a gives more, but also receives more
        b_ahead = (d_plus < -tol) & (d_minus < -tol)
        hit = (a_ahead | b_ahead) & (np.arange(m)[None, :] > a[:, None])
        i, b = np.nonzero(hit)
        found += zip(a[i].tolist(), b.tolist(), strict=True)
    return found
