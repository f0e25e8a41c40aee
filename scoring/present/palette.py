"""One colour per vendor id and one per criterion id, the same in every chart of every output.

A vendor's colour is fixed by its place in the case (not by its rank), so it keeps its colour
after every weight change and in the app, the HTML report and the PDF alike. Criteria get softer
colours (ColorBrewer Set2, then Pastel1) so they are never mistaken for vendors; ranks, which are
ordered, get an ordered scale (dark for first).
"""

from __future__ import annotations

from scoring.load import Case

VENDORS = (
    "#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#9333ea",
    "#0891b2", "#db2777", "#65a30d", "#ea580c", "#4f46e5",
)  # fmt: skip
CRITERIA = (
    "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3",
    "#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec",
)  # fmt: skip
# Viridis, sampled: rank 1 darkest. Ranks beyond its length reuse the lightest.
RANKS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#addc30", "#d8e219", "#fde725")
INK = "#1f2937"  # text, outlines and the current-weight markers
MUTED = "#9ca3af"  # guide lines (quadrant midlines, the current weight)
HOLDS = ("#bfdbfe", "#2563eb")  # stability bars: leader holds (light), whole ranking holds


def vendor_colours(case: Case) -> dict[str, str]:
    """Vendor id -> its colour, by its place in the case."""
    return {v.id: VENDORS[k % len(VENDORS)] for k, v in enumerate(case.vendors)}


def criterion_colours(case: Case) -> dict[str, str]:
    """Criterion id -> its colour (leaves first, in tree order, then the groups)."""
    ids = [c.id for c in case.leaves] + [c.id for c in case.all_criteria if not c.is_leaf]
    return {cid: CRITERIA[k % len(CRITERIA)] for k, cid in enumerate(ids)}


def rank_colours(m: int) -> tuple[str, ...]:
    """Rank 1..m -> an ordered colour, dark for first."""
    if m <= 1:
        return RANKS[:1]
    step = (len(RANKS) - 1) / (m - 1) if m <= len(RANKS) else 1.0
    return tuple(RANKS[min(round(r * step), len(RANKS) - 1)] for r in range(m))
