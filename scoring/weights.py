"""Weight elicitation: AHP pairwise comparisons with Saaty's consistency ratio, rank-order
centroid weights (SMARTER) and swing weights. Pure functions; the CLI (`shortlist weights`) and
the app's "Set weights" panel render their results.

- AHP (Saaty 1977, 1980): weights are the principal right eigenvector of the reciprocal
  judgement matrix A; lambda_max its eigenvalue, CI = (lambda_max - n) / (n - 1), and
  CR = CI / RI(n) with Saaty's random index. Above CR 0.10 the judgements are too inconsistent
  to rely on. Since lambda_max = n + (1/n) sum_{i<j} (e_ij + 1/e_ij - 2) with
  e_ij = a_ij w_j / w_i (Saaty 2003), each judgement's term says how much it adds to the
  inconsistency, and w_i / w_j is the value that would make it consistent.
- Incomplete judgements: the logarithmic least squares method (Crawford & Williams 1985;
  Bozoki, Fulop & Ronyai 2010), min sum over the given pairs of (ln a_ij - ln w_i + ln w_j)^2;
  on a complete matrix it is the row geometric mean. The consistency is then measured on the
  matrix completed with w_i / w_j where a judgement is missing.
- Group judgements (Aczel & Saaty 1983): the element-wise geometric mean of the participants'
  matrices is the only aggregation that keeps reciprocity (and unanimity).
- Rank-order centroid (Barron & Barrett 1996; SMARTER, Edwards & Barron 1994):
  w_k = (1/n) sum_{i=k}^{n} 1/i for the criterion ranked k-th.
- Swing weighting (von Winterfeldt & Edwards 1986): points 0..100 for swinging each criterion
  from its worst to its best, the most important swing at 100; weights are points / total.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from scoring.errors import CaseError, Problem, ScenarioError
from scoring.load import Case
from scoring.model import MAX_JUDGED_ITEMS, SAATY_MAX, Judgements, Scenario
from scoring.yamlpos import Located, parse

# Saaty's random index by matrix size (Saaty 1980, Table 1.7; n = 11..15 from Saaty 2012).
RANDOM_INDEX = (0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48,
                1.56, 1.57, 1.59)  # fmt: skip
CR_LIMIT = 0.10
ADVISED_ITEMS = 8  # more per comparison set and judgements get inconsistent (Saaty's 7 +/- 2)
RECIPROCAL_TOLERANCE = 0.02  # "1/3" written as 0.33 is a reciprocal of 3
SAATY_VALUES = tuple(sorted({*range(1, 10), *(1 / k for k in range(2, 10))}))
WORST_SHOWN = 3
MAX_SWING_POINTS = 100.0


class JudgementsError(CaseError):
    subject = "the judgements"


def random_index(n: int) -> float:
    """Saaty's RI for an n x n matrix (the last tabulated value beyond the table)."""
    return RANDOM_INDEX[min(n, len(RANDOM_INDEX) - 1)]


def principal_eigenvector(A: np.ndarray) -> tuple[np.ndarray, float]:
    """(w summing to 1, lambda_max) of a positive reciprocal matrix (Perron vector)."""
    values, vectors = np.linalg.eig(A)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def llsm(n: int, pairs: Sequence[tuple[int, int, float]]) -> np.ndarray:
    """Weights (n,) minimising sum (ln a_ij - ln w_i + ln w_j)^2 over the given pairs."""
    rows = np.zeros((len(pairs) + 1, n))
    rhs = np.zeros(len(pairs) + 1)
    for k, (i, j, a) in enumerate(pairs):
        rows[k, i], rows[k, j], rhs[k] = 1.0, -1.0, math.log(a)
    rows[-1] = 1.0  # fixes the free constant: sum ln w = 0
    x = np.linalg.lstsq(rows, rhs, rcond=None)[0]
    w = np.exp(x - x.max())
    return w / w.sum()


@dataclass(frozen=True)
class Inconsistent:
    """A judgement `a` over `b` given as `value`, whose consistent value would be `suggested`
    (w_a / w_b); `share` is its part of the whole inconsistency (0..1)."""

    a: str
    b: str
    value: float
    suggested: float
    nearest: str  # the closest value on Saaty's scale, as people write it ("3", "1/5")
    share: float

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "value": self.value, "suggested": self.suggested,
                "nearest": self.nearest, "share": self.share}  # fmt: skip


@dataclass(frozen=True)
class AhpResult:
    """Weights by item id, lambda_max, CI, CR, the judgements that contribute most to the
    inconsistency (worst first), the pairs never judged, and how the weights were found."""

    items: tuple[str, ...]
    weights: dict[str, float]
    lambda_max: float
    ci: float
    cr: float
    inconsistent: tuple[Inconsistent, ...]
    missing: tuple[tuple[str, str], ...] = ()
    method: str = "eigenvector"

    @property
    def acceptable(self) -> bool:
        return self.cr <= CR_LIMIT

    def to_dict(self) -> dict:
        return {
            "weights": dict(self.weights),
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "cr": self.cr,
            "acceptable": self.acceptable,
            "inconsistent": [x.to_dict() for x in self.inconsistent],
            "missing": [list(p) for p in self.missing],
            "method": self.method,
        }

    def sentences(self) -> list[str]:
        """The result in words: consistency first, then what to revisit."""
        out = [
            f"Consistency ratio {self.cr:.3f} "
            + (
                f"(at most {CR_LIMIT:.2f} is acceptable)."
                if self.acceptable
                else f"is above {CR_LIMIT:.2f}: the judgements contradict each other too much "
                "to rely on the weights. Revisit these first:"
            )
        ]
        if not self.acceptable:
            out += [
                f"{x.a} over {x.b}: you said {saaty_text(x.value)}; {x.nearest} would fit the "
                f"others ({x.share:.0%} of the inconsistency)."
                for x in self.inconsistent
            ]
        if self.missing:
            pairs = ", ".join(f"{a}-{b}" for a, b in self.missing)
            out.append(
                f"Not compared: {pairs}. Their weights come from the other judgements "
                "(logarithmic least squares)."
            )
        if len(self.items) > ADVISED_ITEMS:
            out.append(
                f"{len(self.items)} items in one comparison: at most about {ADVISED_ITEMS} is "
                "advised; group them under parent criteria instead."
            )
        return out


def saaty_text(x: float) -> str:
    """3.0 -> '3', 0.2 -> '1/5', 2.5 -> '2.5'."""
    if x >= 1:
        return f"{x:g}"  # 6 significant digits: a whole number shows no ".0"
    inv = 1 / x
    return f"1/{round(inv)}" if abs(inv - round(inv)) < 1e-9 else f"{x:.3g}"


def nearest_saaty(x: float) -> float:
    """The value of Saaty's 1-9 scale (or its reciprocals) nearest x on a log scale."""
    x = min(max(x, 1 / SAATY_MAX), SAATY_MAX)
    return min(SAATY_VALUES, key=lambda s: abs(math.log(s / x)))


def consistency(A: np.ndarray, w: np.ndarray) -> tuple[float, float, float]:
    """(lambda_max, CI, CR) of matrix A for weights w (lambda_max = mean of (A w)_i / w_i)."""
    n = len(w)
    lam = float(np.mean((A @ w) / w))
    if n <= 2:
        return float(n), 0.0, 0.0
    ci = max(0.0, (lam - n) / (n - 1))  # a consistent matrix's float noise is not negative CI
    return lam, ci, ci / random_index(n)


def worst_judgements(
    items: Sequence[str], A: np.ndarray, w: np.ndarray, judged: np.ndarray
) -> tuple[Inconsistent, ...]:
    """The judged pairs adding most to lambda_max - n, worst first (at most WORST_SHOWN)."""
    n = len(items)
    terms = []
    for i in range(n):
        for j in range(i + 1, n):
            if judged[i, j]:
                e = A[i, j] * w[j] / w[i]
                terms.append((e + 1 / e - 2, i, j))
    total = sum(t for t, _, _ in terms)
    if total <= 1e-12:
        return ()
    out = []
    for t, i, j in sorted(terms, reverse=True)[:WORST_SHOWN]:
        # Written the way round that reads as "more important": a over b at least 1.
        a, b = (i, j) if A[i, j] >= 1 else (j, i)
        ideal = float(w[a] / w[b])
        out.append(
            Inconsistent(
                items[a],
                items[b],
                float(A[a, b]),
                ideal,
                saaty_text(nearest_saaty(ideal)),
                float(t / total),
            )  # fmt: skip
        )
    return tuple(out)


def ahp_matrix(items: Sequence[str], A: np.ndarray) -> AhpResult:
    """AHP on a complete reciprocal matrix: the principal eigenvector and its consistency."""
    A = np.asarray(A, dtype=float)
    w, _ = principal_eigenvector(A)
    lam, ci, cr = consistency(A, w)
    judged = ~np.eye(len(items), dtype=bool)
    return AhpResult(
        tuple(items),
        dict(zip(items, w.tolist(), strict=True)),
        lam,
        ci,
        cr,
        worst_judgements(items, A, w, judged) if cr > CR_LIMIT else (),
    )


def ahp_pairs(items: Sequence[str], pairs: Sequence[tuple[str, str, float]]) -> AhpResult:
    """AHP from judgements a-over-b; with every pair given, the eigenvector method, otherwise
    the logarithmic least squares weights, naming the pairs never judged."""
    index = {item: k for k, item in enumerate(items)}
    n = len(items)
    A = np.eye(n)
    judged = np.zeros((n, n), dtype=bool)
    for a, b, value in pairs:
        i, j = index[a], index[b]
        A[i, j], A[j, i] = value, 1 / value
        judged[i, j] = judged[j, i] = True
    missing = tuple(
        (items[i], items[j]) for i in range(n) for j in range(i + 1, n) if not judged[i, j]
    )
    if not missing:
        return ahp_matrix(items, A)
    w = llsm(n, [(index[a], index[b], v) for a, b, v in pairs])
    filled = np.where(judged | np.eye(n, dtype=bool), A, w[:, None] / w[None, :])
    lam, ci, cr = consistency(filled, w)
    return AhpResult(
        tuple(items),
        dict(zip(items, w.tolist(), strict=True)),
        lam,
        ci,
        cr,
        worst_judgements(items, filled, w, judged) if cr > CR_LIMIT else (),
        missing,
        "llsm",
    )


def aggregate_judgements(matrices: Sequence[np.ndarray]) -> np.ndarray:
    """The group's matrix: the element-wise geometric mean of the participants' reciprocal
    matrices (Aczel & Saaty 1983), itself reciprocal. Its `ahp_matrix` gives the group's
    weights and CR."""
    stack = np.log(np.stack([np.asarray(M, dtype=float) for M in matrices]))
    return np.exp(stack.mean(axis=0))


def ahp_group(items: Sequence[str], matrices: Sequence[np.ndarray]) -> AhpResult:
    """The group's weights and CR: AHP on the geometric mean of the participants' matrices."""
    return ahp_matrix(items, aggregate_judgements(matrices))


def roc(n: int) -> np.ndarray:
    """Rank-order centroid weights for n criteria in importance order (most important first)."""
    if n < 1:
        raise ValueError("rank at least one criterion")
    return np.array([sum(1.0 / i for i in range(k, n + 1)) / n for k in range(1, n + 1)])


def swing(points: Sequence[float]) -> np.ndarray:
    """Swing weights: each criterion's points (0..100) over their total."""
    p = np.asarray(points, dtype=float)
    if (p < 0).any() or (p > MAX_SWING_POINTS).any() or p.sum() <= 0:  # none at all: sum 0
        raise ValueError("give each criterion 0 to 100 points, at least one above 0")
    return p / p.sum()


# --- the judgements file ---------------------------------------------------------------------


def load_judgements(path: str | Path) -> tuple[Judgements, Located]:
    """The judgements file, validated; every problem at once with its line (JudgementsError)."""
    from scoring.load import MAX_FILE_BYTES, _explain

    shown = str(path)
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise JudgementsError(
                [Problem(shown, None, None, "", f"file is larger than {MAX_FILE_BYTES} bytes")]
            )
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise JudgementsError(
            [Problem(shown, None, None, "", f"not UTF-8 text ({exc.reason})")]
        ) from None
    except OSError as exc:
        raise JudgementsError(
            [Problem(shown, None, None, "", f"cannot read: {exc.strerror}")]
        ) from None
    doc, problems = parse(text, shown)
    if doc is None:
        raise JudgementsError(problems)
    if not isinstance(doc.data, dict):
        raise JudgementsError(
            [doc.problem((), "the file must be a mapping with items and matrix, or pairs")]
        )
    try:
        judgements = Judgements.model_validate(doc.data)
    except ValidationError as exc:
        raise JudgementsError(_explain(exc, doc)) from None
    return judgements, doc


def check_judgements(
    j: Judgements, doc: Located, known: Sequence[str] | None = None
) -> list[Problem]:
    """Cross-checks: a reciprocal matrix with 1 on its diagonal; pairs naming listed (or known)
    items, each pair once, never an item with itself; items connected by the pairs."""
    problems = []
    if j.matrix is not None:
        items = j.items or []
        for i, row in enumerate(j.matrix):
            if abs(row[i] - 1) > 1e-9:
                problems.append(
                    doc.problem(
                        ("matrix", i, i),
                        f"an item compared with itself is 1, not {saaty_text(row[i])}",
                    )
                )
            for k in range(i + 1, len(row)):
                if abs(row[k] * j.matrix[k][i] - 1) > RECIPROCAL_TOLERANCE:
                    problems.append(
                        doc.problem(
                            ("matrix", k, i),
                            f"{items[k]} over {items[i]} must be the reciprocal of {items[i]} over {items[k]} ({saaty_text(row[k])}), i.e. {saaty_text(1 / row[k])}; it is {saaty_text(j.matrix[k][i])}",
                        )
                    )
    else:
        listed = list(j.items or known or [])
        seen: dict[frozenset, int] = {}
        for k, (a, b, _) in enumerate(j.pairs or []):
            for name in (a, b):
                if listed and name not in listed:
                    problems.append(
                        doc.problem(
                            ("pairs", k), f"{name!r} is not one of the items ({', '.join(listed)})"
                        )
                    )
            if a == b:
                problems.append(doc.problem(("pairs", k), f"{a} is compared with itself"))
            key = frozenset((a, b))
            if key in seen:
                problems.append(
                    doc.problem(
                        ("pairs", k),
                        f"{a} and {b} are compared twice (also pairs[{seen[key]}]); keep one",
                    )
                )
            seen.setdefault(key, k)
    items = j.items or pair_items(j)
    if known is not None:
        unknown = [x for x in items if x not in known]
        if unknown:
            problems.append(
                doc.problem(
                    ("items",) if j.items else ("pairs",),
                    f"not criteria of the case: {', '.join(unknown)}",
                )
            )
    if len(items) > MAX_JUDGED_ITEMS:
        problems.append(
            doc.problem(
                ("pairs",), f"{len(items)} items: at most {MAX_JUDGED_ITEMS} per comparison set"
            )
        )
    if j.pairs is not None and not problems:
        apart = _disconnected(items, j.pairs)
        if apart:
            problems.append(
                doc.problem(
                    ("pairs",),
                    f"{', '.join(apart)} not compared, directly or through others, with {items[0]}: add a judgement linking them",
                )
            )
    return problems


def pair_items(j: Judgements) -> list[str]:
    return list(dict.fromkeys(x for a, b, _ in (j.pairs or []) for x in (a, b)))


def _disconnected(items: Sequence[str], pairs: Sequence[tuple[str, str, float]]) -> list[str]:
    """Items not reachable from the first through the judged pairs (LLSM needs them linked)."""
    links: dict[str, set[str]] = {x: set() for x in items}
    for a, b, _ in pairs:
        links[a].add(b)  # every name in a pair is one of the items (checked before)
        links[b].add(a)
    seen, todo = {items[0]}, [items[0]]
    while todo:
        for nxt in links[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return [x for x in items if x not in seen]


def ahp(j: Judgements) -> AhpResult:
    """The weights of validated, checked judgements (matrix or pairs)."""
    if j.matrix is not None:
        return ahp_matrix(j.items or [], np.array(j.matrix))
    items = j.items or pair_items(j)
    return ahp_pairs(items, [(a, b, v) for a, b, v in j.pairs or []])


def ahp_file(path: str | Path, known: Sequence[str] | None = None) -> AhpResult:
    """Load, check (against the case's criterion ids when `known`) and weigh a judgements file."""
    j, doc = load_judgements(path)
    problems = check_judgements(j, doc, known)
    if problems:
        raise JudgementsError(problems)
    return ahp(j)


# --- into a scenario -------------------------------------------------------------------------

WEIGHT_SCALE = 100.0  # elicited shares become raw weights out of 100, like the files' weights


def sibling_group(case: Case, ids: Sequence[str]) -> str | None:
    """The parent whose children `ids` are, exactly (None: the top level); ScenarioError when
    they are not all the children of one group, naming what is wrong."""
    unknown = [x for x in ids if x not in case.by_id]
    if unknown:
        raise ScenarioError(f"not criteria of the case: {', '.join(unknown)}")
    parents = {case.parent[x] for x in ids}
    if len(parents) != 1:
        raise ScenarioError(
            "weigh the children of one group at a time: "
            + ", ".join(ids)
            + " are in different groups"
        )
    parent = parents.pop()
    siblings = [c.id for c in case.siblings(ids[0])]
    left_out = [x for x in siblings if x not in ids]
    if left_out:
        where = f"the children of {parent}" if parent else "the top-level criteria"
        raise ScenarioError(f"weigh all of {where}: {', '.join(left_out)} left out")
    return parent


def with_weights(case: Case, scenario: Scenario, weights: Mapping[str, float]) -> Scenario:
    """`scenario` with the elicited shares of one sibling group as its raw weights (x 100)."""
    sibling_group(case, list(weights))
    raw = {cid: round(WEIGHT_SCALE * float(w), 6) for cid, w in weights.items()}
    return scenario.model_copy(update={"weights": {**scenario.weights, **raw}})
