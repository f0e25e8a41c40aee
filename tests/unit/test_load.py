"""Loading: one test per file-level and criteria rule, asserting file, line, column and wording.

The case under test is `conftest.CRITERIA` (quality on line 3, its weight on line 5, scale on
line 6, must_have on line 7; price from line 8) with vendor `conftest.ACME`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import CaseError, load_case
from scoring.yamlpos import MAX_FILE_BYTES

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
CRITERIA = (DEMO / "criteria" / "case.yaml").read_text(encoding="utf-8")
ACME = (DEMO / "vendors" / "acme.yaml").read_text(encoding="utf-8")
BETA = (DEMO / "vendors" / "beta.yaml").read_text(encoding="utf-8")


def test_the_small_case_loads(write_case):
    write_case(vendors={"acme.yaml": ACME, "beta.yaml": BETA})
    case = load_case("criteria", "vendors")
    assert case.info.id == "demo"
    assert [c.id for c in case.leaves] == ["quality", "price", "licence"]
    assert [v.id for v in case.vendors] == ["acme", "beta"]
    assert case.files == ("criteria/case.yaml", "vendors/acme.yaml", "vendors/beta.yaml")


def test_paths_may_be_single_files(write_case):
    write_case()
    case = load_case("criteria/case.yaml", "vendors/acme.yaml")
    assert [v.id for v in case.vendors] == ["acme"]


def test_malformed_yaml_reports_the_parsers_line(problems_of):
    assert problems_of("case: {id: demo\ncriteria: [\n") == [
        "criteria/case.yaml:2:9: invalid YAML: expected ',' or '}', but got ':'"
    ]


def test_top_level_must_be_a_mapping(problems_of):
    assert problems_of("- quality\n- price\n") == [
        "criteria/case.yaml:1:1: the file must be a mapping of fields, but it is a list"
    ]


def test_an_empty_file_is_not_a_mapping(problems_of):
    assert problems_of(vendors={"acme.yaml": ""}) == [
        "vendors/acme.yaml: the file must be a mapping of fields, but it is empty"
    ]


def test_unknown_field_names_the_typo(problems_of):
    assert problems_of(CRITERIA.replace("    weight: 2\n", "    wieght: 2\n")) == [
        "criteria/case.yaml:5:5: criteria[0].wieght: is not a known field (check the spelling)"
    ]


def test_missing_required_field_is_located_at_its_parent(problems_of):
    assert problems_of(CRITERIA.replace("    name: Quality\n", "")) == [
        "criteria/case.yaml:3:5: criteria[0].name: is required but missing"
    ]


def test_bad_id_slug(problems_of):
    assert problems_of(CRITERIA.replace("id: quality", "id: Quality Score")) == [
        "criteria/case.yaml:3:5: criteria[0].id: 'Quality Score' is not a valid id: "
        "use lower-case letters, digits, '_' or '-'"
    ]


def test_duplicate_criterion_ids(problems_of):
    found = problems_of(CRITERIA.replace("id: price", "id: quality"))
    assert (
        "criteria/case.yaml:8:5: criteria[1].id: duplicate criterion id 'quality' "
        "(first at line 3)" in found
    )


def test_all_sibling_weights_zero(problems_of):
    text = CRITERIA.replace("weight: 2", "weight: 0").replace("weight: 1", "weight: 0")
    assert problems_of(text) == [
        "criteria/case.yaml:2:1: criteria: all weights of the top-level criteria are zero; "
        "give at least one a weight"
    ]


def test_all_zero_weights_inside_a_group(problems_of):
    text = CRITERIA.replace(
        "  - id: licence\n    name: Licence\n    weight: 1\n    levels: {closed: 0, open: 10}\n",
        "  - id: extras\n    name: Extras\n    children:\n"  # lines 13-15
        "      - id: licence\n        name: Licence\n        weight: 0\n"
        "        levels: {closed: 0, open: 10}\n",
    )
    assert problems_of(text) == [
        "criteria/case.yaml:15:5: criteria[2].children: all weights of the sub-criteria of "
        "'extras' are zero; give at least one a weight"
    ]


def test_negative_weight(problems_of):
    assert problems_of(CRITERIA.replace("weight: 2", "weight: -2")) == [
        "criteria/case.yaml:5:5: criteria[0].weight: -2 is not allowed: must be at least 0"
    ]


def test_weight_must_be_a_number(problems_of):
    assert problems_of(CRITERIA.replace("weight: 2", "weight: heavy")) == [
        "criteria/case.yaml:5:5: criteria[0].weight: expected a number, got 'heavy'"
    ]


def test_weight_must_be_finite(problems_of):
    assert problems_of(CRITERIA.replace("weight: 2", "weight: .inf")) == [
        "criteria/case.yaml:5:5: criteria[0].weight: expected a finite number, got "
        "infinity (.inf, or a number too large to use: above 1.8e308)"
    ]


def test_direction_is_benefit_or_cost(problems_of):
    assert problems_of(CRITERIA.replace("direction: cost", "direction: lower")) == [
        "criteria/case.yaml:11:5: criteria[1].direction: 'lower' is not one of 'benefit' or 'cost'"
    ]


def test_scale_min_must_be_below_max(problems_of):
    text = CRITERIA.replace("scale: {min: 0, max: 10}", "scale: {min: 10, max: 10}")
    assert problems_of(text) == [
        "criteria/case.yaml:6:5: criteria[0].scale: min (10) must be below max (10)"
    ]


def test_leaf_with_both_scale_and_levels(problems_of):
    text = CRITERIA.replace(
        "    scale: {min: 0, max: 10}\n", "    scale: {min: 0, max: 10}\n    levels: {a: 1, b: 2}\n"
    )
    assert problems_of(text) == [
        "criteria/case.yaml:3:5: criteria[0]: criterion 'quality' has both scale and levels; "
        "keep one of them"
    ]


def test_leaf_with_neither_scale_nor_levels(problems_of):
    assert problems_of(CRITERIA.replace("    scale: {min: 0, max: 10}\n", "")) == [
        "criteria/case.yaml:3:5: criteria[0]: criterion 'quality' needs a scale ({min, max}) or "
        "levels (or children, to make it a group)"
    ]


def test_must_have_threshold_outside_the_scale(problems_of):
    assert problems_of(CRITERIA.replace("must_have: {min: 4}", "must_have: {min: 11}")) == [
        "criteria/case.yaml:7:17: criteria[0].must_have.min: 11 is above the scale maximum 10"
    ]


def test_must_have_level_must_be_a_known_label(problems_of):
    text = CRITERIA.replace(
        "    levels: {closed: 0, open: 10}\n",
        "    levels: {closed: 0, open: 10}\n    must_have: {min: opn}\n",
    )
    assert problems_of(text) == [
        "criteria/case.yaml:17:17: criteria[2].must_have.min: 'opn' is not a level of 'licence'; "
        "use one of: closed, open"
    ]


def test_empty_case_without_vendor_files(problems_of):
    assert problems_of(vendors={}) == [
        "vendors: no vendor files (.yaml or .yml) here, so the case is empty; subfolders are not "
        "read"
    ]


def test_several_criteria_files(write_case):
    root = write_case()
    (root / "criteria" / "other.yaml").write_text(CRITERIA)
    with pytest.raises(CaseError) as info:
        load_case("criteria", "vendors")
    assert [str(p) for p in info.value.problems] == [
        "criteria: expected one criteria file, found 2 (criteria/case.yaml, criteria/other.yaml); "
        "pass the one you mean with --criteria"
    ]


def test_no_criteria_file_in_the_folder(problems_of):
    assert problems_of(None) == [
        "criteria: no criteria file (.yaml or .yml) here, so the case is empty; subfolders are "
        "not read"
    ]


def test_missing_paths_are_named(write_case):
    write_case()
    with pytest.raises(CaseError) as info:
        load_case("nowhere", "nobody")
    assert [str(p) for p in info.value.problems] == [
        "nobody: no such vendors file or folder",
        "nowhere: no such criteria file or folder",
    ]


def test_non_utf8_file(problems_of):
    found = problems_of(vendors={"acme.yaml": ACME.encode() + b"# caf\xe9\n"})
    assert found == ["vendors/acme.yaml: not UTF-8 text (invalid continuation byte)"]


def test_oversize_file_is_refused_before_parsing(problems_of):
    big = ACME + "#" + "x" * MAX_FILE_BYTES + "\n"
    assert problems_of(vendors={"acme.yaml": big}) == [
        f"vendors/acme.yaml: file is larger than {MAX_FILE_BYTES} bytes"
    ]


def test_duplicate_yaml_key(problems_of):
    text = ACME.replace("  price: 40\n", "  price: 40\n  price: 50\n")
    assert problems_of(vendors={"acme.yaml": text}) == [
        "vendors/acme.yaml:7:3: scores.price: key 'price' appears twice (first at line 6); keep one"
    ]


def test_an_invalid_date_is_located(problems_of):
    text = BETA.replace("date: 2025-01-02", "date: 2025-13-45")
    found = problems_of(vendors={"acme.yaml": ACME, "beta.yaml": text})
    assert found == [
        "vendors/beta.yaml:9:76: scores.price.sources[0].date: 2025-13-45 is not a valid date "
        "(month must be in 1..12)"
    ]


def test_yaml_aliases_cannot_blow_up_the_loader(problems_of):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 7):  # 10^7 values if expanded
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    found = problems_of(vendors={"acme.yaml": "\n".join(lines) + "\n"})
    assert len(found) == 1
    assert found[0].startswith("vendors/acme.yaml: the file expands to more than 200000 values")


def test_deep_nesting_is_a_problem_not_a_crash(problems_of):
    found = problems_of(vendors={"acme.yaml": "a: " + "[" * 5000 + "]" * 5000 + "\n"})
    assert found == ["vendors/acme.yaml: invalid YAML: nested too deeply"]


def test_python_tags_are_refused(problems_of):
    found = problems_of(vendors={"acme.yaml": "id: !!python/object/apply:os.system [ls]\n"})
    assert len(found) == 1
    assert found[0].startswith("vendors/acme.yaml:1:5: invalid YAML: could not determine a ")


def test_every_problem_in_every_file_is_reported_at_once(problems_of):
    bad_criteria = CRITERIA.replace("weight: 2", "weight: -2")
    bad_vendor = ACME.replace("id: acme", "id: Acme!")
    found = problems_of(bad_criteria, {"acme.yaml": bad_vendor, "beta.yaml": BETA})
    assert found == [
        "criteria/case.yaml:5:5: criteria[0].weight: -2 is not allowed: must be at least 0",
        "vendors/acme.yaml:1:1: id: 'Acme!' is not a valid id: use lower-case letters, digits, "
        "'_' or '-'",
    ]


def test_case_error_reads_as_a_list(problems_of, write_case):
    write_case(vendors={"acme.yaml": ACME.replace("quality: 8", "quality: 12")})
    with pytest.raises(CaseError) as info:
        load_case("criteria", "vendors")
    assert str(info.value) == (
        "1 problem in the case data:\n"
        "  vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "case: {id: demo, name: Demo case}",
            "case: 3",
            "criteria/case.yaml:1:1: case: expected a mapping of fields, got 3",
        ),
        (
            "open: 10}",
            "open: lots}",
            "criteria/case.yaml:16:25: criteria[2].levels.open: expected a number, got 'lots'",
        ),
        (
            "    name: Quality\n",
            "    name: ''\n",
            "criteria/case.yaml:4:5: criteria[0].name: must not be empty",
        ),
    ],
)
def test_type_errors_read_plainly(problems_of, old, new, expected):
    assert old in CRITERIA
    assert problems_of(CRITERIA.replace(old, new)) == [expected]


def test_a_case_without_criteria(problems_of):
    assert problems_of("case: {id: demo, name: Demo}\ncriteria: []\n") == [
        "criteria/case.yaml:2:1: criteria: the case has no criteria; add at least one"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "weight: 2",
            'weight: "2"',
            "criteria/case.yaml:5:5: criteria[0].weight: expected a number, got '2'",
        ),
        (
            "scale: {min: 0, max: 10}",
            "scale: {min: '0', max: 10}",
            "criteria/case.yaml:6:13: criteria[0].scale.min: expected a number, got '0'",
        ),
        (
            "open: 10}",
            "open: '10'}",
            "criteria/case.yaml:16:25: criteria[2].levels.open: expected a number, got '10'",
        ),
    ],
)
def test_a_quoted_number_in_the_criteria_is_not_silently_read_as_one(
    problems_of, old, new, expected
):
    # `value: "8"` in a vendor file is an error; a quoted weight or bound must be one too.
    assert old in CRITERIA
    assert problems_of(CRITERIA.replace(old, new)) == [expected]


def test_a_tab_in_the_indentation_says_to_use_spaces(problems_of):
    text = ACME.replace("  quality: 8", "\tquality: 8")
    assert problems_of(vendors={"acme.yaml": text}) == [
        "vendors/acme.yaml:5:1: invalid YAML: found character '\\t' that cannot start any token; "
        "indent with spaces, not tabs"
    ]


def test_a_byte_order_mark_and_windows_line_endings_keep_the_line_numbers(problems_of):
    text = "\ufeff" + ACME.replace("quality: 8", "quality: 12").replace("\n", "\r\n")
    assert problems_of(vendors={"acme.yaml": text}) == [
        "vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10"
    ]


def test_a_list_used_as_a_key_is_a_problem_not_a_crash(problems_of):
    text = ACME.replace("scores:\n", "scores:\n  ? [a, b]\n  : 1\n")
    assert problems_of(vendors={"acme.yaml": text}) == [
        "vendors/acme.yaml:5:5: invalid YAML: found unhashable key"
    ]


def test_yaml_files_are_found_whatever_the_case_of_their_suffix(write_case):
    root = write_case()
    (root / "vendors" / "beta.YML").write_text(BETA, encoding="utf-8")
    (root / "vendors" / "notes.md").write_text("# not a vendor\n", encoding="utf-8")
    (root / "vendors" / "old").mkdir()
    (root / "vendors" / "old" / "gamma.yaml").write_text("not: read\n", encoding="utf-8")
    case = load_case("criteria", "vendors")
    assert [v.id for v in case.vendors] == ["acme", "beta"]


def test_a_symlinked_file_is_named_as_the_user_wrote_it(write_case, tmp_path):
    write_case(vendors={})
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "real.yaml").write_text(ACME.replace("quality: 8", "quality: 12"))
    (tmp_path / "vendors" / "acme.yaml").symlink_to(tmp_path / "elsewhere" / "real.yaml")
    with pytest.raises(CaseError) as info:
        load_case("criteria", "vendors")
    assert [str(p) for p in info.value.problems] == [
        "vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10"
    ]


def test_a_broken_symlink_is_named(write_case):
    root = write_case()
    (root / "vendors" / "beta.yaml").symlink_to(root / "nowhere.yaml")
    with pytest.raises(CaseError) as info:
        load_case("criteria", "vendors")
    assert [str(p) for p in info.value.problems] == [
        "vendors/beta.yaml: a broken symbolic link (its target does not exist)"
    ]


def test_an_unreadable_file_is_a_problem(write_case, monkeypatch):
    write_case()
    real = Path.read_text

    def refuse(self, *args, **kwargs):
        if self.name == "acme.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    with pytest.raises(CaseError) as info:
        load_case("criteria", "vendors")
    assert [str(p) for p in info.value.problems] == [
        "vendors/acme.yaml: cannot read: Permission denied"
    ]


def test_a_vendor_file_given_as_the_criteria_says_so(write_case):
    write_case()
    with pytest.raises(CaseError) as info:
        load_case("vendors/acme.yaml", "vendors")
    assert [str(p) for p in info.value.problems] == [
        "vendors/acme.yaml:1:1: this is a vendor file (it has scores), not a criteria file; "
        "check --criteria"
    ]


def test_a_criteria_file_among_the_vendors_says_so(write_case):
    write_case(vendors={"acme.yaml": ACME, "case.yaml": CRITERIA})
    with pytest.raises(CaseError) as info:
        load_case("criteria", "vendors")
    assert [str(p) for p in info.value.problems] == [
        "vendors/case.yaml:1:1: this is a criteria file (it has case and criteria), not a vendor "
        "file; check --vendors"
    ]


def test_a_must_have_no_vendor_could_pass(problems_of):
    text = CRITERIA.replace("must_have: {min: 4}", "must_have: {min: 8, max: 2}")
    assert problems_of(text) == [
        "criteria/case.yaml:7:5: criteria[0].must_have: min 8 is above max 2, so no vendor could "
        "pass; swap them or drop one"
    ]


def test_a_broken_criterion_does_not_hide_the_vendors_problems(problems_of):
    # price's direction is invalid, so its scores cannot be judged; the others still are.
    criteria = CRITERIA.replace("direction: cost", "direction: costs")
    acme = ACME.replace("quality: 8", "quality: 12").replace("price: 40", "price: 400")
    assert problems_of(criteria, vendors={"acme.yaml": acme}) == [
        "criteria/case.yaml:11:5: criteria[1].direction: 'costs' is not one of 'benefit' or 'cost'",
        "vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10",
    ]


def test_a_broken_case_block_still_checks_every_vendor_score(problems_of):
    criteria = CRITERIA.replace("case: {id: demo, name: Demo case}", "case: {id: demo}")
    acme = ACME.replace("licence: open", "licence: opne")
    assert problems_of(criteria, vendors={"acme.yaml": acme}) == [
        "criteria/case.yaml:1:1: case.name: is required but missing",
        "vendors/acme.yaml:7:3: scores.licence: 'opne' is not a level of 'licence'; use one of: "
        "closed, open",
    ]


GROUP = (
    "  - id: extras\n    name: Extras\n    weight: 1\n{own}    children:\n"
    "      - {{id: support, name: Support, scale: {{min: 0, max: 10}}}}\n"
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "levels: {closed: 0, open: 10}",
            "levels: {closed: 0}",
            "criteria/case.yaml:13:5: criteria[2]: levels need at least two labels",
        ),
        (
            "levels: {closed: 0, open: 10}",
            "levels: {closed: 5, open: 5}",
            "criteria/case.yaml:13:5: criteria[2]: levels need at least two different numbers",
        ),
        (
            "must_have: {min: 4}",
            "must_have: {}",
            "criteria/case.yaml:7:5: criteria[0].must_have: give min, max or both",
        ),
        (
            "",
            GROUP.format(own="    must_have: {min: 1}\n"),
            "criteria/case.yaml:17:5: criteria[3]: put must_have on a leaf criterion, not on a "
            "group",
        ),
        (
            "",
            GROUP.format(own="    scale: {min: 0, max: 10}\n"),
            "criteria/case.yaml:17:5: criteria[3]: a group (with children) has no scale or levels "
            "of its own",
        ),
    ],
)
def test_criterion_shape_rules(problems_of, old, new, expected):
    text = CRITERIA.replace(old, new) if old else CRITERIA + new
    assert problems_of(text, vendors={"acme.yaml": ACME + "  support: 5\n"}) == [expected]


def test_an_explicit_tag_yaml_cannot_construct_is_a_problem_not_a_crash(problems_of):
    # PyYAML itself fails with an AttributeError on `!!timestamp` text that is not a date.
    text = BETA.replace("date: 2025-01-02", "date: !!timestamp soon")
    assert problems_of(vendors={"acme.yaml": ACME, "beta.yaml": text}) == [
        "vendors/beta.yaml:9:76: scores.price.sources[0].date: soon is not a valid date"
    ]
