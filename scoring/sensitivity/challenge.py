"""What it would take: the smallest single-score change that makes another vendor the leader.

For a ranked vendor i and a leaf criterion j, only x_ij moves, toward the best end of j's scale
(the top for a benefit criterion, the bottom for a cost one). `value_needed` is the boundary: a
hair beyond it i is strictly ahead of every other vendor, a hair short it is not. Among the
criteria where such a value exists within the scale, the smallest move as a share of the scale
wins. A criterion with levels moves from level to level, and the needed value is the first level
at which i leads.

Two ways to find the boundary, one answer:

- closed form when each vendor's score depends on its own row only (WSM or WPM on the `scale`
  normalisation): S_i(v) = S_i + w_j (v - v_ij) for WSM and S_i (v / v_ij) ** w_j for WPM, solved
  for S_i(v) = max_k S_k, v being the normalised value (Fishburn 1967; Bridgman 1922);
- otherwise (TOPSIS, data-dependent normalisations, whose ideal or column totals move with the
  vendor's value): the vendor's value is tried on a grid from the current value to the best
  end, batched over every (vendor, criterion) pair, and the first bracket where i leads is
  bisected. Each try re-normalises the moved column alone and re-scores it against the other
  columns' terms, computed once (the method's one-column edit, `Setup.edited`); `_rescored`,
  which re-scores every edited matrix whole, is the definition the tests hold it to.

Also here, from the same re-scoring: unknown values that would change the leader at the other end
of their scale, and criteria that carry weight but barely separate the ranked vendors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.methods import ADDITIVE, METHOD_REGISTRY
from scoring.normalize import normalize
from scoring.rank import (
    TIE_TOLERANCE,
    competition_ranks,
    merit,
    merit_matrix,
    normalized_values,
)
from scoring.sensitivity.setup import Setup

GRID = 48  # grid points per (vendor, criterion) before bisection (non-separable methods)
BISECT_STEPS = 48  # halvings of a bracket: below 1e-13 of the scale
# The generic search re-scores one column (m values) per candidate, or m x n for a method
# without one-column edits; above this many floats per step the vendors furthest from the top
# are left out (and the result says how many were checked): at 2,000 vendors x 40 criteria, the
# 12 nearest the top, in about 2 s.
MAX_FLOATS_PER_STEP = 1_000_000
EDIT_VALUES = 2**21  # values re-scored per block of candidates: a block's arrays stay ~16 MB
# A criterion whose normalised values among the ranked vendors span at most this share of its
# scale "barely separates" them: its weight has almost no effect on the order.
IDLE_SPREAD = 0.05
# Criteria with a global weight below this share are not worth naming as "idle".
IDLE_MIN_SHARE = 0.01


@dataclass(frozen=True)
class Challenge:
    """What it would take for `vendor` to lead: one score of `criterion` moved to `value_needed`.

    criterion None: no change of a single score within its scale makes the vendor the leader.
    Values are in the criterion's own numbers (a level's number where it has levels); value_now
    is None when the value is unknown (then scored by the unknowns policy).
    """

    vendor: str
    criterion: str | None = None
    value_now: float | None = None
    value_needed: float | None = None

    @property
    def possible(self) -> bool:
        return self.criterion is not None

    def to_dict(self) -> dict:
        """JSON: {vendor, criterion, value_now, value_needed}, or {vendor, criterion: null}."""
        if not self.possible:
            return {"vendor": self.vendor, "criterion": None}
        return {
            "vendor": self.vendor,
            "criterion": self.criterion,
            "value_now": self.value_now,
            "value_needed": self.value_needed,
        }


@dataclass(frozen=True)
class UnknownThatMatters:
    """An unknown value that, at `end` ("best" or "worst") of its scale, gives a new leader."""

    vendor: str
    criterion: str
    end: str
    value: float
    new_leader: str

    def to_dict(self) -> dict:
        return {"vendor": self.vendor, "criterion": self.criterion, "end": self.end,
                "value": self.value, "new_leader": self.new_leader}  # fmt: skip


@dataclass(frozen=True)
class IdleCriterion:
    """A weighted leaf on which the ranked vendors' values span at most IDLE_SPREAD of its scale."""

    criterion: str
    share: float  # global weight, share of the total
    spread: float  # max - min of the normalised values among the ranked vendors, 0..1

    def to_dict(self) -> dict:
        return {"criterion": self.criterion, "share": self.share, "spread": self.spread}


@dataclass(frozen=True)
class Challenges:
    """Every ranked vendor but the leader, in rank order; `checked` of `total` were searched."""

    items: tuple[Challenge, ...]
    checked: int
    total: int


def _leader_index(s: Setup, S: np.ndarray) -> int:
    ranks = competition_ranks(S)
    return int(next(i for i in s.name_order if ranks[i] == 1))


def _best_end(s: Setup) -> np.ndarray:
    r = s.resolved
    return np.where(r.benefit, r.scale_max, r.scale_min)


def _candidates(s: Setup, j: int) -> np.ndarray | None:
    """The values a score on leaf j can take when it has levels (None: a continuous scale)."""
    c = s.case.by_id[s.resolved.leaf_ids[j]]
    if c.levels is None:
        return None
    return np.array(sorted(float(v) for v in c.levels.values()))


def challengers(s: Setup) -> Challenges:
    """The smallest single-score change that makes each non-leading vendor the leader."""
    r = s.resolved
    S = merit_matrix(s.V, r.weights[None, :], s.method, s.options)[0]
    lead = _leader_index(s, S)
    ranks = competition_ranks(S)
    order = sorted(range(r.m), key=lambda i: (ranks[i], r.vendor_names[i].lower(), i))
    others = [i for i in order if i != lead]
    # A step re-scores checked x n candidates: one column of m values each (m x n for a method
    # without one-column edits)
    budget = max(1, MAX_FLOATS_PER_STEP // max(1, _cost(s) * r.n))
    separable = s.scenario.effective_normalization == "scale" and s.method in {*ADDITIVE, "wpm"}
    checked = others if separable else others[:budget]
    needed = _needed_separable(s, S, checked) if separable else _needed_search(s, checked)
    items = tuple(_pick(s, i, needed[k]) for k, i in enumerate(checked))
    return Challenges(items, len(checked), len(others))


def _pick(s: Setup, i: int, needed: np.ndarray) -> Challenge:
    """The criterion needing the smallest move (share of its scale); NaN where none suffices."""
    r = s.resolved
    span = r.scale_max - r.scale_min  # > 0: the model refuses an empty scale or one level
    # Rounded so that equal moves (1 on two 0..10 scales) tie exactly, whatever the float noise
    # of the search: the first criterion in the tree then wins.
    move = np.round(np.abs(needed - r.X[i]) / span, 9)
    if np.all(np.isnan(move)):
        return Challenge(r.vendor_ids[i])
    j = int(np.nanargmin(move))
    now = None if r.unknown[i, j] else float(r.X[i, j])
    return Challenge(r.vendor_ids[i], r.leaf_ids[j], now, float(needed[j]))


def _needed_separable(s: Setup, S: np.ndarray, rows: list[int]) -> np.ndarray:
    """Closed form (WSM/WPM on the declared scale): needed raw values (len(rows), n), NaN: none."""
    r = s.resolved
    w = r.weights
    out = np.full((len(rows), r.n), np.nan)
    for k, i in enumerate(rows):
        rival = np.max(np.delete(S, i))  # others' scores do not move: the bar to clear
        if s.method == "wpm":
            v = _wpm_needed(s.V[i], w, rival)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                v = s.V[i] + (rival - S[i]) / w
        # At the boundary itself the vendor only ties (and a tie at the top goes by name):
        # a boundary at the very top of the scale cannot be passed.
        v = np.where((w > 0) & (v < 1.0 - 1e-12) & (v >= s.V[i]), v, np.nan)
        out[k] = _to_raw(s, v)
    return _levels_by_search(s, rows, out)


def _wpm_needed(v: np.ndarray, w: np.ndarray, rival: float) -> np.ndarray:
    """Value v_j' with prod_{l != j} v_l ** w_l * v_j' ** w_j = rival, for each j (NaN: none)."""
    weighted = np.zeros_like(v)
    pos = v > 0  # a weightless factor is 1 whatever its value (0 ** 0 = 1 too)
    weighted[pos] = w[pos] * np.log(v[pos])
    vetoes = (w > 0) & (v <= 0)  # a weighted 0 makes the product 0 whatever the rest
    rest = weighted.sum() - weighted  # log of the product of the other factors
    other_veto = vetoes.sum() - vetoes > 0
    route = (w > 0) & ~other_veto
    need = np.full_like(v, np.nan)
    # A rival scoring 0 (every other vendor vetoed) needs 0: a hair above it clears the bar. A
    # bar out of reach of a small weight overflows to inf, which the caller drops as no route.
    with np.errstate(divide="ignore", over="ignore"):
        need[route] = np.exp((np.log(rival) - rest[route]) / w[route])
    return need


def _to_raw(s: Setup, v: np.ndarray) -> np.ndarray:
    """Normalised value on the declared scale -> the criterion's own number."""
    r = s.resolved
    span = r.scale_max - r.scale_min
    return np.where(r.benefit, r.scale_min + v * span, r.scale_max - v * span)


def _cost(s: Setup) -> int:
    """Values re-scored per candidate: one column (m); what the method's one-column edit
    computes (its registry `edit_values`: PROMETHEE II's, under a normalisation that moves the
    whole column, the edited criterion's pairs of vendors); or, with no edit, the whole matrix."""
    r = s.resolved
    if _one_column(s):
        return r.m
    if s.edited is None:
        return r.m * r.n
    per_candidate = METHOD_REGISTRY[s.method].edit_values
    return r.m if per_candidate is None else per_candidate(r.m, r.n, **s.options)


def _edited_scores(s: Setup, iv: np.ndarray, jv: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Merits (p, m) with one score changed per row p: vendor iv[p]'s on leaf jv[p] set to x[p]
    (the criterion's own number); the rest of the matrix as it is. In blocks of at most
    EDIT_VALUES re-scored values, so any number of candidates fits in bounded memory."""
    if _one_column(s):
        edit = _promethee_edited
    elif s.edited is not None:
        edit = _column_edited
    else:
        edit = _rescored
    block = max(1, EDIT_VALUES // _cost(s))
    if len(x) <= block:
        return edit(s, iv, jv, x)
    out = np.empty((len(x), s.resolved.m))
    for a in range(0, len(x), block):
        out[a : a + block] = edit(s, iv[a : a + block], jv[a : a + block], x[a : a + block])
    return out


def _rescored(s: Setup, iv: np.ndarray, jv: np.ndarray, x: np.ndarray) -> np.ndarray:
    """`_edited_scores` by definition: every edited matrix normalised and scored whole."""
    r = s.resolved
    X = np.broadcast_to(r.X, (len(x), r.m, r.n)).copy()
    X[np.arange(len(x)), iv, jv] = x
    V = normalized_values(r, s.scenario.effective_normalization, X)
    return merit_matrix(V, np.broadcast_to(r.weights, (len(x), r.n)), s.method, s.options)


def _column_edited(s: Setup, iv: np.ndarray, jv: np.ndarray, x: np.ndarray) -> np.ndarray:
    """`_edited_scores` through the method's one-column edit (`Setup.edited`): the edited
    column normalised alone (every normalisation reads one column at a time), then scored
    against the other columns' terms, computed once."""
    r = s.resolved
    X = r.X[:, jv].T.copy()  # (p, m): each candidate's column
    X[np.arange(len(x)), iv] = x
    C = normalize(
        X[:, :, None],
        r.benefit[jv, None, None],
        r.scale_min[jv, None, None],
        r.scale_max[jv, None, None],
        s.scenario.effective_normalization,
    )[..., 0]
    return merit(s.edited(jv, C), s.method)


def _one_column(s: Setup) -> bool:
    """PROMETHEE II on the declared scale: one changed score changes one column of values, and
    the net flows only through that criterion's pairs with the vendor (O(m), not O(m^2 n))."""
    return s.method == "promethee2" and s.scenario.effective_normalization == "scale"


def _promethee_edited(s: Setup, iv: np.ndarray, jv: np.ndarray, x: np.ndarray) -> np.ndarray:
    """`_edited_scores` for PROMETHEE II: phi' = phi + w_j (F'_j - F_j), where moving vendor i
    from v to v' on j changes every other vendor a's contribution by g(v_a - v') - g(v_a - v),
    g(d) = P(d) - P(-d), and i's own by minus their sum (g is odd)."""
    r = s.resolved
    S = s.linear @ r.weights  # the current net flows, F computed once per setup
    out = np.broadcast_to(S, (len(x), r.m)).copy()
    v = (x - r.scale_min[jv]) / (r.scale_max[jv] - r.scale_min[jv])  # as normalize.scale
    v = np.where(r.benefit[jv], v, 1.0 - v)
    for j in np.unique(jv):
        rows = np.flatnonzero(jv == j)
        P, col, own = r.preference[j], s.V[:, j], iv[rows]
        D = _odd(P, col[None, :] - v[rows, None]) - _odd(P, col[None, :] - col[own, None])
        D[np.arange(rows.size), own] = 0.0
        D[np.arange(rows.size), own] = -D.sum(axis=1)
        out[rows] += (r.weights[j] / max(r.m - 1, 1)) * D
    return out


def _odd(P, d: np.ndarray) -> np.ndarray:
    """g(d) = P(d) - P(-d): a pair's contribution to the first vendor's net flow."""
    return P.odd(d)


def _leads(s: Setup, iv: np.ndarray, jv: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Is vendor iv[p] strictly first with its score on jv[p] set to x[p]?"""
    S = _edited_scores(s, iv, jv, x)
    rows = np.arange(len(x))
    mine = S[rows, iv]
    S[rows, iv] = -np.inf
    return mine > S.max(axis=1) + TIE_TOLERANCE


def _needed_search(s: Setup, rows: list[int]) -> np.ndarray:
    """Grid then bisection over every (vendor, criterion) pair at once; NaN where none leads."""
    r = s.resolved
    out = np.full((len(rows), r.n), np.nan)
    if not rows:
        return out
    best = _best_end(s)
    pairs = [(k, i, j) for k, i in enumerate(rows) for j in range(r.n) if r.weights[j] > 0]
    if not pairs:
        return out
    ks, iv, jv = (np.array(a) for a in zip(*pairs, strict=True))
    start, stop = r.X[iv, jv], best[jv]

    grid = np.linspace(0.0, 1.0, GRID + 1)[1:]
    lo = np.zeros(len(pairs))
    hi = np.full(len(pairs), np.nan)
    for t in grid:  # the first grid point where the vendor leads: its bracket is (t - step, t]
        open_ = np.flatnonzero(np.isnan(hi))  # pairs not yet found: only these are re-scored
        if not open_.size:
            break
        hit = _leads(s, iv[open_], jv[open_], start[open_] + t * (stop[open_] - start[open_]))
        hi[open_[hit]] = t
        lo[open_[~hit]] = t
    found = ~np.isnan(hi)
    a, b = lo[found], hi[found]
    sub = np.flatnonzero(found)
    for _ in range(BISECT_STEPS):
        mid = (a + b) / 2
        ok = _leads(s, iv[sub], jv[sub], start[sub] + mid * (stop[sub] - start[sub]))
        b = np.where(ok, mid, b)
        a = np.where(ok, a, mid)
    x = start[sub] + a * (stop[sub] - start[sub])
    out[ks[sub], jv[sub]] = x
    return _levels_by_search(s, rows, out)


def _levels_by_search(s: Setup, rows: list[int], needed: np.ndarray) -> np.ndarray:
    """Levels move in steps: the first level at or beyond the boundary at which the vendor leads
    (checked by re-scoring, so one rule serves the closed form and the search)."""
    r = s.resolved
    for j in range(r.n):
        levels = _candidates(s, j)
        if levels is None:
            continue
        for k, i in enumerate(rows):
            x = needed[k, j]
            if np.isnan(x):
                continue
            beyond = levels[levels >= x] if r.benefit[j] else levels[levels <= x][::-1]
            needed[k, j] = np.nan
            for level in beyond:
                if _leads(s, np.array([i]), np.array([j]), np.array([level]))[0]:
                    needed[k, j] = level
                    break
    return needed


def unknowns_that_matter(s: Setup) -> tuple[UnknownThatMatters, ...]:
    """Unknown values that would change the leader at the other end of their scale.

    A challenger's unknown is tried at the best end (it could be excellent); the leader's own
    unknowns at the worst end (it could be poor), which matters when they are scored at the
    midpoint. The candidates are re-scored together, in blocks of bounded size.
    """
    r = s.resolved
    S = merit_matrix(s.V, r.weights[None, :], s.method, s.options)[0]
    lead = _leader_index(s, S)
    cells = np.argwhere(r.unknown)
    if len(cells) == 0:
        return ()
    worst = np.where(r.benefit, r.scale_min, r.scale_max)
    ends = np.where(cells[:, 0] == lead, worst[cells[:, 1]], _best_end(s)[cells[:, 1]])
    keep = _could_change_leader(s, S, lead, cells, ends)
    cells, ends = cells[keep], ends[keep]
    scores = _edited_scores(s, cells[:, 0], cells[:, 1], ends)
    out = []
    for (i, j), value, row in zip(cells, ends, scores, strict=True):
        new = _leader_index(s, row)
        if new != lead:
            end = "worst" if i == lead else "best"
            ids = r.vendor_ids
            out.append(UnknownThatMatters(ids[i], r.leaf_ids[j], end, float(value), ids[new]))
    return tuple(out)


PRUNE_MARGIN = 1e-6  # far above rounding and TIE_TOLERANCE: a candidate this close is re-scored


def _could_change_leader(
    s: Setup, S: np.ndarray, lead: int, cells: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """Which unknown cells (rows of `cells`, tried at `ends`) might change the leader; the
    others cannot, and are not re-scored (at 2,000 vendors re-scoring all 700 of them copied
    the whole matrix for each: 4 s). Pruning needs a weighted sum on the declared scale, where
    a cell moves only its own vendor's score, by w_j times its change of value: a challenger
    that would still trail the leader by more than PRUNE_MARGIN, or a leader that would still
    head everyone else by more than it, is left out. Any other method or normalisation: all."""
    r = s.resolved
    if s.method not in ADDITIVE or s.scenario.effective_normalization != "scale":
        return np.ones(len(cells), dtype=bool)
    i, j = cells[:, 0], cells[:, 1]
    span = r.scale_max[j] - r.scale_min[j]
    move = np.where(r.benefit[j], 1.0, -1.0) * (ends - r.X[i, j]) / span  # change of value
    new = S[i] + r.weights[j] * move
    others = np.delete(S, lead)
    runner_up = others.max() if others.size else -np.inf
    return np.where(i == lead, new <= runner_up + PRUNE_MARGIN, new >= S[lead] - PRUNE_MARGIN)


def idle_criteria(s: Setup) -> tuple[IdleCriterion, ...]:
    """Weighted leaves (at least IDLE_MIN_SHARE of the total) that barely separate the vendors."""
    r = s.resolved
    if r.m < 2:
        return ()
    spread = s.V.max(axis=0) - s.V.min(axis=0)
    return tuple(
        IdleCriterion(r.leaf_ids[j], float(r.weights[j]), float(spread[j]))
        for j in range(r.n)
        if r.weights[j] >= IDLE_MIN_SHARE and spread[j] <= IDLE_SPREAD
    )
