"""PROMETHEE II's preference functions in the app: a link sets them, the sidebar's expander
changes them (and with them the ranking and the link), a bad threshold warns, never crashes."""

from __future__ import annotations

from urllib.parse import parse_qsl

from scoring import Scenario, rank
from scoring.scenario.link import encode
from scoring.scenario.preference import parse_spec

CID = "regulatory_readiness"


def query_of(scenario: Scenario, case) -> dict[str, str]:
    return dict(parse_qsl(encode(scenario, case)))


def test_a_link_sets_a_preference_function_and_the_expander_shows_it(
    shipped, run_app, ranking_of, expected
):
    scenario = Scenario(method="promethee2", preference={CID: parse_spec("linear:q=1:p=4")})
    at = run_app(query_of(scenario, shipped))
    assert ranking_of(at) == expected(rank(shipped, scenario))
    assert at.selectbox(key=f"pf.{CID}.function").value == "linear"
    assert at.number_input(key=f"pf.{CID}.q").value == 1.0
    assert at.number_input(key=f"pf.{CID}.p").value == 4.0
    assert at.query_params[f"pf.{CID}"] == "linear:q=1:p=4"
    assert any("Preference functions (1 changed)" in e.proto.label for e in at.expander)


def test_changing_a_function_in_the_app_changes_the_ranking_and_the_link(
    shipped, run_app, ranking_of, expected
):
    at = run_app({"m": "promethee2"})
    before = ranking_of(at)
    assert not any(k.startswith("pf.") for k in at.query_params)  # the case's own: not written
    at.selectbox(key=f"pf.{CID}.function").set_value("usual").run()
    changed = Scenario(method="promethee2", preference={CID: parse_spec("usual")})
    assert ranking_of(at) == expected(rank(shipped, changed))
    assert ranking_of(at) != before
    assert at.query_params[f"pf.{CID}"] == "usual"
    # Another method leaves the function aside (not in the link) and keeps it for later.
    at.selectbox(key="m").set_value("wsm").run()
    assert f"pf.{CID}" not in at.query_params
    at.selectbox(key="m").set_value("promethee2").run()
    assert at.query_params[f"pf.{CID}"] == "usual"


def test_thresholds_that_do_not_fit_warn_and_keep_the_case_function(shipped, run_app):
    at = run_app({"m": "promethee2", f"pf.{CID}": "linear:q=1:p=4"})
    at.number_input(key=f"pf.{CID}.q").set_value(6.0).run()
    assert not at.exception
    assert any("needs q below p" in w for w in at.warning.values)
    assert f"pf.{CID}" not in at.query_params


def test_a_bad_preference_in_a_link_is_named_in_the_link_warning(shipped, run_app):
    at = run_app({"m": "promethee2", f"pf.{CID}": "linear:q=3:p=2", "pf.nope": "usual"})
    text = " ".join(at.warning.values).replace("\\_", "_")  # as read: markdown escapes off
    assert f"pf.{CID}='linear:q=3:p=2': a linear preference needs q below p" in text
    assert "'pf.nope': unknown criterion 'nope'" in text
