"""Score and rank a case under a scenario: the one result object every view and report reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from scoring.case import Excluded, Resolved, resolve, shown_value
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.methods import HIGHER_IS_BETTER, METHOD_REGISTRY, METHODS
from scoring.model import Criterion, Scenario
from scoring.normalize import normalize

TIE_TOLERANCE = 1e-12  # scores closer than this are a tie: float noise must not break one


# Above this many vendors ranks come from a sort, O(m log m) per row instead of O(m^2) memory.
PAIRWISE_RANKS_MAX = 64


def competition_ranks(S: np.ndarray, tol: float = TIE_TOLERANCE) -> np.ndarray:
    """Standard competition ranks (1-2-2-4) of scores S (..., m), higher score = better rank:
    1 + the number of scores above one's own by more than `tol`."""
    S = np.asarray(S, dtype=float)
    if S.shape[-1] <= PAIRWISE_RANKS_MAX or not np.isfinite(S).all():
        better = S[..., None, :] > S[..., :, None] + tol
        return 1 + better.sum(axis=-1)
    rows = S.reshape(-1, S.shape[-1])
    ordered = np.sort(rows, axis=-1)
    m = rows.shape[-1]
    out = np.empty(rows.shape, dtype=np.intp)
    for k in range(rows.shape[0]):  # searchsorted is 1-D; each row is O(m log m)
        out[k] = 1 + m - np.searchsorted(ordered[k], rows[k] + tol, side="right")
    return out.reshape(S.shape)


def score_matrix(
    V: np.ndarray, W: np.ndarray, method: str, options: Mapping[str, Any] | None = None
) -> np.ndarray:
    """Scores (k, m) of normalised values V (m, n) or (k, m, n) under weight vectors W (k, n).

    The scores read as the method's registry entry says (VIKOR's Q: lower is better); `options`
    are the method's keyword options (`method_options`), its defaults when None.
    """
    try:
        fn = METHODS[method]
    except KeyError:
        raise ScenarioError(f"unknown method {method!r}; use one of {', '.join(METHODS)}") from None
    return fn(V, np.atleast_2d(W), **(options or {}))


def merit(S: np.ndarray, method: str) -> np.ndarray:
    """Scores turned so that higher is better (VIKOR's Q negated): what every ranking compares."""
    return S if HIGHER_IS_BETTER[method] else -S


def merit_matrix(
    V: np.ndarray, W: np.ndarray, method: str, options: Mapping[str, Any] | None = None
) -> np.ndarray:
    """`score_matrix` turned so that higher is better, for ranks, leaders and shares."""
    S = score_matrix(V, W, method, options)
    # The scores are this call's own array: turned in place, not copied (SMAA's hot path).
    return S if HIGHER_IS_BETTER[method] else np.negative(S, out=S)


def method_options(method: str, scenario: Scenario, resolved: Resolved) -> dict[str, Any]:
    """The keyword options `method` takes (its registry entry names them), from the scenario
    (VIKOR's v) and the case (PROMETHEE's preference functions)."""
    available = {"v": scenario.vikor_v, "preference": resolved.preference}
    return {name: available[name] for name in METHOD_REGISTRY[method].options}


def normalized_values(r: Resolved, normalization: str, X: np.ndarray | None = None) -> np.ndarray:
    """The resolved matrix (or a sampled stack X of the same vendors) mapped to [0, 1] values."""
    return normalize(r.X if X is None else X, r.benefit, r.scale_min, r.scale_max, normalization)


@dataclass(frozen=True)
class Ranking:
    """A scored, ranked scenario. `order` lists vendor indices best first (ties by name)."""

    case: Case
    scenario: Scenario
    resolved: Resolved
    V: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray

    @property
    def method(self) -> str:
        return self.scenario.method

    @property
    def normalization(self) -> str:
        return self.scenario.effective_normalization

    @property
    def higher_is_better(self) -> bool:
        return HIGHER_IS_BETTER[self.method]

    @property
    def options(self) -> dict[str, Any]:
        return method_options(self.method, self.scenario, self.resolved)

    @property
    def excluded(self) -> tuple[Excluded, ...]:
        return self.resolved.excluded

    @cached_property
    def order(self) -> list[int]:
        r = self.resolved
        return sorted(range(r.m), key=lambda i: (self.ranks[i], r.vendor_names[i].lower(), i))

    @property
    def leader(self) -> str:
        return self.resolved.vendor_ids[self.order[0]]

    def rows(self) -> list[dict]:
        """The ranking table: rank, vendor, name, score, gap to the leader, unknown criteria.

        The gap is never negative: the leader's score minus the vendor's, or the vendor's minus
        the leader's when lower is better."""
        r = self.resolved
        if not self.order:  # every vendor was set aside by a must-have
            return []
        sign = 1.0 if self.higher_is_better else -1.0
        top = float(self.scores[self.order[0]])
        return [
            {
                "rank": int(self.ranks[i]),
                "vendor": r.vendor_ids[i],
                "name": r.vendor_names[i],
                "score": float(self.scores[i]),
                "gap": sign * (top - float(self.scores[i])) + 0.0,  # never -0.0
                "unknowns": r.unknowns_of(i),
            }
            for i in self.order
        ]

    def vetoes(self) -> dict[str, list[str]]:
        """WPM only: per ranked vendor, the weighted leaves whose normalised value is 0.

        A weighted product is 0 as soon as one weighted factor is 0 (Bridgman's veto), whatever
        the vendor's other values; this names the criteria behind each such 0. Empty for WSM and
        TOPSIS, where a 0 is just a low value.
        """
        r = self.resolved
        if self.method != "wpm":
            return {}
        zero = (self.V == 0) & (r.weights > 0)[None, :]
        return {
            r.vendor_ids[i]: [r.leaf_ids[j] for j in np.flatnonzero(zero[i])]
            for i in self.order
            if zero[i].any()
        }

    def notes(self) -> list[str]:
        """Sentences a reader needs next to the scores: how unknowns were scored, and why a
        WPM score is 0."""
        unknown = self.unknown_note()
        return ([unknown] if unknown else []) + self.veto_notes()

    def unknown_note(self) -> str:
        """How unknown values were scored, or "" when no ranked vendor has one."""
        if not self.resolved.unknown.any():
            return ""
        if self.scenario.unknowns == "worst":
            return (
                "Unknown values are scored at the worst end of their scale (conservative); "
                "set unknowns to midpoint to score them at the middle instead."
            )
        return "Unknown values are scored at the middle of their scale."

    def veto_notes(self) -> list[str]:
        """One sentence per WPM score of 0, naming the values that vetoed it."""
        r, by_id, out = self.resolved, self.case.by_id, []
        for vendor, leaves in self.vetoes().items():
            i = r.vendor_ids.index(vendor)
            causes = ", ".join(self._cause(i, r.leaf_ids.index(cid), by_id[cid]) for cid in leaves)
            value = "value on" if len(leaves) == 1 else "values on"
            verb = "normalises" if len(leaves) == 1 else "normalise"
            out.append(
                f"{r.vendor_names[i]} scores 0: its {value} {causes} {verb} to 0, and a weighted "
                "product is 0 when any weighted value is 0 (WPM's veto)."
            )
        return out

    def _cause(self, i: int, j: int, c: Criterion) -> str:
        value = shown_value(self.resolved.X[i, j], c)
        return f"{c.name} ({'unknown, scored as ' if self.resolved.unknown[i, j] else ''}{value})"

    def weights_by_leaf(self) -> dict[str, float]:
        r = self.resolved
        return {cid: float(w) for cid, w in zip(r.leaf_ids, r.weights, strict=True)}


def rank(case: Case, scenario: Scenario | None = None, resolved: Resolved | None = None) -> Ranking:
    """Resolve, normalise, score and rank. Raises ScenarioError if the scenario cannot apply.

    `resolved`: the case already resolved for this scenario up to its method and normalisation
    (which resolving does not read), so that ranking one case under every method resolves once.
    """
    scenario = scenario or Scenario()
    resolved = resolve(case, scenario) if resolved is None else resolved
    if resolved.m == 0:
        V = np.zeros((0, resolved.n))
        scores = np.zeros(0)
    else:
        V = normalized_values(resolved, scenario.effective_normalization)
        options = method_options(scenario.method, scenario, resolved)
        scores = score_matrix(V, resolved.weights[None, :], scenario.method, options)[0]
    ranks = competition_ranks(merit(scores, scenario.method))
    return Ranking(case, scenario, resolved, V, scores, ranks)
