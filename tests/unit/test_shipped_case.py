"""The shipped China AI-partner case: complete, evidenced, honest about being illustrative."""

from __future__ import annotations

import pytest

from scoring import Scenario, rank

LEAVES = [
    "regulatory_readiness",
    "model_quality",
    "multimodal_on_device",
    "cloud_delivery",
    "execution_track_record",
    "partner_conflict",
    "user_data",
    "open_source",
]


def test_loads_cleanly_with_the_expected_shape(shipped):
    assert shipped.info.id == "china-ai-partner"
    assert sorted(v.id for v in shipped.vendors) == [
        "alibaba",
        "baidu",
        "bytedance",
        "deepseek",
        "tencent",
    ]
    assert [c.id for c in shipped.leaves] == LEAVES
    assert {c.id for c in shipped.all_criteria if not c.is_leaf} == {
        "model_capability",
        "ecosystem_fit",
    }


def test_regulatory_readiness_is_the_must_have(shipped):
    must = {c.id: c.must_have for c in shipped.leaves if c.must_have is not None}
    assert list(must) == ["regulatory_readiness"]
    assert must["regulatory_readiness"].min == 4


def test_partner_conflict_is_a_cost_and_open_source_has_levels(shipped):
    assert shipped.by_id["partner_conflict"].direction == "cost"
    assert shipped.by_id["open_source"].levels is not None


def test_every_score_has_a_rationale_and_a_source(shipped):
    for vendor in shipped.vendors:
        assert set(vendor.scores) == set(LEAVES), vendor.id
        for cid, score in vendor.scores.items():
            where = f"{vendor.id}.{cid}"
            assert len(score.rationale.strip()) >= 40, f"{where}: rationale too thin"
            assert score.sources, f"{where}: no source"
            for source in score.sources:
                assert source.title.strip(), where
                assert source.url or source.date, f"{where}: a source needs a url or a date"


def test_every_vendor_says_the_scores_are_illustrative(shipped):
    for vendor in shipped.vendors:
        assert "illustrative" in vendor.summary.lower(), vendor.id


def test_deepseek_user_data_is_the_one_unknown(shipped):
    unknown = [(v.id, cid) for v in shipped.vendors for cid, s in v.scores.items() if s.unknown]
    assert unknown == [("deepseek", "user_data")]


def test_default_wsm_leader_is_alibaba(shipped):
    result = rank(shipped)
    assert (result.method, result.normalization) == ("wsm", "scale")
    assert result.leader == "alibaba"
    assert result.rows()[0]["rank"] == 1
    assert result.rows()[-1]["unknowns"] == ["user_data"]


@pytest.mark.parametrize("method", ["wpm", "topsis"])
def test_every_method_ranks_all_five(shipped, method):
    rows = rank(shipped, Scenario(method=method)).rows()
    assert sorted(r["vendor"] for r in rows) == sorted(v.id for v in shipped.vendors)
    assert all(0 <= r["score"] <= 1 for r in rows)
