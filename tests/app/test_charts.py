"""Chart builders: valid plotly specs, and the numbers they plot are scoring's."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from scoring import Scenario, load_case, rank
from scoring.explain import contributions, group_contributions, head_to_head
from ui import charts
from ui.head_to_head import head_to_head_figure

ROOT = Path(__file__).resolve().parents[2]
CASE = load_case(ROOT / "criteria", ROOT / "vendors")
RESULT = rank(CASE, Scenario(weights={"user_data": 60}))


def all_figures(result):
    return {
        "contributions": charts.contribution_figure(result),
        "radar": charts.radar_figure(result),
        "heatmap": charts.heatmap_figure(result),
        "quadrant": charts.quadrant_figure(result, "model_capability", "ecosystem_fit"),
        "head_to_head": head_to_head_figure(result, "tencent", "baidu"),
    }


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
def test_every_figure_is_a_valid_plotly_spec(method):
    # The app skips validation for speed; here every spec is rebuilt with validation on.
    for name, fig in all_figures(rank(CASE, Scenario(method=method))).items():
        go.Figure(fig.to_dict())  # raises ValueError on any invalid property
        assert fig.data, name


def test_contribution_bars_sum_to_the_wsm_scores():
    fig = charts.contribution_figure(RESULT)
    totals = np.sum([trace.x for trace in fig.data], axis=0)
    scores = [row["score"] for row in RESULT.rows()]
    np.testing.assert_allclose(totals, scores, rtol=0, atol=1e-12)
    assert list(fig.data[0].y) == [row["name"] for row in RESULT.rows()]  # rank order
    assert len(fig.data) == len(CASE.leaves)
    np.testing.assert_array_equal(fig.data[0].x, contributions(RESULT).iloc[:, 0].to_numpy())


def test_quadrant_axes_are_group_contributions_and_bubbles_the_score():
    fig = charts.quadrant_figure(RESULT, "model_capability", "user_data")
    groups = group_contributions(RESULT)
    np.testing.assert_array_equal(fig.data[0].x, groups["model_capability"].to_numpy())
    np.testing.assert_array_equal(fig.data[0].y, groups["user_data"].to_numpy())
    # Axis from 0 to the group's global weight: 25 / 145 of the top level for model capability.
    top = 25 + 25 + 20 + 60 + 15
    assert fig.layout.xaxis.range[1] == pytest.approx(25 / top * 1.05)
    assert fig.layout.shapes[0].x0 == pytest.approx(25 / top / 2)
    sizes = list(fig.data[0].marker.size)
    assert sizes == sorted(sizes, reverse=True)  # rank order: bigger score, bigger bubble


def test_heatmap_rows_follow_the_ranking_and_mark_unknowns():
    fig = charts.heatmap_figure(RESULT)
    trace = fig.data[0]
    assert list(trace.y) == [row["name"] for row in RESULT.rows()]
    deepseek = list(trace.y).index("DeepSeek")
    column = list(trace.x).index("Consumer behavioural data")
    assert trace.customdata[deepseek][column] == "unknown"
    assert trace.z[deepseek][column] == 0.0  # unknown scored at the worst end


def test_head_to_head_bars_sum_to_the_score_gap_for_wsm():
    fig = head_to_head_figure(RESULT, "tencent", "baidu")
    rows = {row["vendor"]: row["score"] for row in RESULT.rows()}
    assert sum(fig.data[0].x) == pytest.approx(rows["tencent"] - rows["baidu"], abs=1e-12)
    frame = head_to_head(RESULT, "tencent", "baidu")
    assert list(fig.data[0].y) == list(frame["name"])  # biggest effect first
