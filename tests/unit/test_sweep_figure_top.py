"""A sweep chart of a long list draws the top vendors and every vendor that leads somewhere
(issue 11: at 2,000 vendors the chart's 2,000 lines took 10 s of each Robustness rerun)."""

from __future__ import annotations

import numpy as np

from scoring.present import figures
from scoring.present.tables import Slider
from scoring.sensitivity.sweep import Crossover, Sweep


def a_sweep(higher_is_better: bool = True) -> Sweep:
    # Four vendors at three points; now (t = 0.5) the order is B, A, C, D; D leads at t = 1.
    scores = np.array([[0.6, 0.7, 0.5, 0.1], [0.6, 0.7, 0.5, 0.4], [0.6, 0.5, 0.4, 0.9]])
    if not higher_is_better:
        scores = 1 - scores
    return Sweep(
        "c", "C", 0.5, np.array([0.0, 0.5, 1.0]), scores, ("a", "b", "c", "d"),
        ("A", "B", "C", "D"), (Crossover("c", 0.8, "b", "d"),), scores[1], higher_is_better,
    )  # fmt: skip


def test_the_top_at_the_current_weight_and_every_leader_are_drawn():
    assert figures.sweep_vendors(a_sweep(), None) == {0, 1, 2, 3}
    assert figures.sweep_vendors(a_sweep(), 1) == {1, 3}  # B now; D leads at t = 1
    assert figures.sweep_vendors(a_sweep(), 2) == {0, 1, 3}
    assert figures.sweep_vendors(a_sweep(False), 1) == {1, 3}  # lower is better: the same


def test_the_chart_has_those_lines_and_the_current_points_of_those_only():
    slider = Slider(rest=1.0, group=1.0)
    colours = dict.fromkeys("abcd", "#000000")
    fig = figures.sweep(a_sweep(), slider, colours, top=1)
    lines = [s for s in fig.series if s.style == "line"]
    assert [s.name for s in lines] == ["B", "D"]
    (now,) = [s for s in fig.series if s.style == "current"]
    assert now.values == (0.7, 0.4) and len(now.x) == 2
