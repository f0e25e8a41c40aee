"""Score overrides in a share link (`o=`): a round trip reproduces the edited case exactly, every
hostile value ends in a warning naming the parameter, and `shortlist rank --link` applies them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Scenario, load_case, rank
from scoring.cli import main
from scoring.cli.rank import as_csv
from scoring.load import fingerprint
from scoring.scenario import overrides
from scoring.scenario.link import decode, encode, parse_query

ROOT = Path(__file__).resolve().parents[2]
CASE = load_case(ROOT / "criteria", ROOT / "vendors")
NUMERIC = [c.id for c in CASE.leaves if not c.levels]
LEVELS = {c.id: list(c.levels) for c in CASE.leaves if c.levels}


def edited_by_hand(changes: dict) -> object:
    """The shipped case with {(vendor, criterion): (value, range)} set on its models."""
    vendors = []
    for v in CASE.vendors:
        scores = dict(v.scores)
        for (vid, cid), (value, span) in changes.items():
            if vid == v.id:
                scores[cid] = scores[cid].model_copy(update={"value": value, "range": span})
        vendors.append(v.model_copy(update={"scores": scores}))
    vendors = tuple(vendors)
    return dataclasses.replace(
        CASE, vendors=vendors, fingerprint=fingerprint(CASE.info, CASE.criteria, vendors)
    )


@st.composite
def numeric_change(draw):
    value = draw(st.floats(min_value=0, max_value=10))
    if draw(st.booleans()):
        return value, None
    low = draw(st.floats(min_value=0, max_value=value))
    high = draw(st.floats(min_value=value, max_value=10))
    return value, (low, high)


cells = st.tuples(st.sampled_from([v.id for v in CASE.vendors]), st.sampled_from(NUMERIC))
level_cells = st.tuples(
    st.sampled_from([v.id for v in CASE.vendors]), st.sampled_from(list(LEVELS))
)
changes = st.dictionaries(cells, numeric_change(), max_size=12) | st.dictionaries(
    level_cells, st.sampled_from(sum(LEVELS.values(), [])).map(lambda x: (x, None)), max_size=5
)


@settings(max_examples=40, deadline=None)
@given(changes)
def test_a_link_with_score_overrides_reproduces_the_edited_case_exactly(changes):
    edited = edited_by_hand(changes)
    edited = dataclasses.replace(edited, origin=overrides.origin(CASE, edited))
    query = encode(Scenario(method="topsis"), edited)
    decoded = decode(query, CASE)
    assert decoded.warnings == []
    # The link names the base data, so it is opened on the shipped case.
    assert dict(parse_query(query))["fp"] == CASE.fingerprint[:8]
    if edited.vendors == CASE.vendors:
        assert decoded.case is None and "o=" not in query
        return
    assert decoded.case.vendors == edited.vendors
    assert decoded.case.fingerprint == edited.fingerprint
    assert rank(decoded.case, decoded.scenario).rows() == rank(edited, decoded.scenario).rows()
    assert encode(decoded.scenario, decoded.case) == query  # and it encodes to the same link


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_override_text_gives_a_case_or_warnings_never_an_error(text):
    decoded = decode({"o": text}, CASE)
    assert all(w.startswith(("o: ", "o ")) for w in decoded.warnings), decoded.warnings
    if decoded.case is not None:
        assert [v.id for v in decoded.case.vendors] == [v.id for v in CASE.vendors]


def test_each_bad_change_is_named_with_the_files_rule_and_the_good_ones_kept():
    text = (
        "baidu.model_quality:10,alibaba.model_quality:12,zz.model_quality:1,"
        "baidu.nope:3,garbage,tencent.user_data:5:7:6"
    )
    decoded = decode({"o": text}, CASE)
    assert decoded.warnings == [
        "o: 'garbage' is not vendor.criterion:value or vendor.criterion:value:low:high; ignored it",
        "o: 'zz.model_quality:1' names an unknown vendor; ignored it",
        "o: 'baidu.nope:3' names an unknown leaf criterion; ignored it",
        "o: 'alibaba.model_quality:12': Model quality: 12 is above the scale maximum 10; "
        "ignored it",
        "o: 'tencent.user_data:5:7:6': Consumer behavioural data (low end of its range): "
        "low 7 is above high 6; swap them; ignored it",
    ]
    assert decoded.case.vendor_by_id["baidu"].scores["model_quality"].value == 10
    assert decoded.case.vendor_by_id["alibaba"] == CASE.vendor_by_id["alibaba"]


def test_too_many_changes_are_cut_at_the_limit_with_a_warning():
    text = ",".join(["baidu.model_quality:5", *["z.q:1"] * overrides.MAX_CHANGES])
    decoded = decode({"o": text}, CASE)
    assert len(text) < 8_000
    assert decoded.warnings[0] == (
        f"o: more than {overrides.MAX_CHANGES} score changes; the rest were ignored"
    )
    assert decoded.case.vendor_by_id["baidu"].scores["model_quality"].value == 5


def test_an_edit_that_adds_a_vendor_is_more_than_a_link_carries():
    extra = CASE.vendors[0].model_copy(update={"id": "newco", "name": "NewCo"})
    edited = dataclasses.replace(CASE, vendors=(*CASE.vendors, extra), fingerprint="f" * 64)
    edited = dataclasses.replace(edited, origin=overrides.origin(CASE, edited))
    assert edited.origin.overrides is None
    query = dict(parse_query(encode(Scenario(), edited)))
    assert "o" not in query and query["fp"] == "f" * 8  # the edited data's own fingerprint


def test_rank_link_applies_the_overrides(monkeypatch, capsys):
    # Baidu's Model quality to the top of its 0-10 scale: with WSM on the declared scale its
    # score rises by the criterion's share of the total times (10 - old) / 10.
    monkeypatch.chdir(ROOT)
    before = rank(CASE, Scenario())
    old = CASE.vendor_by_id["baidu"].scores["model_quality"].value
    code = main(["rank", "--link", "o=baidu.model_quality:10", "--format", "json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    got = {r["vendor"]: r["score"] for r in json.loads(out)["ranking"]}
    share = before.weights_by_leaf()["model_quality"]
    expected = {r["vendor"]: r["score"] for r in before.rows()}
    expected["baidu"] += share * (10 - old) / 10
    assert got.keys() == expected.keys()
    assert all(abs(got[v] - expected[v]) < 1e-12 for v in got)
    assert "o=baidu.model_quality:10" in json.loads(out)["link"]


def test_rank_link_names_a_bad_override_on_stderr_and_ranks_the_rest(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = main(["rank", "--link", "o=baidu.model_quality:11", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == (
        "warning: o: 'baidu.model_quality:11': Model quality: 11 is above the scale maximum "
        "10; ignored it\n"
    )
    assert out == as_csv(rank(CASE, Scenario()))  # the shipped ranking, as without the link


def test_link_brief_and_report_carry_the_overrides_too(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(ROOT)
    link = "o=tencent.user_data:10,tencent.model_quality:10"
    edited = decode(link, CASE).case
    assert main(["link", "--link", link, "--query-only"]) == 0
    query = dict(parse_query(capsys.readouterr().out))
    assert query["o"] == "tencent.model_quality:10,tencent.user_data:10"  # the case's order
    assert query["fp"] == CASE.fingerprint[:8]
    assert main(["brief", "--link", link, "--format", "json", "--samples", "200"]) == 0
    brief = json.loads(capsys.readouterr().out)
    top = rank(edited, Scenario()).rows()
    assert brief["leader"] == top[0]["vendor"]
    assert top[1]["gap"] != rank(CASE, Scenario()).rows()[1]["gap"]  # the edit moved the margin
    assert brief["margin"] == top[1]["gap"]
    out = tmp_path / "ranking.csv"
    assert main(["report", "--link", link, "-o", str(out)]) == 0
    assert f"{top[0]['score']!r}" in out.read_text(encoding="utf-8")
