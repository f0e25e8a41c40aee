"""Group weights at their edges, on the demo case of test_group.py (every number by hand there):
the leader at the lowest participant's share just below and just above the price crossing
(0.65625 with quality and licence at 17:5), a geometric-mean consensus that gives one criterion
everything, a criterion everyone agrees on, the participant limit, and the JSON shape. Found by
mutation testing (mutation/RESULTS.md)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scoring import Scenario, load_case
from scoring.errors import ScenarioError
from scoring.group import MAX_PARTICIPANTS, consensus_shares, from_submissions, group, spread_of
from tests.unit.test_group import DEMO, people


@pytest.fixture(scope="module")
def demo():
    return load_case(DEMO / "criteria", DEMO / "vendors")


def priced(share: float) -> tuple[float, float, float]:
    """Raw weights giving price `share`, quality and licence the rest at 17:5."""
    rest = 1.0 - share
    return (rest * 17 / 22, share, rest * 5 / 22)


def test_the_lowest_share_just_below_the_crossing_is_led_by_the_other_vendor(demo):
    # Price shares 0.6 and 0.9, consensus 0.75 (Beta leads, past 0.65625). At 0.6, with quality
    # and licence rescaled to 0.4 at 17:5, Acme leads: the range meets Acme, then Beta.
    result = group(demo, people(priced(0.6), priced(0.9)))
    assert result.ranking == ("beta", "acme")
    [price] = result.matters
    assert (price.criterion, price.leaders) == ("price", ("acme", "beta"))
    assert price.crossings == pytest.approx((0.65625,))


def test_the_lowest_share_just_above_the_crossing_changes_nothing(demo):
    # Price shares 0.7 and 0.9: Beta leads at 0.7 (0.3 left to quality and licence at 17:5)
    # as at the consensus 0.8, and no crossing lies inside: the disagreement does not matter.
    result = group(demo, people(priced(0.7), priced(0.9)))
    assert result.ranking == ("beta", "acme")
    assert result.matters == ()
    assert set(result.does_not_matter) == {"price", "quality", "licence"}


def test_a_geomean_consensus_that_gives_price_everything(demo):
    # A weighs price only, B 0.1/0.8/0.1: the geometric mean zeroes quality and licence, so the
    # consensus is price 1 and Beta leads. Price ranges 0.8..1: at 0.8 its siblings share the
    # rest equally (they weigh nothing at the consensus): Acme 0.08 + 0.48 + 0.1 = 0.66 against
    # Beta 0.06 + 0.64 = 0.70, so Beta still leads: nothing matters.
    result = group(demo, people((0, 1, 0), (0.1, 0.8, 0.1)), aggregate="geomean")
    assert result.consensus == pytest.approx({"quality": 0.0, "price": 1.0, "licence": 0.0})
    assert result.ranking == ("beta", "acme")
    assert result.matters == ()
    assert set(result.does_not_matter) == {"price", "quality", "licence"}


def test_a_criterion_everyone_weighs_alike_is_no_disagreement(demo):
    # Licence is 1/4 for both: it is neither a disagreement that matters nor one that does not.
    result = group(demo, people((2, 1, 1), (1, 2, 1)))
    assert result.spread["licence"].width == 0
    assert "licence" not in result.does_not_matter
    assert "licence" not in [d.criterion for d in result.matters]
    assert set(result.does_not_matter) | {d.criterion for d in result.matters} == {
        "quality",
        "price",
    }


def test_the_consensus_ranking_uses_the_consensus_weights(demo):
    # One participant at 1/3/0: Beta leads, although the case's own weights (2/1/1) favour Acme.
    result = group(demo, people((1, 3, 0)))
    assert result.ranking == ("beta", "acme")
    assert result.consensus_scenario.weights == result.consensus


def test_consensus_is_the_mean_by_default_and_names_an_unknown_aggregate(demo):
    shares = [
        {"quality": 0.5, "price": 0.25, "licence": 0.25},
        {"quality": 0.25, "price": 0.5, "licence": 0.25},
    ]
    assert consensus_shares(demo, shares) == {"quality": 0.375, "price": 0.375, "licence": 0.25}
    with pytest.raises(ScenarioError, match=r"^unknown aggregate 'median' \(choose mean or "):
        consensus_shares(demo, shares, "median")  # type: ignore[arg-type]


def test_spread_of_two_values_is_the_population_deviation():
    s = spread_of([0.2, 0.6])
    assert s.sd == pytest.approx(0.2)
    assert s.to_dict() == pytest.approx(
        {"min": 0.2, "max": 0.6, "sd": 0.2, "mean": 0.4, "median": 0.4}
    )


def test_at_most_max_participants(demo):
    assert MAX_PARTICIPANTS == 200
    assert len(group(demo, people((1, 1, 1)) * MAX_PARTICIPANTS).participants) == 200
    with pytest.raises(ScenarioError, match=r"^at most 200 participants, got 201$"):
        group(demo, people((1, 1, 1)) * (MAX_PARTICIPANTS + 1))
    with pytest.raises(ScenarioError, match=r"^a group needs at least one participant$"):
        group(demo, [])


def test_to_dict_names_every_part_of_the_group_view(demo):
    result = group(demo, people(priced(0.6), priced(0.9)))
    d = result.to_dict()
    assert d["aggregate"] == "mean"
    assert d["disagreements_that_matter"] == ["price"]
    assert d["disagreements_that_do_not"] == list(result.does_not_matter)
    assert d["leaders_across_range"] == {
        "price": {"leaders": ["acme", "beta"], "changes_at": [pytest.approx(0.65625)]}
    }
    assert d["spread"]["price"] == pytest.approx(
        {"min": 0.6, "max": 0.9, "sd": 0.15, "mean": 0.75, "median": 0.75}
    )


def test_a_rounds_submissions_become_participants(demo):
    common = Scenario(method="wpm")
    subs = [
        SimpleNamespace(participant="Ann", role="Legal", weights={"quality": 1, "gone": 5}),
        SimpleNamespace(participant="Bo", role="CTO", weights={"price": 2}),
    ]
    [ann, bo] = from_submissions(demo, common, subs)
    assert (ann.name, bo.name) == ("Ann (Legal)", "Bo (CTO)")
    assert ann.scenario.weights == {"quality": 1}  # a criterion the case no longer has is left out
    assert (ann.scenario.method, bo.scenario.weights) == ("wpm", {"price": 2})
