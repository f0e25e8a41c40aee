"""The app through AppTest: ranking, weights, method, reset, views, and a broken case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scoring import Scenario, rank
from scoring.scenario.link import encode

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ORDER = ["alibaba", "baidu", "tencent", "bytedance", "deepseek"]
# Hand-checked on the shipped case (`shortlist rank --weights user_data=60`): more weight on
# consumer data lifts Tencent and ByteDance above Baidu and drops DeepSeek (unknown = worst).
USER_DATA_60_ORDER = ["alibaba", "tencent", "bytedance", "baidu", "deepseek"]


def markdown_text(at) -> str:
    """All markdown shown, with Markdown escapes removed so it reads as the user sees it."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_default_ranking_is_scorings(shipped, run_app, ranking_of, expected):
    at = run_app()
    assert ranking_of(at) == expected(rank(shipped))
    assert [v for v, _, _ in ranking_of(at)] == DEFAULT_ORDER
    assert ranking_of(at)[0] == ("alibaba", 1, "0.831")
    assert not at.error


def test_headline_names_leader_runner_up_and_margin(shipped, run_app, cards_of, brief_of):
    at = run_app()
    cards = cards_of(at)
    assert cards["leader"] == {
        "label": "Leader", "name": "Alibaba (Qwen)", "value": "0.831", "note": "", "unclear": False
    }  # fmt: skip
    assert cards["runner-up"]["name"] == "Baidu (ERNIE)" and cards["runner-up"]["value"] == "0.698"
    assert cards["margin"]["value"] == "16.0%"
    assert cards["margin"]["note"] == "of the leader's score (0.133 points)"
    # The same terms as the margin card: points, and % of the leader's score (not of Baidu's).
    assert brief_of(at)[0] == (
        "Alibaba (Qwen) leads with a score of 0.831, ahead of Baidu (ERNIE) (0.698) by 0.133 "
        "points, 16.0% of the leader's score."
    )
    assert not at.metric  # st.metric's lazily loaded script left grey cards on first load


def test_unknown_values_are_flagged_in_table_and_warning(shipped, run_app):
    at = run_app()
    table = next(h.value for h in at.html if 'class="shortlist-ranking"' in h.value)
    deepseek_row = table.split('data-vendor="deepseek"')[1].split("</tr>")[0]
    assert "⚠ Consumer behavioural data" in deepseek_row
    assert any("DeepSeek" in w.value and "worst end" in w.value for w in at.warning)


def test_moving_a_weight_reorders_as_scoring_predicts(shipped, run_app, ranking_of, expected):
    at = run_app()
    at.slider(key="w.user_data").set_value(60.0).run()
    assert not at.exception
    predicted = rank(shipped, Scenario(weights={"user_data": 60}))
    assert ranking_of(at) == expected(predicted)
    assert [v for v, _, _ in ranking_of(at)] == USER_DATA_60_ORDER
    # ... and the address bar follows, so copying it reproduces the view.
    assert at.query_params["w.user_data"] == "60"
    assert at.query_params["w.open_source"] == "15"  # every weight spelled out


def test_slider_captions_show_live_local_and_global_shares(shipped, run_app):
    at = run_app()
    captions = [c.value for c in at.caption]
    # model_quality: 60 of 100 inside Model capability (25 of 100 at the top): 15% overall.
    assert "share of group 60.0% · share of total **15.0%**" in captions
    at.slider(key="w.model_capability").set_value(75.0).run()
    captions = [c.value for c in at.caption]
    # Top level is now 25 + 75 + 20 + 15 + 15 = 150: Model capability 50%, model_quality 30%.
    assert "share of group 50.0% · share of total **50.0%**" in captions
    assert "share of group 60.0% · share of total **30.0%**" in captions


def test_method_change_selects_its_normalisation(shipped, run_app, ranking_of, expected):
    at = run_app()
    at.selectbox(key="m").select("topsis").run()
    assert at.selectbox(key="n").value == "vector"
    assert ranking_of(at) == expected(rank(shipped, Scenario(method="topsis")))
    assert at.query_params["m"] == "topsis" and at.query_params["n"] == "vector"
    at.selectbox(key="n").select("minmax").run()
    scenario = Scenario(method="topsis", normalization="minmax")
    assert ranking_of(at) == expected(rank(shipped, scenario))


def test_vendor_subset_and_unknown_policy(shipped, run_app, ranking_of, expected):
    at = run_app()
    at.multiselect(key="v").unselect("alibaba").run()
    at.radio(key="u").set_value("midpoint").run()
    vendors = ["baidu", "bytedance", "deepseek", "tencent"]
    predicted = rank(shipped, Scenario(vendors=vendors, unknowns="midpoint"))
    assert ranking_of(at) == expected(predicted)
    assert at.query_params["v"] == ",".join(vendors)
    assert at.query_params["u"] == "midpoint"


def test_reset_restores_defaults_and_url(shipped, run_app, ranking_of, expected):
    at = run_app()
    default_query = at.query_params.copy()
    at.slider(key="w.user_data").set_value(60.0).run()
    at.selectbox(key="m").select("wpm").run()
    assert ranking_of(at) != expected(rank(shipped))
    reset = next(b for b in at.button if b.label == "Reset to defaults")
    reset.click().run()
    assert ranking_of(at) == expected(rank(shipped))
    assert at.slider(key="w.user_data").value == 15.0
    assert at.selectbox(key="m").value == "wsm"
    assert at.query_params == default_query


def test_share_control_shows_the_complete_link(shipped, run_app):
    at = run_app()
    at.slider(key="w.user_data").set_value(60.0).run()
    code = at.code[0].value
    assert code.startswith("http://localhost:8501/?")
    assert code.split("?", 1)[1] == encode(Scenario(weights={"user_data": 60}), shipped)


def test_all_weights_zero_says_so_without_crashing(shipped, run_app):
    at = run_app()
    for c in shipped.criteria:
        at.slider(key=f"w.{c.id}").set_value(0.0)
    at.run()
    assert not at.exception
    assert any("all weights are zero" in e.value for e in at.error)


def test_no_vendor_selected_says_so(shipped, run_app):
    at = run_app()
    at.multiselect(key="v").set_value([]).run()
    assert not at.exception
    assert any("no vendors selected" in e.value for e in at.error)


def test_vendor_set_aside_by_must_have_is_shown_with_reason(case_copy, run_app, ranking_of):
    path = case_copy / "vendors" / "bytedance.yaml"
    text = path.read_text()
    assert "  regulatory_readiness:\n    value: 8\n    range: [6, 9]\n" in text
    # ByteDance's regulatory readiness below the must-have minimum of 4.
    path.write_text(text.replace("value: 8\n    range: [6, 9]", "value: 2\n    range: [1, 3]", 1))
    at = run_app()
    shown = markdown_text(at)
    assert "Set aside by a must-have" in shown
    assert "ByteDance" in shown and "2 is below the must-have minimum 4" in shown
    assert [v for v, _, _ in ranking_of(at)] == ["alibaba", "baidu", "tencent", "deepseek"]


def test_edited_data_files_are_picked_up_keeping_the_scenario(case_copy, run_app, ranking_of):
    at = run_app()
    at.slider(key="w.user_data").set_value(40.0).run()
    alibaba = case_copy / "vendors" / "alibaba.yaml"
    text = alibaba.read_text()
    assert "  model_quality:\n    value: 8\n    range: [7, 9]\n" in text
    alibaba.write_text(text.replace("value: 8\n    range: [7, 9]", "value: 2\n    range: [1, 3]"))
    at.run()
    assert not at.exception
    # regulatory_readiness, model_quality and user_data all fell from 8 to 2: Alibaba drops.
    assert ranking_of(at)[0][0] != "alibaba"
    assert at.slider(key="w.user_data").value == 40.0  # the user's scenario is kept
    assert not [w for w in at.warning if "other data" in w.value]


def test_invalid_case_lists_every_problem_and_stops(tmp_path, monkeypatch, run_app):
    (tmp_path / "criteria").mkdir()
    (tmp_path / "vendors").mkdir()
    (tmp_path / "criteria" / "c.yaml").write_text(
        "case: {id: t, name: T}\ncriteria:\n  - id: a\n    name: A\n    scale: {min: 0, max: 10}\n"
    )
    (tmp_path / "vendors" / "x.yaml").write_text("id: x\nname: X\nscores:\n  a: 12\n  b: 3\n")
    (tmp_path / "vendors" / "y.yaml").write_text("id: y\nname: [unclosed\n")
    monkeypatch.setenv("SHORTLIST_CRITERIA", str(tmp_path / "criteria"))
    monkeypatch.setenv("SHORTLIST_VENDORS", str(tmp_path / "vendors"))
    at = run_app()
    assert len(at.error) == 1
    text = at.error[0].value
    assert "could not be loaded" in text
    assert "x.yaml:4" in text.replace("\\", "")  # file:line of the value above the scale
    assert "y.yaml" in text.replace("\\", "")
    assert not at.slider  # stopped: no half-loaded sidebar
    assert not [h for h in at.html if 'class="shortlist-ranking"' in h.value]


@pytest.mark.parametrize(
    ("tab", "needle"),
    [
        ("Head-to-head", "The bars add up to **+0.133**, exactly the score gap: 0.831 − 0.698."),
        ("Vendor detail", 'class="shortlist-detail"'),
    ],
)
def test_tabs_open_from_the_link(shipped, run_app, tab, needle):
    at = run_app({"tab": tab})
    assert needle in markdown_text(at)


def test_head_to_head_for_wpm_is_called_an_approximation(shipped, run_app):
    at = run_app({"tab": "Head-to-head", "m": "wpm"})
    text = markdown_text(at)
    assert "approximation" in text and "actual WPM score gap" in text


def test_vendor_detail_marks_unknowns_and_links_only_http(shipped, run_app):
    at = run_app({"tab": "Vendor detail"})
    at.selectbox(key="d").select("deepseek").run()
    detail = next(m.value for m in at.markdown if "shortlist-detail" in m.value)
    row = detail.split('data-criterion="user_data"')[1].split("</tr>")[0]
    assert "⚠ unknown" in row
    assert 'href="https://github.com/deepseek-ai/DeepSeek-R1"' in detail
    assert "javascript:" not in detail


def test_charts_tab_draws_four_charts(shipped, run_app):
    at = run_app()
    charts = at.get("plotly_chart")
    assert len(charts) == 4


def test_wpm_vetoes_are_explained(shipped, run_app, ranking_of):
    # WPM on min-max values: every vendor but Alibaba is worst on some criterion, so its
    # normalised 0 zeroes the whole product (`shortlist rank --method wpm -n minmax`).
    at = run_app({"m": "wpm", "n": "minmax"})
    assert [(v, r) for v, r, _ in ranking_of(at)] == [
        ("alibaba", 1), ("baidu", 2), ("bytedance", 2), ("deepseek", 2), ("tencent", 2)
    ]  # fmt: skip
    veto = next(i.value for i in at.info if "Scored 0 by a veto" in i.value)
    vetoes = rank(shipped, Scenario(method="wpm", normalization="minmax")).vetoes()
    assert set(vetoes) == {"baidu", "bytedance", "deepseek", "tencent"}
    assert "- **DeepSeek**: " in veto and "Consumer behavioural data" in veto
    assert "min-max normalisation gives the worst vendor" in veto


def test_tied_runners_up_are_all_named(shipped, run_app, cards_of):
    at = run_app({"m": "wpm", "n": "minmax"})
    cards = cards_of(at)
    assert cards["runner-up"]["label"] == "Runner-up + 3 tied"
    assert (cards["runner-up"]["name"], cards["runner-up"]["value"]) == ("Baidu (ERNIE)", "0.000")
    table = next(h.value for h in at.html if 'class="shortlist-ranking"' in h.value)
    tied = table.split('data-rank="2"')[1:]
    names = ["Baidu (ERNIE)", "ByteDance (Doubao)", "DeepSeek", "Tencent (Hunyuan)"]
    assert len(tied) == 4 and all(any(n in row for row in tied) for n in names)


def test_no_veto_note_for_wsm(shipped, run_app):
    at = run_app()
    assert not [i for i in at.info if "veto" in i.value]


def test_every_vendor_failing_a_must_have_is_explained(case_copy, run_app, cards_of):
    path = case_copy / "criteria" / "ai_partner.yaml"
    text = path.read_text()
    assert "must_have: {min: 4}" in text
    path.write_text(text.replace("must_have: {min: 4}", "must_have: {min: 10}"))
    at = run_app()
    assert any("Every selected vendor fails a must-have" in e.value for e in at.error)
    shown = markdown_text(at)
    assert "Baidu (ERNIE)**: Regulatory readiness: 9 is below the must-have minimum 10" in shown
    assert not at.get("plotly_chart") and not cards_of(at)


def test_a_single_vendor_case_ranks_it_and_says_so(
    tmp_path, monkeypatch, run_app, ranking_of, brief_of
):
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    (tmp_path / "vendors").mkdir()
    shutil.copy(ROOT / "vendors" / "alibaba.yaml", tmp_path / "vendors")
    monkeypatch.setenv("SHORTLIST_CRITERIA", str(tmp_path / "criteria"))
    monkeypatch.setenv("SHORTLIST_VENDORS", str(tmp_path / "vendors"))
    at = run_app({"tab": "Head-to-head"})
    assert ranking_of(at) == [("alibaba", 1, "0.831")]
    assert brief_of(at)[0] == "Alibaba (Qwen) is the only vendor ranked (score 0.831)."
    assert any("needs at least two ranked vendors" in i.value for i in at.info)


def test_closed_tabs_do_no_work(shipped, run_app, monkeypatch):
    """st.tabs runs every tab's body unless it tracks state; the app binds it, so only the
    open tab's view is computed (Robustness costs ~100 ms, a report seconds)."""
    import ui.tabs.report
    import ui.tabs.robustness

    calls: list[str] = []
    monkeypatch.setattr(ui.tabs.robustness, "render", lambda ctx: calls.append("robustness"))
    monkeypatch.setattr(ui.tabs.report, "render", lambda ctx: calls.append("report"))
    at = run_app()
    at.slider(key="w.user_data").set_value(40.0).run()
    assert calls == []  # Charts open: neither ran, not even after a weight change
    at.query_params["tab"] = "Robustness"
    at.session_state["tab"] = "Robustness"
    at.run()
    assert calls == ["robustness"]


def test_the_vendor_in_detail_comes_from_the_link(shipped, run_app):
    at = run_app({"tab": "Vendor detail", "d": "Tencent (Hunyuan)"})
    assert at.selectbox(key="d").value == "tencent"
    assert "Tencent (Hunyuan)" in at.code[0].value.replace("+", " ").replace("%28", "(").replace(
        "%29", ")"
    )
    at = run_app({"tab": "Vendor detail", "d": "Huawei"})
    assert any("ignored d='Huawei'" in w.value.replace("\\", "") for w in at.warning)


def test_a_tie_at_the_top_is_called_a_tie(shipped, run_app, cards_of, brief_of):
    # Without ecosystem fit and open source, Tencent and ByteDance have the same values on
    # every weighted criterion (`shortlist rank --link` on this query: both 0.769, rank 1).
    at = run_app({"v": "tencent,bytedance,deepseek", "w.ecosystem_fit": "0", "w.open_source": "0"})
    cards = cards_of(at)
    assert list(cards) == ["leader"]  # no runner-up, no margin of 0 that reads as a lead
    assert cards["leader"] == {
        "label": "Leaders · 2 tied",
        "name": "ByteDance (Doubao), Tencent (Hunyuan)",
        "value": "0.769",
        "note": "",
        "unclear": True,
    }
    assert brief_of(at)[0] == (
        "No clear winner: ByteDance (Doubao) is tied for first with Tencent (Hunyuan) "
        "(score 0.769)."
    )
