"""The app's chart kit (ui/figures.py): valid plotly specs, and the numbers they plot are
scoring's."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from scoring import Scenario, load_case, rank
from scoring.explain import contributions, group_contributions, head_to_head
from scoring.present import palette
from ui import figures

ROOT = Path(__file__).resolve().parents[2]
CASE = load_case(ROOT / "criteria", ROOT / "vendors")
RESULT = rank(CASE, Scenario(weights={"user_data": 60}))


def all_figures(result):
    return {
        "contributions": figures.contributions(result),
        "radar": figures.radar(result),
        "heatmap": figures.heatmap(result),
        "quadrant": figures.quadrant(result, "model_capability", "ecosystem_fit"),
        "head_to_head": figures.head_to_head(result, "tencent", "baidu"),
    }


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
def test_every_figure_is_a_valid_plotly_spec(method):
    # The app skips validation for speed; here every spec is rebuilt with validation on.
    for name, fig in all_figures(rank(CASE, Scenario(method=method))).items():
        go.Figure(fig.to_dict())  # raises ValueError on any invalid property
        assert fig.data, name


def test_contribution_bars_sum_to_the_wsm_scores():
    fig = figures.contributions(RESULT)
    totals = np.sum([trace.x for trace in fig.data if trace.x != (None,)], axis=0)
    scores = [row["score"] for row in RESULT.rows()]
    np.testing.assert_allclose(totals, scores, rtol=0, atol=1e-12)
    assert list(fig.data[0].y) == [row["name"] for row in RESULT.rows()]  # rank order
    assert len(fig.data) == len(CASE.leaves) + 1  # and the legend entry for unknown values
    assert fig.data[-1].name.startswith("Hatched: an unknown value")
    np.testing.assert_array_equal(fig.data[0].x, contributions(RESULT).iloc[:, 0].to_numpy())


def test_quadrant_axes_are_group_contributions_and_bubbles_the_score():
    fig = figures.quadrant(RESULT, "model_capability", "user_data")
    groups = group_contributions(RESULT)
    # One trace per vendor, in rank order (so smaller bubbles are drawn over larger ones).
    ids = [row["vendor"] for row in RESULT.rows()]
    assert [t.name for t in fig.data] == [row["name"] for row in RESULT.rows()]
    np.testing.assert_array_equal(
        [t.x[0] for t in fig.data], groups.loc[ids, "model_capability"].to_numpy()
    )
    np.testing.assert_array_equal([t.y[0] for t in fig.data], groups.loc[ids, "user_data"])
    # Axis from 0 to the group's global weight: 25 / 145 of the top level for model capability.
    top = 25 + 25 + 20 + 60 + 15
    assert fig.layout.xaxis.range[1] == pytest.approx(25 / top * 1.12)
    assert fig.layout.shapes[0].x0 == pytest.approx(25 / top / 2)
    sizes = [t.marker.size[0] for t in fig.data]
    assert sizes == sorted(sizes, reverse=True)  # rank order: bigger score, bigger bubble
    assert sizes[0] == pytest.approx(12 + 48 * RESULT.rows()[0]["score"])


def test_quadrant_labels_of_coinciding_vendors_do_not_overlap():
    # Default scenario: Tencent and ByteDance both sit at (0.200, 0.165) on regulatory readiness
    # x model capability, Alibaba just above and Baidu just right; their labels used to print
    # over each other.
    fig = figures.quadrant(rank(CASE), "regulatory_readiness", "model_capability")
    label = {t.name: (t.text[0], t.textposition) for t in fig.data}
    corners = [a.text for a in fig.layout.annotations]  # the four quadrants are named
    assert [plain(c) for c in corners] == ["Strong on Model capability only", "Strong on both",
                       "Weak on both", "Strong on Regulatory readiness only"]  # fmt: skip
    assert (
        plain(label["Tencent (Hunyuan)"][0]) == "Tencent (Hunyuan) &amp; ByteDance (Doubao)"
    )  # shown as &
    assert label["ByteDance (Doubao)"][0] == ""  # one shared label for the shared point
    # Each label faces away from its closest neighbours: Alibaba up (the others are below), the
    # pair left (Baidu, the closest, is on its right); Baidu, near the right edge, not right (the
    # label ran off a 390 px screen) but down, away from Alibaba above.
    assert label["Alibaba (Qwen)"][1] == "top center"
    assert label["Baidu (ERNIE)"][1] == "bottom center"
    assert label["Tencent (Hunyuan)"][1] == "middle left"
    assert label["DeepSeek"] == ("DeepSeek", "top center")  # nothing close: above


def test_a_vendor_keeps_its_colour_in_every_chart_and_scenario():
    colours = figures.vendor_colours(CASE)
    assert len(set(colours.values())) == len(CASE.vendors)
    for scenario in (Scenario(), Scenario(weights={"user_data": 60}), Scenario(method="topsis")):
        result = rank(CASE, scenario)
        for name in ("radar", "quadrant"):
            fig = all_figures(result)[name]
            for trace in fig.data:
                vendor = next(v.id for v in CASE.vendors if v.name == trace.name)
                colour = trace.line.color if name == "radar" else trace.marker.color
                assert colour == colours[vendor], (name, trace.name)
    h2h = figures.head_to_head(RESULT, "tencent", "baidu")
    assert set(h2h.data[0].marker.color) <= {colours["tencent"], colours["baidu"]}


def test_criteria_colours_are_not_vendor_colours():
    fig = figures.contributions(RESULT)
    criterion_colours = {t.marker.color for t in fig.data[:-1]}
    assert len(criterion_colours) == len(CASE.leaves)
    assert not criterion_colours & set(figures.vendor_colours(CASE).values())


def test_radar_leaves_room_for_the_criterion_names():
    # Names at 3 and 9 o'clock ("Regulatory readiness", "Execution track record") were clipped
    # when the polar area spanned the whole width; it now keeps a margin on both sides.
    layout = figures.radar(RESULT).layout
    left, right = layout.polar.domain.x
    assert left >= 0.15 and right <= 0.85
    assert layout.legend.orientation == "h"  # underneath, not beside the names
    # "Regulatory readiness" at 12 o'clock wraps onto two lines, cut off under a 20 px margin.
    assert layout.margin.t >= 60
    # At 3 o'clock on a phone, a line wider than 12 characters ran off the edge.
    names = [line for t in figures.radar(RESULT).data[0].theta for line in t.split("<br>")]
    assert max(len(line) for line in names) <= 13


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_charts_speak_of_ratings_not_normalised_values(method):
    # "normalised value" is jargon to a strategy team; axis titles also fit a phone's width.
    for name, fig in all_figures(rank(CASE, Scenario(method=method))).items():
        spec = json.dumps(fig.to_dict()).lower()
        assert "normalised" not in spec, name
        for axis in (fig.layout.xaxis, fig.layout.yaxis):
            title = axis.title.text or ""
            # Short lines: a long one-line title was cut off at both ends on a 390 px phone.
            assert all(len(line) <= 32 for line in title.split("<br>")), (name, title)


def test_head_to_head_bars_are_labelled_with_their_signed_value():
    fig = figures.head_to_head(RESULT, "tencent", "baidu")
    assert list(fig.data[0].text) == [f"{x:+.3f}" for x in fig.data[0].x]


def plain(label: str) -> str:
    """A tick label as the name it wraps."""
    return label.replace("<br>", " ")


def test_heatmap_columns_follow_the_ranking_and_mark_unknowns():
    fig = figures.heatmap(RESULT)
    trace = fig.data[0]
    assert [plain(x) for x in trace.x] == [row["name"] for row in RESULT.rows()]
    deepseek = [plain(x) for x in trace.x].index("DeepSeek")
    row = [plain(y) for y in trace.y].index("Consumer behavioural data")
    assert trace.customdata[row][deepseek] == "unknown"
    assert trace.z[row][deepseek] == 0.0  # unknown scored at the worst end


def test_heatmap_cells_are_wide_enough_for_a_phone():
    # Vendors across and criteria down: 8 criteria columns beside the vendor names were ~20 px
    # wide at 390 px and their ratings unreadable; 5 vendor columns on short lines fit.
    fig = figures.heatmap(RESULT)
    trace = fig.data[0]
    assert len(trace.x) == len(CASE.vendors) and len(trace.y) == len(CASE.leaves)
    assert len(CASE.vendors) < len(CASE.leaves)  # the fewer go across
    longest = max(len(line) for label in trace.x for line in label.split("<br>"))
    assert longest <= 9  # "(Hunyuan)": a vendor's name on lines of a column's width
    assert max(len(line) for label in trace.y for line in label.split("<br>")) <= 16
    assert fig.layout.xaxis.automargin and fig.layout.yaxis.automargin
    assert fig.layout.xaxis.tickangle == 0  # no rotated names eating the height
    assert trace.colorbar.orientation == "h"  # under the grid, not taking a column's width
    assert fig.layout.height >= 40 * len(CASE.leaves)  # rows tall enough for two lines


def test_head_to_head_bars_sum_to_the_score_gap_for_wsm():
    fig = figures.head_to_head(RESULT, "tencent", "baidu")
    rows = {row["vendor"]: row["score"] for row in RESULT.rows()}
    assert sum(fig.data[0].x) == pytest.approx(rows["tencent"] - rows["baidu"], abs=1e-12)
    frame = head_to_head(RESULT, "tencent", "baidu")
    assert [plain(y) for y in fig.data[0].y] == list(frame["name"])  # biggest effect first


def test_names_from_the_data_are_text_not_plotly_markup(tmp_path):
    # Plotly renders <b>, <br> and <a href> inside names; a vendor or criterion called that
    # must show as typed.
    import shutil

    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "vendors", tmp_path / "vendors")
    vendor = tmp_path / "vendors" / "alibaba.yaml"
    vendor.write_text(vendor.read_text().replace("name: Alibaba (Qwen)", 'name: "<b>Ali</b> & Co"'))
    criteria = tmp_path / "criteria" / "ai_partner.yaml"
    criteria.write_text(
        criteria.read_text().replace("name: Model quality", "name: \"<a href='x'>MQ</a>\"")
    )
    result = rank(load_case(tmp_path / "criteria", tmp_path / "vendors"))
    shown = json.dumps([fig.to_dict() for fig in all_figures(result).values()])
    assert "<b>Ali" not in shown and "<a href" not in shown
    assert "&lt;b&gt;Ali&lt;/b&gt; &amp; Co" in shown
    assert "&lt;a href='x'&gt;MQ&lt;/a&gt;" in shown


def test_unknown_values_are_hatched_in_the_contributions():
    # DeepSeek's consumer behavioural data is unknown: its segment is hatched and outlined.
    fig = figures.contributions(RESULT)
    trace = next(t for t in fig.data if t.name == "Consumer behavioural data")
    deepseek = list(trace.y).index("DeepSeek")
    assert trace.marker.pattern.shape[deepseek] == "/"
    assert trace.marker.line.width[deepseek] > 0
    assert [s for k, s in enumerate(trace.marker.pattern.shape) if k != deepseek] == [""] * 4


def test_radar_ticks_sit_between_spokes_in_grey():
    polar = figures.radar(RESULT).layout.polar
    n = len(CASE.leaves)
    assert polar.angularaxis.rotation == 90 and polar.angularaxis.direction == "clockwise"
    assert polar.radialaxis.angle == pytest.approx(90 - 180 / n)  # between the first two spokes
    assert polar.radialaxis.tickfont.color == palette.MUTED


def test_quadrant_names_sit_in_corners_clear_of_the_bubbles():
    # The quadrants' names printed over the bubbles and ran off the left edge at 390 px: each
    # is now anchored into its own corner of the plot area, on short lines, and the y axis runs a
    # band past the data at both ends so no bubble centre comes near a name.
    fig = figures.quadrant(rank(CASE), "regulatory_readiness", "model_capability")
    want = {(0, 1): ("left", "top"), (1, 1): ("right", "top"), (0, 0): ("left", "bottom"),
            (1, 0): ("right", "bottom")}  # fmt: skip
    for a in fig.layout.annotations:
        assert (a.xref, a.yref) == ("paper", "paper")
        assert 0 <= a.x <= 1 and 0 <= a.y <= 1
        assert (a.xanchor, a.yanchor) == want[(a.x, a.y)]  # pointing into the plot, off the data
        assert max(len(line) for line in a.text.split("<br>")) <= 18
    lo, hi = fig.layout.yaxis.range
    ys = [t.y[0] for t in fig.data]
    band = 0.15 * (hi - lo)  # two lines of a name at the plot's smallest height
    assert min(ys) - lo >= band and hi - max(ys) >= band
    for t in fig.data:  # a shared label wraps instead of running off the left edge
        assert all(len(line) <= 20 for line in t.text[0].replace("&amp;", "&").split("<br>"))
    assert fig.layout.legend.yref == "container"  # under the axis title, not over it
    assert fig.layout.xaxis.automargin and fig.layout.yaxis.automargin


def test_head_to_head_values_stay_off_the_criterion_names():
    # "-0.025" printed over "Regulatory readiness" at 390 px: a negative bar's value ran left past
    # the axis. The axis now runs far enough past the longest bar on each side for its label.
    fig = figures.head_to_head(rank(CASE), "alibaba", "baidu")
    bars, layout = fig.data[0], fig.layout
    assert bars.textposition == "outside" and bars.cliponaxis is False
    lo, hi = layout.xaxis.range
    span = hi - lo
    assert min(bars.x) < 0  # the case that overlapped
    assert min(bars.x) - lo >= 0.2 * span and hi - max(bars.x) >= 0.2 * span
    assert layout.xaxis.automargin and layout.yaxis.automargin
    assert all(len(line) <= 16 for name in bars.y for line in name.split("<br>"))
    # Each vendor on a line of its own: the one-line title was cut off at the right.
    assert (
        layout.xaxis.title.text == "\u2190 favours Baidu (ERNIE)<br>favours Alibaba (Qwen) \u2192"
    )


def test_the_top_n_control_limits_the_quadrant_and_the_rows_behind_every_chart():
    """Issue 11: at 2,000 vendors the quadrant drew every vendor and labelled them pairwise
    (over half a minute per rerun); it now shows the charts' top N, as the others do, and the
    rows behind the charts are built for those N only, equal to the first N of all of them."""
    from scoring.present.facts import score_rows

    order = [RESULT.resolved.vendor_ids[i] for i in RESULT.order]
    fig = figures.quadrant(RESULT, "model_capability", "user_data", top=2)
    assert [t.name for t in fig.data] == [CASE.vendor_by_id[v].name for v in order[:2]]
    assert score_rows(RESULT, 3) == score_rows(RESULT)[:3]
    assert [r.vendor for r in score_rows(RESULT, 3)] == order[:3]
    frame = contributions(RESULT)
    for row in score_rows(RESULT):  # each row's contributions are that vendor's
        assert np.allclose(row.contributions, frame.loc[row.vendor].to_numpy())
