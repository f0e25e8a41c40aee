"""Share links in the app: a link's query loads its scenario; hostile links warn, never crash."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from scoring import Scenario, rank
from scoring.scenario.link import encode

LINKED = Scenario(
    method="topsis",
    weights={"user_data": 60, "regulatory_readiness": 5, "model_quality": 80},
    vendors=["alibaba", "tencent", "deepseek", "bytedance"],
    unknowns="midpoint",
    seed=7,
    samples=2000,
)


def query_of(scenario: Scenario, case, **changes: str | None) -> dict[str, str]:
    pairs = dict(parse_qsl(encode(scenario, case)))
    pairs.update(changes)
    return {k: v for k, v in pairs.items() if v is not None}


def test_a_link_loads_its_scenario(shipped, run_app, ranking_of, expected):
    at = run_app(query_of(LINKED, shipped))
    assert ranking_of(at) == expected(rank(shipped, LINKED))
    assert not at.warning.values or all("Link:" not in w for w in at.warning.values)
    assert at.selectbox(key="m").value == "topsis"
    assert at.selectbox(key="n").value == "vector"
    assert at.slider(key="w.user_data").value == 60.0
    assert at.slider(key="w.model_quality").value == 80.0
    assert at.multiselect(key="v").value == LINKED.vendors
    assert at.radio(key="u").value == "midpoint"
    assert at.number_input(key="seed").value == 7
    assert at.number_input(key="k").value == 2000
    # The URL the app writes back is the same link: nothing lost, nothing added.
    assert at.query_params == query_of(LINKED, shipped)


def test_a_full_url_string_works_too(shipped, run_app, ranking_of, expected):
    at = run_app("http://colleague.example:8501/?" + encode(LINKED, shipped))
    assert ranking_of(at) == expected(rank(shipped, LINKED))


def test_a_partial_link_fills_in_defaults(shipped, run_app, ranking_of, expected):
    at = run_app({"m": "wpm", "w.user_data": "0"})
    scenario = Scenario(method="wpm", weights={"user_data": 0})
    assert ranking_of(at) == expected(rank(shipped, scenario))
    assert at.query_params == query_of(scenario, shipped)  # completed in the address bar


def test_a_weight_beyond_the_slider_range_widens_the_slider(shipped, run_app, ranking_of, expected):
    at = run_app({"w.user_data": "250"})
    assert at.slider(key="w.user_data").value == 250.0
    assert at.slider(key="w.user_data").max == 250.0
    assert ranking_of(at) == expected(rank(shipped, Scenario(weights={"user_data": 250})))


def test_a_fractional_weight_is_kept_exactly(shipped, run_app, ranking_of, expected):
    at = run_app({"w.user_data": "12.5"})
    assert at.slider(key="w.user_data").value == 12.5
    assert at.query_params["w.user_data"] == "12.5"
    assert ranking_of(at) == expected(rank(shipped, Scenario(weights={"user_data": 12.5})))


def test_the_link_is_read_once_per_session(shipped, run_app):
    at = run_app({"m": "wpm"})
    at.selectbox(key="m").select("topsis").run()
    # A later run must not re-apply the link over what the user chose.
    at.run()
    assert at.selectbox(key="m").value == "topsis"
    assert at.query_params["m"] == "topsis"


# kind -> (parameter changes on a valid link, text its warning must contain)
HOSTILE = {
    "unknown parameter": ({"utm_source": "mail"}, "ignored unknown parameter(s): 'utm_source'"),
    "non-numeric weight": ({"w.user_data": "lots"}, "weight of user_data = 'lots'"),
    "out-of-range weight": ({"w.user_data": "5e9"}, "used the default 15"),
    "negative weight": ({"w.user_data": "-1"}, "weight of user_data = '-1'"),
    "unknown criterion": ({"w.price": "3"}, "ignored the weights of unknown criteria: 'price'"),
    "unknown method": (
        {"m": "electre"},
        "m='electre' is not one of wsm, wpm, topsis, vikor, promethee2; used wsm",
    ),
    "unknown normalisation": ({"n": "zscore"}, "n='zscore' is not one of"),
    "unknown vendor": ({"v": "alibaba,huawei"}, "ignored unknown vendor(s): 'huawei'"),
    "no vendor": ({"v": ""}, "the link selects no vendor; used all vendors"),
    "bad samples": ({"k": "1e99"}, "k='1e99' is not a number from 100"),
    "fingerprint mismatch": ({"fp": "0000beef"}, "made for other data (fingerprint '0000beef'"),
    "unknown tab": ({"tab": "Secrets"}, "ignored tab='Secrets' (not one of the choices)"),
    "unknown quadrant axis": ({"qx": "Price"}, "ignored qx='Price'"),
    "unknown head-to-head vendor": ({"a": "Huawei"}, "ignored a='Huawei'"),
    "markup in a value": (
        {"m": "<script>alert(1)</script>"},
        "m='&lt;script&gt;alert(1)&lt;/script&gt;' is not one of",  # escaped, not markup
    ),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_each_hostile_parameter_gives_one_warning(shipped, run_app, ranking_of, kind):
    changes, message = HOSTILE[kind]
    at = run_app(query_of(Scenario(), shipped, **changes))  # run_app asserts: no exception
    link_warnings = [w.value.replace("\\", "") for w in at.warning if w.value.startswith("Link:")]
    assert len(link_warnings) == 1, link_warnings
    assert message in link_warnings[0]
    assert not at.error
    assert ranking_of(at)  # a ranking is still shown
    # The hostile scenario parameter is gone from (or corrected in) the address bar.
    for key, value in changes.items():
        if key not in ("tab", "qx", "qy", "a", "b"):
            assert at.query_params.get(key) != value


def test_markup_in_a_link_is_escaped_in_the_warning(shipped, run_app):
    at = run_app({"zz<b>": "1"})
    text = next(w.value for w in at.warning if w.value.startswith("Link:"))
    assert "<b>" not in text  # escaped for Markdown, shown as the characters it is


def test_a_link_with_every_weight_zero_falls_back_to_defaults(
    shipped, run_app, ranking_of, expected
):
    zeros = {f"w.{c.id}": "0" for c in shipped.all_criteria}
    at = run_app(query_of(Scenario(), shipped, **zeros))
    assert ranking_of(at) == expected(rank(shipped))
    assert any("weight 0; used the default weights" in w.value for w in at.warning)


def test_view_parameters_in_a_link_choose_the_quadrant_axes(shipped, run_app):
    at = run_app({"qx": "Ecosystem fit", "qy": "Consumer behavioural data"})
    assert at.selectbox(key="qx").value == "ecosystem_fit"
    assert at.selectbox(key="qy").value == "user_data"
    assert at.query_params["qx"] == "Ecosystem fit"
    assert "qx=Ecosystem+fit" in at.code[0].value  # the share link carries the view


def test_the_share_link_opens_on_the_main_view_unless_the_sender_links_the_tab(shipped, run_app):
    at = run_app({"tab": "Head-to-head", "a": "DeepSeek"})
    assert at.query_params["tab"] == "Head-to-head"  # the address bar keeps the open tab
    shared = at.code[0].value
    assert "tab=" not in shared and "a=DeepSeek" in shared
    at = at.checkbox(key="share_with_tab").check().run()
    assert "tab=Head-to-head" in at.code[0].value
    at = at.checkbox(key="share_with_tab").uncheck().run()
    assert "tab=" not in at.code[0].value


def test_head_to_head_pair_from_the_link(shipped, run_app):
    at = run_app({"tab": "Head-to-head", "a": "DeepSeek", "b": "Tencent (Hunyuan)"})
    assert at.selectbox(key="a").value == "deepseek"
    assert at.selectbox(key="b").value == "tencent"
    result = rank(shipped)
    gap = {r["vendor"]: r["score"] for r in result.rows()}
    text = "\n".join(m.value for m in at.markdown)
    assert f"**{gap['deepseek'] - gap['tencent']:+.3f}**, exactly the score gap" in text


def link_warnings(at) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning if w.value.startswith("Link:")]


def test_several_problems_share_one_warning_box(shipped, run_app, ranking_of):
    at = run_app({"m": "electre", "w.user_data": "lots", "zz": "1", "seed": "-1"})
    shown = link_warnings(at)
    assert len(shown) == 1, shown  # one box listing all four, not four boxes
    assert shown[0].startswith("Link: 4 problems; the rest of the link was used.")
    for needle in (
        "- m='electre' is not one of wsm, wpm, topsis, vikor, promethee2; used wsm",
        "- weight of user_data = 'lots'",
        "- ignored unknown parameter(s): 'zz'",
        "- seed='-1' is not a number from 0 to 4,294,967,295; used 0",
    ):
        assert needle in shown[0]
    assert ranking_of(at)


def test_conflicting_repeated_parameters_are_named(shipped, run_app, ranking_of, expected):
    at = run_app({"m": ["wsm", "topsis"], "w.user_data": ["10", "90"]})
    shown = link_warnings(at)
    assert len(shown) == 1
    assert "'m' appears 2 times with different values; used the last, 'topsis'" in shown[0]
    assert "'w.user_data' appears 2 times with different values; used the last, '90'" in shown[0]
    assert ranking_of(at) == expected(
        rank(shipped, Scenario(method="topsis", weights={"user_data": 90}))
    )


def test_the_link_warning_goes_once_the_scenario_is_changed(shipped, run_app):
    at = run_app({"m": "electre"})
    assert link_warnings(at)
    at.selectbox(key="n").select("minmax").run()
    assert not link_warnings(at)  # the link's problems no longer explain what is shown


def test_unicode_and_control_characters_in_a_link_are_shown_escaped(shipped, run_app):
    at = run_app({"m": "\u202ewsm\u202c", "v": "alibaba,\u05e9\u05dc\u05d5\u05dd\x00"})
    shown = next(w.value for w in at.warning if w.value.startswith("Link:"))
    assert "u202ewsm" in shown and "\u202e" not in shown  # no hidden RTL override
    assert "x00" in shown and "\x00" not in shown


def test_many_unknown_weights_give_one_grouped_warning(shipped, run_app, ranking_of):
    """Issue 12: 10,000 weights for unknown criteria gave 300 separate warnings. (Streamlit
    drops a query of over 1,000 parameters before the app sees it: tests/e2e covers that.)"""
    at = run_app({f"w.nope{i}": "1" for i in range(999)})
    (shown,) = link_warnings(at)
    assert "ignored the weights of unknown criteria: 'nope0', 'nope1'" in shown
    assert "and 290 more" in shown and shown.count("nope") == 10
    assert "more than 300 parameters" in shown
    assert ranking_of(at) == ranking_of(run_app())  # the shipped case, default scenario


def test_a_huge_number_in_a_link_warns_instead_of_raising(shipped, run_app):
    """A 400-digit seed raised OverflowError (the hostile query the issue reports)."""
    at = run_app({"seed": "9" * 400, "s": "1e400", "w.user_data": "9" * 400})
    (shown,) = link_warnings(at)
    assert "seed=" in shown and "w.user_data" not in shown.split("weight of")[0]
    assert "weight of user_data" in shown


def test_a_vikor_link_sets_v_and_ranks_lowest_q_first(shipped, run_app, ranking_of, expected):
    """VIKOR's v travels in the link (vv) and drives the sidebar's slider; lower Q ranks first."""
    scenario = Scenario(method="vikor", vikor_v=0.2)
    at = run_app(query_of(scenario, shipped))
    assert at.slider(key="vv").value == 0.2
    shown = ranking_of(at)
    assert shown == expected(rank(shipped, scenario))
    assert float(shown[0][2]) <= float(shown[-1][2])  # the best Q is the smallest
    assert at.query_params["vv"] == "0.2"


def test_v_is_kept_while_another_method_is_chosen(shipped, run_app):
    at = run_app(query_of(Scenario(method="vikor", vikor_v=0.8), shipped))
    at.selectbox(key="m").set_value("wsm").run()
    assert "vv" not in [s.key for s in at.slider]  # shown only for VIKOR
    assert "vv" not in at.query_params  # another method's setting is not part of this link
    at.selectbox(key="m").set_value("vikor").run()
    assert at.slider(key="vv").value == 0.8
