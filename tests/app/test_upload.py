"""Use your own data: upload a case in the sidebar, rank it, go back; hostile or broken uploads."""

from __future__ import annotations

from urllib.parse import parse_qsl

from scoring import Scenario, load_case, rank
from scoring.scenario.link import encode
from tests.conftest import ACME, BETA, CRITERIA, DEMO, ROOT

BROKEN = "id: bad\nname: Bad\nscores:\n  quality: {value: 99}\n  price: 10\n  licence: open\n"
DEMO_FILES = [
    ("case.yaml", CRITERIA.encode(), "application/yaml"),
    ("acme.yaml", ACME.encode(), "application/yaml"),
    ("beta.yaml", BETA.encode(), "application/yaml"),
]


def upload(at, files):
    at.file_uploader[0].set_value(files)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def banner(at) -> str:
    return " ".join(m.value for m in at.markdown if "Showing your uploaded case" in m.value)


def test_an_uploaded_case_is_ranked_with_its_own_sliders(shipped, run_app, ranking_of, expected):
    at = upload(run_app(), DEMO_FILES)
    demo = load_case(DEMO / "criteria", DEMO / "vendors")
    assert at.title[0].value == "Demo case"
    assert ranking_of(at) == expected(rank(demo, Scenario()))
    assert "Showing your uploaded case: **Demo case** (2 vendors)" in banner(at)
    assert "only for someone who uploads the same data" in banner(at)
    assert sorted(s.key for s in at.slider) == ["w.licence", "w.price", "w.quality"]
    # No state of the shipped case's sliders is left behind.
    for old in shipped.all_criteria:
        assert f"w.{old.id}" not in at.session_state and f"_max.{old.id}" not in at.session_state
    # The address bar is the uploaded case's complete link, fingerprint included.
    assert at.query_params == dict(parse_qsl(encode(Scenario(), demo)))
    assert at.query_params["fp"] == demo.fingerprint[:8]
    assert not at.warning and not at.error


def test_moving_a_slider_of_the_uploaded_case_reranks_it(run_app, shipped, ranking_of, expected):
    at = upload(run_app(), DEMO_FILES)
    at.slider(key="w.quality").set_value(0).run()
    demo = load_case(DEMO / "criteria", DEMO / "vendors")
    # Hand-checked: at quality 0 only price (acme 40, beta cheaper) and licence count.
    assert ranking_of(at) == expected(rank(demo, Scenario(weights={"quality": 0})))
    assert at.query_params["w.quality"] == "0"


def test_a_score_sheet_upload_ranks_like_the_shipped_vendors(
    shipped, run_app, ranking_of, expected
):
    files = [
        ("ai_partner.yaml", (ROOT / "criteria" / "ai_partner.yaml").read_bytes(), "text/yaml"),
        ("scores.csv", (ROOT / "examples" / "scores.csv").read_bytes(), "text/csv"),
    ]
    at = upload(run_app(), files)
    assert "(5 vendors)" in banner(at)
    assert ranking_of(at) == expected(rank(shipped, Scenario()))
    # The same data as the shipped YAML files: the same fingerprint, so links travel.
    assert at.query_params["fp"] == shipped.fingerprint[:8]


def test_a_broken_upload_lists_every_problem_and_keeps_the_shipped_case(
    shipped, run_app, ranking_of, expected
):
    files = [*DEMO_FILES, ("bad.yaml", BROKEN.encode(), "application/yaml"),
             ("../../etc/bad.yaml", BROKEN.encode(), "application/yaml")]  # fmt: skip
    at = upload(run_app(), files)
    assert at.title[0].value == shipped.info.name
    assert ranking_of(at) == expected(rank(shipped, Scenario()))
    assert not banner(at)
    [error] = at.error
    assert "Your upload could not be loaded: 1 problem." in error.value
    assert "bad.yaml: uploaded twice (also as bad.yaml); keep one" in error.value
    assert "/tmp" not in error.value and "Traceback" not in error.value
    # Fixing it (the uploader is empty again; the panel names the files tried) loads the case.
    at = upload(at, DEMO_FILES)
    assert at.title[0].value == "Demo case" and not at.error


def test_a_file_of_another_type_is_named_without_a_traceback(shipped, run_app):
    # The browser's picker offers only the case types; a hand-made request can send others.
    at = upload(run_app(), [*DEMO_FILES, ("../evil.py", b"import os", "text/x-python")])
    assert at.title[0].value == shipped.info.name
    [error] = at.error
    assert "evil.py: not a case file: the name must end in .yaml, .yml, .csv, .xlsx" in error.value
    at = upload(at, DEMO_FILES)
    assert at.title[0].value == "Demo case" and not at.error


def test_a_broken_upload_after_a_good_one_goes_back_to_the_shipped_case(shipped, run_app):
    at = upload(run_app(), DEMO_FILES)
    at = upload(at, [*DEMO_FILES, ("bad.yaml", BROKEN.encode(), "application/yaml")])
    assert at.title[0].value == shipped.info.name  # never the half-loaded or the old upload
    assert "bad.yaml:4:13" in at.error[0].value
    assert at.query_params["fp"] == shipped.fingerprint[:8]
    assert at.slider(key="w.user_data").value == 15.0


def test_back_restores_the_shipped_case_and_the_users_scenario(
    shipped, run_app, ranking_of, expected
):
    at = run_app({"m": "topsis", "w.user_data": "60"})
    at.slider(key="w.open_source").set_value(40).run()
    at = upload(at, DEMO_FILES)
    assert at.selectbox(key="m").value == "wsm"  # the uploaded case starts at its defaults
    at.button(key="upload_back").click().run()
    assert not at.exception
    scenario = Scenario(method="topsis", weights={"user_data": 60, "open_source": 40})
    assert at.title[0].value == shipped.info.name
    assert ranking_of(at) == expected(rank(shipped, scenario))
    assert at.slider(key="w.open_source").value == 40.0
    assert at.query_params == dict(parse_qsl(encode(scenario, shipped)))
    assert (
        not banner(at) and not at.warning.values or all("Link:" not in w for w in at.warning.values)
    )
    assert at.file_uploader[0].value == []  # a fresh, empty uploader


def test_removing_every_file_goes_back_to_the_shipped_case(shipped, run_app):
    at = upload(run_app(), DEMO_FILES)
    at = upload(at, None)
    assert at.title[0].value == shipped.info.name
    assert not at.error and not banner(at)


def test_switching_with_view_choices_of_the_old_case_does_not_crash(shipped, run_app):
    # The link picks shipped vendors and groups for the views; the upload has none of them.
    at = run_app({"tab": "Head-to-head", "a": "Baidu (ERNIE)", "b": "Tencent (Hunyuan)"})
    at = upload(at, DEMO_FILES)
    assert at.title[0].value == "Demo case"
    assert "a" not in at.query_params and "b" not in at.query_params
    for tab in ("Charts", "Vendor detail", "Robustness", "Report"):
        at.query_params["tab"] = tab
        at.run()
        assert not at.exception, (tab, [e.value for e in at.exception])
    at.button(key="upload_back").click().run()
    assert not at.exception and at.title[0].value == shipped.info.name


def test_saved_scenarios_are_not_offered_for_an_uploaded_case(shipped, run_app):
    at = run_app()
    assert at.selectbox(key="sc")  # offered for the shipped case
    at = upload(at, DEMO_FILES)
    assert not [s for s in at.selectbox if s.key == "sc"]
    assert not at.warning  # and no warning that they do not fit the uploaded case


def test_the_uploaded_cases_link_warns_a_colleague_with_other_data(shipped, run_app):
    at = upload(run_app(), DEMO_FILES)
    colleague = run_app(dict(at.query_params))  # a new session: the shipped case
    warnings = " ".join(colleague.warning.values)
    assert "the link was made for other data" in warnings
    assert colleague.title[0].value == shipped.info.name


def test_templates_are_the_shipped_files(shipped, run_app):
    at = run_app()
    labels = [b.label for b in at.download_button]
    assert labels == [
        "Criteria (YAML)",
        "One vendor (YAML)",
        "Score sheet (CSV)",
        "Vendor matrix (CSV)",
    ]
    allowed = sorted(at.file_uploader[0].allowed_type)
    assert allowed == [".csv", ".xlsx", ".yaml", ".yml", "application/yaml"]
    assert at.file_uploader[0].accept_multiple_files


def test_markup_in_an_uploaded_case_name_is_shown_as_text(run_app, shipped):
    evil = CRITERIA.replace("name: Demo case", "name: '<img src=x onerror=alert(1)> **x**'")
    at = upload(run_app(), [("case.yaml", evil.encode(), "application/yaml"), *DEMO_FILES[1:]])
    assert "&lt;img src=x onerror=alert(1)&gt; \\*\\*x\\*\\*" in banner(at)
    assert "<img" not in banner(at)
    assert at.title[0].value == "&lt;img src=x onerror=alert(1)&gt; \\*\\*x\\*\\*"


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_a_new_upload_replaces_the_last_attempt_and_the_panel_names_the_files(shipped, run_app):
    broken = [*DEMO_FILES, ("bad.yaml", BROKEN.encode(), "application/yaml")]
    at = upload(run_app(), broken)
    assert at.title[0].value == shipped.info.name and at.error
    # The uploader is empty again, so the corrected set replaces the broken one instead of
    # joining it (before: "bad.yaml: uploaded twice").
    assert at.file_uploader[0].value == []
    assert "Your last upload (case.yaml, acme.yaml, beta.yaml, bad.yaml) could not be loaded" in (
        captions(at)
    )
    fixed = BROKEN.replace("{value: 99}", "{value: 9}")
    at = upload(at, [*DEMO_FILES, ("bad.yaml", fixed.encode(), "application/yaml")])
    assert at.title[0].value == "Demo case" and not at.error
    assert "In use: case.yaml, acme.yaml, beta.yaml, bad.yaml." in captions(at)
    assert "(3 vendors)" in banner(at)


def test_a_sheet_with_only_the_three_required_columns_loads(shipped, run_app):
    # The README's promise: vendor_id, criterion and value are enough (vendors named by id);
    # it used to fail with "vendor_id: is required but missing".
    case = load_case(DEMO / "criteria", DEMO / "vendors")
    lines = ["vendor_id,criterion,value"]
    for vendor in case.vendors:
        for cid, score in vendor.scores.items():
            lines.append(f"{vendor.id},{cid},{'' if score.value is None else score.value}")
    files = [DEMO_FILES[0], ("scores.csv", "\n".join(lines).encode(), "text/csv")]
    at = upload(run_app(), files)
    assert not at.error, at.error[0].value if at.error else ""
    assert "(2 vendors)" in banner(at)
