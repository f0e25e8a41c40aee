"""Group weights on the demo case, every number checked by hand.

The demo case (tests/fixtures/demo): Acme and Beta on quality, price (cost) and licence, WSM on
the declared scales. Normalised values: Acme (0.8, 0.6, 1.0), Beta (0.6, 0.8, 0.0).

Three participants (raw weights quality/price/licence -> shares of the total):
  A 4/1/1 -> (2/3, 1/6, 1/6): Acme 0.8000, Beta 0.5333 -> Acme
  B 2/1/1 -> (1/2, 1/4, 1/4): Acme 0.8000, Beta 0.5000 -> Acme
  C 1/3/0 -> (1/4, 3/4, 0):   Acme 0.6500, Beta 0.7500 -> Beta
Mean shares: quality 17/36, price 14/36, licence 5/36; Acme 0.75 > Beta 0.5944.
Price, with quality and licence at their consensus ratio 17:5, crosses where
  -0.2 t + (1 - t) 8.4/22 = 0, t = 8.4/12.8 = 0.65625, inside the participants' 1/6..3/4:
the price disagreement changes the leader. Quality (Acme ahead by 0.2 t + 0.1158 (1 - t) > 0)
and licence (Acme ahead by t + 0.0194 (1 - t) > 0) never do.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Scenario, load_case
from scoring.errors import ScenarioError
from scoring.group import Participant, consensus_shares, group, spread_of

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def demo():
    return load_case(DEMO / "criteria", DEMO / "vendors")


def people(*weights: tuple[float, float, float]) -> list[Participant]:
    return [
        Participant(name, Scenario(weights={"quality": q, "price": p, "licence": li}))
        for name, (q, p, li) in zip("ABCDEFG", weights, strict=False)
    ]


TEAM = ((4, 1, 1), (2, 1, 1), (1, 3, 0))


def test_mean_consensus_leaders_and_leader_share(demo):
    result = group(demo, people(*TEAM))
    assert [(p.name, p.leader) for p in result.participants] == [
        ("A", "acme"),
        ("B", "acme"),
        ("C", "beta"),
    ]
    assert result.participants[0].weights == pytest.approx(
        {"quality": 2 / 3, "price": 1 / 6, "licence": 1 / 6}
    )
    assert result.consensus == pytest.approx(
        {"quality": 17 / 36, "price": 14 / 36, "licence": 5 / 36}
    )
    assert result.ranking == ("acme", "beta")
    assert result.leader_share == pytest.approx({"acme": 2 / 3, "beta": 1 / 3})


def test_spread_min_max_population_sd_mean_median(demo):
    s = group(demo, people(*TEAM)).spread["quality"]
    # quality shares 2/3, 1/2, 1/4: mean 17/36; deviations 7/36, 1/36, -8/36
    assert (s.min, s.max, s.median) == pytest.approx((0.25, 2 / 3, 0.5))
    assert s.mean == pytest.approx(17 / 36)
    assert s.sd == pytest.approx(math.sqrt((49 + 1 + 64) / 36**2 / 3))


def test_only_the_price_disagreement_changes_the_leader(demo):
    result = group(demo, people(*TEAM))
    [price] = result.matters
    assert price.criterion == "price"
    assert price.leaders == ("acme", "beta")
    assert price.crossings == pytest.approx((0.65625,))
    assert set(result.does_not_matter) == {"quality", "licence"}
    assert result.to_dict()["disagreements_that_matter"] == ["price"]


def test_a_narrower_price_range_no_longer_matters(demo):
    # C at 2/1/0: price now ranges over 1/6..1/3 only, short of any change of leader
    result = group(demo, people((4, 1, 1), (2, 1, 1), (2, 1, 0)))
    assert result.matters == ()
    assert result.leader_share == {"acme": 1.0}


def test_geometric_mean_consensus(demo):
    result = group(demo, people(*TEAM), aggregate="geomean")
    # quality (1/12)^(1/3), price (1/32)^(1/3), licence 0 (C gives it nothing), normalised
    q, p = (1 / 12) ** (1 / 3), (1 / 32) ** (1 / 3)
    assert result.consensus == pytest.approx(
        {"quality": q / (q + p), "price": p / (q + p), "licence": 0.0}
    )
    assert result.ranking == ("acme", "beta")  # Acme 0.7162 > Beta 0.6838


def test_geomean_of_a_group_everyone_zeroes_somewhere_falls_back_to_the_mean(demo):
    shares = [
        {"quality": 1.0, "price": 0.0, "licence": 0.0},
        {"quality": 0.0, "price": 1.0, "licence": 0.0},
    ]
    assert consensus_shares(demo, shares, "geomean") == pytest.approx(
        {"quality": 0.5, "price": 0.5, "licence": 0.0}
    )


def test_one_participant_is_their_own_consensus(demo):
    result = group(demo, people((1, 3, 0)))
    assert result.consensus == pytest.approx({"quality": 0.25, "price": 0.75, "licence": 0.0})
    assert result.matters == () and result.leader_share == {"beta": 1.0}


def test_errors_name_the_participant(demo):
    with pytest.raises(ScenarioError, match="at least one participant"):
        group(demo, [])
    with pytest.raises(ScenarioError, match="B's weights leave no vendor"):
        group(demo, people((1, 1, 1), (0, 0, 0)))


weights = st.tuples(*[st.integers(0, 10)] * 3).filter(lambda w: sum(w) > 0)


@settings(max_examples=40, deadline=None)  # no timing threshold: the machine may be loaded
@given(st.lists(weights, min_size=1, max_size=6))
def test_consensus_shares_sum_to_one_and_lie_within_the_spread(team):
    case = load_case(DEMO / "criteria", DEMO / "vendors")
    result = group(case, people(*team))
    assert sum(result.consensus.values()) == pytest.approx(1.0)
    for cid, s in result.spread.items():
        assert s.min - 1e-12 <= result.consensus[cid] <= s.max + 1e-12
        assert s.min - 1e-12 <= s.median <= s.max + 1e-12
    assert sum(result.leader_share.values()) == pytest.approx(1.0)


def test_spread_of_one_value_has_no_deviation():
    assert spread_of([0.3]).sd == 0.0


def test_the_group_view_is_described_widest_disagreement_first(demo):
    from scoring.present import group as present_group

    result = group(demo, people(*TEAM))
    table = present_group.weights_table(demo, result)
    assert [row[0] for row in table.rows] == ["Price", "Quality", "Licence"]  # widths .58 .42 .25
    assert table.shown_rows()[0][1:5] == ["16.7%", "25.0%", "75.0%", "38.9%"]
    fig = present_group.spread_figure(demo, result)
    assert fig.categories == ("Price", "Quality", "Licence")
    assert fig.series[0].x == pytest.approx((1 / 6, 0.25, 0.0))
    assert fig.series[1].values == pytest.approx((14 / 36, 17 / 36, 5 / 36))
    words = present_group.sentences(demo, result, {"acme": "Acme", "beta": "Beta"})
    assert words[0] == "Acme leads for 2 of 3 participants; Beta leads for 1 of 3 participants."
    assert (
        words[2]
        == "Disagreements that matter (people's range changes the leader): Price (Acme or Beta; "
        "the leader changes as its share passes 65.6%)."
    )
