"""Why a vendor ranks where it does: contributions and head-to-head differences.

For additive methods (WSM) a vendor's score is exactly the sum of its contributions w_j * v_ij,
and the score gap between two vendors is exactly the sum of their weighted differences. For
WPM and TOPSIS the same quantities are shown as an approximation of what drives the result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.load import Case
from scoring.rank import Ranking


def contributions(result: Ranking) -> pd.DataFrame:
    """Vendors (rank order) x leaf criteria: w_j * v_ij. Rows sum to the WSM score."""
    r = result.resolved
    C = result.V * r.weights[None, :]
    frame = pd.DataFrame(C, index=list(r.vendor_ids), columns=list(r.leaf_ids))
    return frame.iloc[result.order]


def group_contributions(result: Ranking) -> pd.DataFrame:
    """Contributions summed per top-level criterion (vendors x top-level groups)."""
    case = result.case
    leaf_top = {leaf.id: _top(case, leaf.id) for leaf in case.leaves}
    frame = contributions(result)
    return (
        frame.T.groupby(lambda cid: leaf_top[cid], sort=False)
        .sum()
        .T[[c.id for c in case.criteria]]
    )


def head_to_head(result: Ranking, a: str, b: str) -> pd.DataFrame:
    """Per leaf criterion: weight, both values and the weighted difference w_j (v_aj - v_bj).

    For WSM the `weighted_diff` column sums exactly to score(a) - score(b). Sorted by absolute
    impact, biggest first.
    """
    r = result.resolved
    ia, ib = _index(result, a), _index(result, b)
    diff = r.weights * (result.V[ia] - result.V[ib])
    frame = pd.DataFrame(
        {
            "criterion": list(r.leaf_ids),
            "name": list(r.leaf_names),
            "weight": r.weights,
            "value_a": result.V[ia],
            "value_b": result.V[ib],
            "weighted_diff": diff,
        }
    )
    order = np.argsort(-np.abs(diff), kind="stable")
    return frame.iloc[order].reset_index(drop=True)


def _index(result: Ranking, vendor: str) -> int:
    try:
        return result.resolved.vendor_ids.index(vendor)
    except ValueError:
        raise KeyError(f"vendor {vendor!r} is not among the ranked vendors") from None


def _top(case: Case, cid: str) -> str:
    chain = case.ancestors(cid)
    return chain[0] if chain else cid
