"""ReportData: the one object every writer reads (numbers hand-checked on the shipped case)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import scoring
from scoring import Scenario, rank
from scoring.report import build_report_data, render
from scoring.sensitivity import SensitivityResult
from tests.unit.report_fixtures import WHEN, hostile_case, shipped_case


@pytest.fixture(scope="module")
def case():
    return shipped_case()


@pytest.fixture(scope="module")
def data(case):
    return build_report_data(case, Scenario(), samples=500, seed=3, generated_at=WHEN)


def test_header_facts(case, data):
    assert data.title == "Generative-AI partner for the China market"
    assert data.generated_at == WHEN
    assert data.fingerprint == case.fingerprint
    assert data.version == scoring.__version__
    assert (data.method, data.normalization) == ("wsm", "scale")
    assert data.share_url == scoring.share_url("http://localhost:8501/", Scenario(), case)


def test_ranking_matches_rank(case, data):
    rows = rank(case, Scenario()).rows()
    assert [r.vendor for r in data.ranking] == ["alibaba", "baidu", "tencent", "bytedance",
                                               "deepseek"]  # fmt: skip
    assert [r.vendor for r in data.ranking] == [r["vendor"] for r in rows]
    assert data.ranking[0].score == pytest.approx(0.831)
    assert data.ranking[1].gap == pytest.approx(0.831 - 0.698)
    assert data.ranking[-1].unknowns == ("user_data",)


def test_weights_tree_has_depth_and_shares(data):
    w = {row.criterion: row for row in data.weights}
    # model_quality: 60 of (60 + 40) inside model_capability, itself 25 of 100 at the top.
    assert w["model_quality"].depth == 1 and w["model_quality"].parent == "model_capability"
    assert w["model_quality"].raw == 60
    assert w["model_quality"].local == pytest.approx(0.6)
    assert w["model_quality"].global_ == pytest.approx(0.15)
    assert w["model_capability"].global_ == pytest.approx(0.25)
    assert sum(r.global_ for r in data.weights if r.is_leaf) == pytest.approx(1.0)


def test_contributions_add_up_to_the_wsm_score(data):
    for row, score in zip(data.ranking, data.scores, strict=True):
        assert row.vendor == score.vendor
        assert sum(score.contributions) == pytest.approx(row.score)


def test_head_to_head_of_the_top_two(data):
    h = data.head_to_head
    assert (h.a, h.b) == ("alibaba", "baidu")
    assert h.total == pytest.approx(data.ranking[1].gap)
    # Largest effect first: open_source 0.15 x (1.0 - 0.7) = +0.045.
    assert h.rows[0].criterion == "open_source"
    assert h.rows[0].weighted_diff == pytest.approx(0.045)


def test_evidence_rows_keep_values_as_written(data):
    ev = {(e.vendor, e.criterion): e for e in data.evidence}
    assert len(data.evidence) == 5 * 8
    assert ev["deepseek", "user_data"].value == "unknown"
    assert ev["deepseek", "open_source"].value == "permissive_open_weights"
    assert ev["alibaba", "regulatory_readiness"].value == 8
    assert ev["alibaba", "regulatory_readiness"].range == (7, 9)
    assert all(
        s.url is None or s.url.startswith("https://") for e in data.evidence for s in e.sources
    )


def test_sensitivity_comes_from_the_engine(data):
    sens = data.sensitivity
    assert data.sensitivity_note == ""
    assert isinstance(sens, SensitivityResult)  # typed end to end, no dict round trip
    assert sens.smaa.samples == 500 and sens.smaa.seed == 3
    assert set(sens.smaa.vendor_ids) == {r.vendor for r in data.ranking}
    assert sens.smaa.acceptability.sum(axis=1) == pytest.approx([1.0] * len(data.ranking))
    stab = {x.criterion: x for x in sens.stability}
    assert stab["regulatory_readiness"].weight == pytest.approx(0.25)
    assert data.brief.leader == data.ranking[0].vendor and data.brief.confidence is not None


def test_sensitivity_defaults_to_the_scenario_samples_and_seed(case):
    data = build_report_data(case, Scenario(samples=300, seed=9), generated_at=WHEN)
    assert (data.sensitivity.smaa.samples, data.sensitivity.smaa.seed) == (300, 9)


def test_sensitivity_can_be_left_out(case):
    data = build_report_data(case, Scenario(), sensitivity=False, generated_at=WHEN)
    assert data.sensitivity is None
    assert "not computed" in data.sensitivity_note
    assert "not computed" in render(data, "md").decode()


def test_generated_at_defaults_to_now_in_utc(case):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data = build_report_data(case, Scenario(), sensitivity=False)
    assert before <= data.generated_at <= dt.datetime.now(dt.UTC)


def test_excluded_vendors_carry_their_reasons(tmp_path):
    data = build_report_data(hostile_case(tmp_path), Scenario(), sensitivity=False,
                             generated_at=WHEN)  # fmt: skip
    assert [e.vendor for e in data.excluded] == ["out"]
    assert "below the must-have minimum 2" in data.excluded[0].reasons[0]
    # The set-aside vendor's evidence is still reported, after the ranked ones.
    assert data.evidence[-1].vendor == "out"


def test_data_is_frozen(data):
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.title = "x"  # type: ignore[misc]


def test_reports_are_deterministic_apart_from_the_timestamp(case):
    def build(when):
        return build_report_data(case, Scenario(method="topsis"), samples=400, generated_at=when)

    a, b = build(WHEN), build(WHEN)
    for fmt in ("csv", "md", "xlsx", "html"):
        assert render(a, fmt) == render(b, fmt), fmt
    later = build(WHEN + dt.timedelta(days=1))
    assert render(later, "csv") == render(a, "csv")  # the CSV carries no timestamp
    assert render(later, "md") != render(a, "md")
    assert (
        render(later, "md").decode().replace("2026-03-02", "2026-03-01") == render(a, "md").decode()
    )


def test_a_scenario_where_every_vendor_is_set_aside_still_reports(tmp_path):
    case = hostile_case(tmp_path)
    data = build_report_data(case, Scenario(vendors=["out"]), generated_at=WHEN)
    assert data.ranking == () and data.head_to_head is None
    assert data.sensitivity is None and "no vendor passes the must-haves" in data.sensitivity_note
    md = render(data, "md").decode()
    assert "No vendor passes the must-haves, so nothing is ranked." in md
    for fmt in ("csv", "xlsx", "html", "pdf"):
        assert render(data, fmt), fmt
