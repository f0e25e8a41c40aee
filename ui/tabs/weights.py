"""Set weights: AHP pairwise comparisons, an order of importance (ROC) or swing points for one
group of criteria, and one click to make the result the scenario's weights.

The sliders are rendered before this tab, so "Apply" writes their session_state in a callback
(which runs before the next rerun draws them), like "Reset to defaults" does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import streamlit as st

import scoring
from scoring.case import local_shares
from scoring.model import Criterion
from scoring.present.weights import inconsistency_table, proposed_weights_table
from scoring.textsafe import markdown_text
from scoring.weights import (
    ADVISED_ITEMS,
    SAATY_VALUES,
    AhpResult,
    ahp_pairs,
    nearest_saaty,
    roc,
    swing,
    with_weights,
)
from ui import state, tables
from ui.context import AppContext

LABEL = "Set weights"
KEY = "_weights"
TOP = ""  # the group picker's value for the top-level criteria
HOW = {
    "ahp": "Compare them in pairs (AHP)",
    "roc": "Put them in order of importance (ROC)",
    "swing": "Give each swing points (0-100)",
}
# Left: the first criterion extremely more important; right: the second.
SCALE = tuple(sorted(SAATY_VALUES, reverse=True))


def render(ctx: AppContext) -> None:
    case = ctx.case
    st.subheader("Set weights")
    st.caption(
        "Work out the weights of one group of criteria with an established method, then apply "
        "them to the sliders with one click."
    )
    groups = {TOP: "Top-level criteria"} | {
        c.id: f"Inside {c.name}" for c in case.all_criteria if len(c.children) > 1
    }
    group = st.selectbox(
        "Criteria to weigh", list(groups), format_func=groups.get, key=f"{KEY}.group"
    )
    items = case.criteria if group == TOP else case.by_id[group].children
    how = st.radio("How", list(HOW), format_func=HOW.get, key=f"{KEY}.how", horizontal=True)
    names = {c.id: c.name for c in items}
    now = local_shares(case, state.raw_weights(case))
    current = {c.id: now[c.id] for c in items}
    proposed = {"ahp": _ahp, "roc": _roc, "swing": _swing}[how](items, current, names)
    if proposed is None:
        return
    tables.show(proposed_weights_table(proposed, current, names), f"{KEY}.table")
    st.button(
        "Apply these weights",
        type="primary",
        on_click=_apply,
        args=(case, proposed),
        key=f"{KEY}.apply",
        icon=":material/check:",
    )


def _ahp(items, current, names) -> dict[str, float] | None:
    return ahp_judgements(items, current, names)[1].weights


def ahp_judgements(
    items: Sequence[Criterion],
    current: Mapping[str, float],
    names: Mapping[str, str],
    key: str = f"{KEY}.ahp",
) -> tuple[list[tuple[str, str, float]], AhpResult]:
    """A slider per pair of `items` on Saaty's scale (each starting at the ratio of the current
    shares), the consistency in words, and the judgements to revisit: the judgements and their
    AHP result. Also the team round's "Compare in pairs" (with its own `key`)."""
    if len(items) > ADVISED_ITEMS:
        st.info(
            f"{len(items)} criteria make {len(items) * (len(items) - 1) // 2} comparisons: at "
            f"most about {ADVISED_ITEMS} per group is advised.",
            icon=":material/info:",
        )
    st.caption(
        "For each pair, how much more important is one than the other? Each starts at the "
        "ratio of the current weights."
    )
    pairs = []
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            start = _ratio(current[a.id], current[b.id])
            value = st.select_slider(
                f"{a.name} vs {b.name}",
                options=SCALE,
                value=start,
                format_func=lambda v, a=a, b=b: _judgement_text(v, a.name, b.name),
                key=f"{key}.{a.id}.{b.id}",
            )
            pairs.append((a.id, b.id, float(value)))
    result = ahp_pairs([c.id for c in items], pairs)
    words = " ".join(result.sentences()[:1])
    if result.acceptable:
        st.success(markdown_text(words), icon=":material/check_circle:")
    else:
        st.warning(markdown_text(words), icon=":material/warning:")
        tables.show(inconsistency_table(result, names), f"{key}.inconsistent")
    return pairs, result


def _ratio(a: float, b: float) -> float:
    if a <= 0 or b <= 0:
        return 1.0 if a == b else (SCALE[0] if b <= 0 else SCALE[-1])
    return nearest_saaty(a / b)


def _judgement_text(v: float, a: str, b: str) -> str:
    if math.isclose(v, 1.0):
        return "equally important"
    if v > 1:
        return f"{a} {v:g}x as important"
    return f"{b} {1 / v:g}x as important"


def _roc(items, current, names) -> dict[str, float] | None:
    n = len(items)
    st.caption("1 is the most important. Rank-order centroid weights (SMARTER) follow the order.")
    by_now = sorted(items, key=lambda c: -current[c.id])
    places = {}
    for c in items:
        places[c.id] = st.selectbox(
            c.name,
            list(range(1, n + 1)),
            index=by_now.index(c),
            key=f"{KEY}.roc.{c.id}",
        )
    if sorted(places.values()) != list(range(1, n + 1)):
        st.warning("Give each criterion a different place, 1 to " + str(n) + ".")
        return None
    order = sorted(places, key=places.get)
    return dict(zip(order, roc(n).tolist(), strict=True))


def _swing(items, current, names) -> dict[str, float] | None:
    st.caption(
        "Imagine each criterion moving from its worst to its best value: give the swing that "
        "matters most 100 points and the others points in proportion."
    )
    top = max(current.values()) or 1.0
    points = {
        c.id: st.number_input(
            c.name,
            min_value=0.0,
            max_value=100.0,
            value=float(round(100 * current[c.id] / top)),
            step=5.0,
            key=f"{KEY}.swing.{c.id}",
        )
        for c in items
    }
    if not any(points.values()):
        st.warning("Give at least one criterion more than 0 points.")
        return None
    return dict(zip(points, swing(list(points.values())).tolist(), strict=True))


def _apply(case: scoring.Case, proposed: dict[str, float]) -> None:
    """Callback: the proposed shares x 100 become the group's slider values."""
    scenario = with_weights(case, scoring.Scenario(), proposed)
    for cid in proposed:
        st.session_state[state.weight_key(cid)] = scenario.weights[cid]
