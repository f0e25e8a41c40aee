"""Every chart, described once from the typed results: kind, series keyed by vendor or criterion
id with their colours (scoring.present.palette), values, axis titles and the order of reading.

Renderers draw these descriptions and add nothing: `scoring.present.plotly` for the app and the
HTML report, `scoring.present.svg` for the PDF. Names are plain text here; each renderer escapes
them for its own output.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from scoring.case import global_weights, raw_weights
from scoring.explain import group_contributions
from scoring.methods import METHOD_REGISTRY
from scoring.present import palette
from scoring.present.facts import HeadToHead, ScoreRow
from scoring.present.focus import acceptability_focus
from scoring.present.tables import Slider
from scoring.rank import Ranking
from scoring.sensitivity.analysis import SensitivityResult
from scoring.sensitivity.stability import StabilityInterval
from scoring.sensitivity.sweep import Sweep

Kind = Literal[
    "stacked_bars", "diverging_bars", "radar", "heatmap", "quadrant", "lines", "intervals"
]  # fmt: skip
Unit = Literal["score", "share", "signed"]


@dataclass(frozen=True)
class Series:
    """One coloured series: a criterion's segments, a vendor's line or bubble, a rank's share.

    `values` has one entry per category (bars, radar, heat-map rows) or per `x` (lines, points).
    """

    id: str  # a vendor id, a criterion id, or a rank ("rank_1")
    name: str
    colour: str
    values: tuple[float, ...]
    x: tuple[float, ...] = ()
    unknown: tuple[bool, ...] = ()  # bars: this value is unknown (drawn hatched)
    text: tuple[str, ...] = ()  # words drawn on the marks (bubble labels, signed values)
    position: tuple[str, ...] = ()  # where each text goes: "top", "bottom", "left", "right"
    size: tuple[float, ...] = ()  # bubble diameters in px
    hover: tuple[str, ...] = ()  # extra words per value, shown on hover
    colours: tuple[str, ...] = ()  # one colour per value, when they differ (head to head)
    style: str = ""  # lines: "line", "current", "changes"; intervals: "wide", "narrow", "mark"


@dataclass(frozen=True)
class Figure:
    key: str
    kind: Kind
    title: str
    series: tuple[Series, ...]
    categories: tuple[str, ...] = ()  # in reading order: the first on top (bars) / first spoke
    x_title: str = ""
    y_title: str = ""
    unit: Unit = "score"
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    guides: tuple[tuple[str, float], ...] = ()  # dashed lines: ("x" or "y", at)
    corners: tuple[str, str, str, str] = ()  # quadrant names: top left, top right, bottom left,
    # bottom right
    ends: tuple[str, str] = ()  # diverging bars: what the left and the right side favour
    note: str = ""  # one sentence under the chart (e.g. what the hatching means)


HATCH_NOTE = "Hatched: an unknown value, scored at the {where}."
WHERE = {"worst": "worst end of its scale", "midpoint": "middle of its scale"}


def contributions(
    scores: Sequence[ScoreRow],
    leaves: Sequence[tuple[str, str]],
    vendor_names: Mapping[str, str],
    unknowns: Mapping[str, Sequence[str]],
    colours: Mapping[str, str],
    method: str,
    unknowns_policy: str = "worst",
) -> Figure:
    """Each vendor's score split into share of the total x normalised value per criterion; one
    bar per vendor in rank order, one colour per criterion, unknown values hatched."""
    series = tuple(
        Series(
            cid,
            name,
            colours[cid],
            tuple(s.contributions[j] for s in scores),
            unknown=tuple(cid in unknowns.get(s.vendor, ()) for s in scores),
        )
        for j, (cid, name) in enumerate(leaves)
    )
    sums = "sums to the score" if method == "wsm" else "not a sum"
    marked = any(any(s.unknown) for s in series)
    return Figure(
        "contributions",
        "stacked_bars",
        "What makes up each score",
        series,
        categories=tuple(vendor_names.get(s.vendor, s.vendor) for s in scores),
        x_title=f"share of total \u00d7 0\u20131 rating ({sums})",  # short: fits a phone
        note=HATCH_NOTE.format(where=WHERE.get(unknowns_policy, unknowns_policy)) if marked else "",
    )


def acceptability(
    order: Sequence[str],
    sens: SensitivityResult,
    vendor_names: Mapping[str, str],
    top: int | None = None,
) -> Figure:
    """How often each vendor takes each rank: a bar per vendor in the ranking's order (with
    `top`, the top vendors and ranks, the lower ranks as one: scoring.present.focus)."""
    sm = sens.smaa
    ids, labels, shares = acceptability_focus(order, sens, top)
    colours = palette.rank_colours(len(sm.vendor_ids))
    series = tuple(
        Series(f"rank_{r + 1}", label, colours[r], tuple(map(float, shares[:, r])))
        for r, label in enumerate(labels)
    )
    return Figure(
        "acceptability",
        "stacked_bars",
        "How often each vendor takes each rank",
        series,
        categories=tuple(vendor_names.get(v, v) for v in ids),
        x_title=f"share of {sm.samples:,} simulations (rank acceptability)",
        unit="share",
        x_range=(0.0, 1.0),
    )


def head_to_head(h: HeadToHead, colours: Mapping[str, str]) -> Figure:
    """A bar per criterion, share of the total x (A's normalised value - B's), in the colour of
    the vendor it favours; largest effect first."""
    diffs = tuple(r.weighted_diff for r in h.rows)
    favours = [h.a if d >= 0 else h.b for d in diffs]
    return Figure(
        "head_to_head",
        "diverging_bars",
        f"Head to head: {h.a_name} vs {h.b_name}",
        (
            Series(
                f"{h.a}-{h.b}",
                "weighted difference",
                colours[h.a],
                diffs,
                text=tuple(f"{d:+.3f}" for d in diffs),
                hover=tuple(
                    f"share {r.weight:.1%} \u00b7 values {r.value_a:.3f} vs {r.value_b:.3f}"
                    for r in h.rows
                ),
                colours=tuple(colours[v] for v in favours),  # the vendor each bar favours
            ),
        ),
        categories=tuple(r.name for r in h.rows),
        x_title=f"\u2190 favours {h.b_name} \u00b7 favours {h.a_name} \u2192",
        unit="signed",
        ends=(h.b_name, h.a_name),
    )


def radar(
    scores: Sequence[ScoreRow],
    leaves: Sequence[tuple[str, str]],
    vendor_names: Mapping[str, str],
    colours: Mapping[str, str],
) -> Figure:
    """Each vendor's normalised value (0 worst, 1 best) on every criterion; rank order."""
    return Figure(
        "radar",
        "radar",
        "Profile",
        tuple(
            Series(s.vendor, vendor_names.get(s.vendor, s.vendor), colours[s.vendor], s.normalized)
            for s in scores
        ),
        categories=tuple(name for _, name in leaves),
        y_range=(0.0, 1.0),
    )


def heatmap(
    scores: Sequence[ScoreRow],
    leaves: Sequence[tuple[str, str]],
    vendor_names: Mapping[str, str],
    shown_values: Mapping[str, Sequence[str]],
) -> Figure:
    """Vendors (rank order) x criteria, by normalised value; the value as written on hover."""
    return Figure(
        "heatmap",
        "heatmap",
        "Heat map",
        tuple(
            Series(
                s.vendor,
                vendor_names.get(s.vendor, s.vendor),
                "",
                s.normalized,
                hover=tuple(shown_values[s.vendor]),
            )
            for s in scores
        ),
        categories=tuple(name for _, name in leaves),
        y_range=(0.0, 1.0),
    )


def quadrant(
    result: Ranking,
    x_id: str,
    y_id: str,
    colours: Mapping[str, str],
    top: int | None = None,
) -> Figure:
    """Vendors (the first `top` in rank order, or all) placed by what two top-level criteria
    add to their score; bubble size = score.

    Each axis runs from 0 to the group's share of the total (the most it can add); the guides at
    half of it split the plane into four named quadrants. One series per vendor, in rank order
    (smaller bubbles drawn over larger ones); vendors at the same point share one label, and a
    label goes on the side facing away from its closest neighbours.
    """
    case = result.case
    groups = group_contributions(result)
    weights = global_weights(case, raw_weights(case, result.scenario))
    wx, wy = weights[x_id], weights[y_id]
    ids = [result.resolved.vendor_ids[i] for i in result.order[:top]]
    scores = {result.resolved.vendor_ids[i]: float(result.scores[i]) for i in result.order[:top]}
    points = {v: (float(groups.at[v, x_id]), float(groups.at[v, y_id])) for v in ids}
    names = {v.id: v.name for v in case.vendors}
    labels = point_labels(points, names, (wx, wy))
    xn, yn = case.by_id[x_id].name, case.by_id[y_id].name
    return Figure(
        "quadrant",
        "quadrant",
        "Quadrant",
        tuple(
            Series(
                v,
                names[v],
                colours[v],
                (points[v][1],),
                x=(points[v][0],),
                text=(labels[v][0],),
                position=(labels[v][1],),
                size=(bubble_size(METHOD_REGISTRY[result.method].goodness(scores[v])),),
                hover=(f"score {scores[v]:.3f}",),
            )
            for v in ids
        ),
        x_title=f"{xn}: what it adds to the score",
        y_title=f"{yn}: what it adds to the score",
        x_range=(0.0, wx * 1.12),
        y_range=(0.0, wy * 1.15),
        guides=(("x", wx / 2), ("y", wy / 2)),
        corners=(
            f"Strong on {yn} only",
            "Strong on both",
            "Weak on both",
            f"Strong on {xn} only",
        ),
    )


def sweep_vendors(sw: Sweep, top: int | None) -> set[int]:
    """Indices of the vendors a sweep chart draws: all, or the top `top` at the current weight
    plus every vendor that leads at some point of the sweep."""
    m = len(sw.vendor_ids)
    if top is None or top >= m:
        return set(range(m))
    sign = 1.0 if sw.higher_is_better else -1.0
    best_now = np.argsort(-sign * sw.current_scores, kind="stable")[:top]
    leaders = np.argmax(sign * sw.scores, axis=1)
    return {int(i) for i in best_now} | {int(i) for i in leaders}


def bubble_size(score: float) -> float:
    """Marker diameter in px: 12 for the worst possible score (0) up to 60 for the best (1)."""
    return 12 + 48 * max(score, 0.0)


SIDES = {"top": (0, 1), "left": (-1, 0), "bottom": (0, -1), "right": (1, 0)}
NEAR = 0.2  # closer than this (as a share of both axes' ranges), two labels could collide


def point_labels(
    points: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    spans: tuple[float, float],
) -> dict[str, tuple[str, str]]:
    """Vendor -> (label, side) for the quadrant's bubbles: vendors at the very same point share
    one label ("A & B") on the first of them; a label faces away from the bubbles close by, and
    never towards a side edge it is close to (it would run off a narrow screen)."""
    at: dict[tuple[float, float], list[str]] = {}
    for v, (x, y) in points.items():
        at.setdefault((round(x / (spans[0] or 1), 9), round(y / (spans[1] or 1), 9)), []).append(v)
    labels = {}
    for xy, group in at.items():
        near = [
            (ox - xy[0], oy - xy[1])
            for ox, oy in at
            if (ox, oy) != xy and math.hypot(ox - xy[0], oy - xy[1]) < NEAR
        ]
        side = min(
            SIDES, key=lambda name, near=near, x=xy[0]: crowding(SIDES[name], near) + edge(name, x)
        )  # ties: the first
        for k, v in enumerate(group):
            labels[v] = (" & ".join(names[u] for u in group) if k == 0 else "", side)
    return labels


EDGE = 0.8  # beyond this share of the axis (0.2 from the left), a label would leave the plot


def edge(side: str, x: float) -> float:
    """A prohibitive cost for a label pointing off the plot at a side edge (x: share of the
    group's reach, the axis running to 1.12 of it)."""
    return 1e6 if (side == "right" and x > EDGE) or (side == "left" and x < 1 - EDGE) else 0.0


def crowding(side: tuple[int, int], near: list[tuple[float, float]]) -> float:
    """How much the neighbours at offsets `near` lie on `side`: cosine / distance, summed."""
    sx, sy = side
    return sum((sx * dx + sy * dy) / (dx * dx + dy * dy) for dx, dy in near)


def sweep(sw: Sweep, slider: Slider, colours: Mapping[str, str], top: int | None = None) -> Figure:
    """Each vendor's score as one criterion's share of the total moves (the rest of its group
    keeping their proportions); the current weight and every change of leader marked. With
    `top`, the lines of the top `top` vendors at the current weight and of every vendor that
    leads somewhere along the sweep (2,000 lines would only hide them)."""
    xs = tuple(slider.share(float(t)) for t in sw.t)
    names = dict(zip(sw.vendor_ids, sw.vendor_names, strict=True))
    index = {v: i for i, v in enumerate(sw.vendor_ids)}
    shown = sweep_vendors(sw, top)
    lines = [
        Series(
            v, names[v], colours[v], tuple(float(y) for y in sw.scores[:, i]), x=xs, style="line"
        )
        for i, v in enumerate(sw.vendor_ids)
        if i in shown
    ]
    now = slider.share(sw.current)
    lines.append(
        Series(
            "current",
            "current weight",
            palette.INK,
            tuple(float(y) for i, y in enumerate(sw.current_scores) if i in shown),
            x=(now,) * len(shown),
            style="current",
        )  # fmt: skip
    )
    if sw.leader_changes:
        ys = []
        for c in sw.leader_changes:
            k = min(range(len(sw.t)), key=lambda j, c=c: abs(float(sw.t[j]) - c.weight))
            ys.append(float(sw.scores[k, index[c.to]]))
        lines.append(
            Series(
                "changes",
                "leader changes",
                palette.VENDORS[3],
                tuple(ys),
                x=tuple(slider.share(c.weight) for c in sw.leader_changes),
                hover=tuple(f"{names[c.from_]} \u2192 {names[c.to]}" for c in sw.leader_changes),
                style="changes",
            )
        )
    return Figure(
        "sweep",
        "lines",
        f"Scores as the weight of {sw.criterion_name} moves",
        tuple(lines),
        x_title=f"{sw.criterion_name}: share of the total",
        y_title="score" if sw.higher_is_better else "score (lower is better)",
        x_range=(0.0, slider.share(1.0)),
        guides=(("x", now),),
    )


def stability(intervals: Sequence[StabilityInterval], sliders: Mapping[str, Slider]) -> Figure:
    """Riskiest on top: the shares of the total over which the leader (wide bar) and the whole
    ranking (narrow bar) stay the same, and the current share."""

    def span(x: StabilityInterval, lo: float, hi: float) -> tuple[float, float]:
        s = sliders[x.criterion]
        return s.share(lo), s.share(hi)

    wide = [span(x, x.leader_low, x.leader_high) for x in intervals]
    narrow = [span(x, x.ranking_low, x.ranking_high) for x in intervals]
    return Figure(
        "stability",
        "intervals",
        "How far each weight can move",
        (
            Series(
                "leader",
                "leader holds",
                palette.HOLDS[0],
                tuple(b for _, b in wide),
                x=tuple(a for a, _ in wide),
                style="wide",
            ),  # fmt: skip
            Series(
                "ranking",
                "whole ranking holds",
                palette.HOLDS[1],
                tuple(b for _, b in narrow),
                x=tuple(a for a, _ in narrow),
                style="narrow",
            ),  # fmt: skip
            Series(
                "current",
                "current share",
                palette.INK,
                tuple(sliders[x.criterion].share(x.weight) for x in intervals),
                style="mark",
            ),  # fmt: skip
        ),
        categories=tuple(x.name for x in intervals),
        x_title="share of the total",
        unit="share",
    )
