"""Loading: one test per vendor-file rule, asserting file, line, column and wording.

Vendor `acme` (tests/fixtures/demo/vendors/acme.yaml) scores quality on line 5, price on line 6
and licence on line 7.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import CaseError, load_case

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
ACME = (DEMO / "vendors" / "acme.yaml").read_text(encoding="utf-8")
BETA = (DEMO / "vendors" / "beta.yaml").read_text(encoding="utf-8")
CRITERIA = (DEMO / "criteria" / "case.yaml").read_text(encoding="utf-8")


def acme(old: str, new: str) -> dict[str, str]:
    assert old in ACME
    return {"acme.yaml": ACME.replace(old, new)}


def test_duplicate_vendor_ids(problems_of):
    assert problems_of(vendors={"a.yaml": ACME, "b.yaml": ACME}) == [
        "vendors/b.yaml:1:1: id: duplicate vendor id 'acme' (also in vendors/a.yaml)"
    ]


def test_bad_vendor_id(problems_of):
    assert problems_of(vendors=acme("id: acme", "id: ACME Corp")) == [
        "vendors/acme.yaml:1:1: id: 'ACME Corp' is not a valid id: use lower-case letters, "
        "digits, '_' or '-'"
    ]


def test_missing_vendor_field(problems_of):
    assert problems_of(vendors=acme("name: Acme\n", "")) == [
        "vendors/acme.yaml:1:1: name: is required but missing"
    ]


def test_unknown_vendor_field(problems_of):
    assert problems_of(vendors=acme("summary:", "sumary:")) == [
        "vendors/acme.yaml:3:1: sumary: is not a known field (check the spelling)"
    ]


def test_scoring_an_unknown_criterion_suggests_the_closest(problems_of):
    assert problems_of(vendors={"acme.yaml": ACME + "  qualty: 3\n"}) == [
        "vendors/acme.yaml:8:3: scores.qualty: unknown criterion 'qualty'; did you mean 'quality'?"
    ]


def test_scoring_an_unknown_criterion_without_a_close_match(problems_of):
    assert problems_of(vendors={"acme.yaml": ACME + "  zzz: 3\n"}) == [
        "vendors/acme.yaml:8:3: scores.zzz: unknown criterion 'zzz'"
    ]


def test_scoring_a_group(problems_of):
    grouped = CRITERIA.replace(
        "  - id: licence\n    name: Licence\n    weight: 1\n",
        "  - id: extras\n    name: Extras\n    children:\n      - id: licence\n"
        "        name: Licence\n",
    ).replace("    levels: {closed: 0, open: 10}", "        levels: {closed: 0, open: 10}")
    assert problems_of(grouped, {"acme.yaml": ACME + "  extras: 3\n"}) == [
        "vendors/acme.yaml:8:3: scores.extras: 'extras' is a group; score its sub-criteria "
        "(licence)"
    ]


def test_missing_score_for_a_leaf(problems_of):
    assert problems_of(vendors=acme("  price: 40\n", "")) == [
        "vendors/acme.yaml:4:1: scores: vendor 'acme' has no score for criterion 'price'; give a "
        "value, or `value: null` with a rationale if it is unknown"
    ]


def test_value_above_the_scale_maximum(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: 12")) == [
        "vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10"
    ]


def test_value_above_maximum_in_the_mapping_form_names_value(problems_of):
    # the issue's own example shape: file:line:col: scores.<id>.value: ...
    text = acme("quality: 8", "quality:\n    value: 12\n    rationale: too good")
    assert problems_of(vendors=text) == [
        "vendors/acme.yaml:6:5: scores.quality.value: 12 is above the scale maximum 10"
    ]


def test_value_below_the_scale_minimum(problems_of):
    assert problems_of(vendors=acme("price: 40", "price: -5")) == [
        "vendors/acme.yaml:6:3: scores.price: -5 is below the scale minimum 0"
    ]


def test_unknown_level_label(problems_of):
    assert problems_of(vendors=acme("licence: open", "licence: opne")) == [
        "vendors/acme.yaml:7:3: scores.licence: 'opne' is not a level of 'licence'; use one of: "
        "closed, open"
    ]


def test_a_levels_number_instead_of_its_label_names_the_label(problems_of):
    assert problems_of(vendors=acme("licence: open", "licence: 10")) == [
        "vendors/acme.yaml:7:3: scores.licence: 10 is not a level of 'licence'; use one of: "
        "closed, open (write the label 'open' rather than its number)"
    ]


def test_a_number_on_a_levels_criterion(problems_of):
    assert problems_of(vendors=acme("licence: open", "licence: 3")) == [
        "vendors/acme.yaml:7:3: scores.licence: 3 is not a level of 'licence'; use one of: "
        "closed, open"
    ]


def test_unquoted_yes_no_is_not_silently_a_number(problems_of):
    assert problems_of(vendors=acme("licence: open", "licence: no")) == [
        "vendors/acme.yaml:7:3: scores.licence: YAML reads an unquoted yes/no/true/false as a "
        "boolean, not a score; write a number, or quote the level label (e.g. 'no')"
    ]


def test_non_number_on_a_numeric_scale(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: high")) == [
        "vendors/acme.yaml:5:3: scores.quality: 'high' is not a number; 'quality' is scored on a "
        "numeric scale"
    ]


def test_a_list_where_a_value_belongs_reads_plainly(problems_of):
    # pydantic alone says "input should be a valid number; or input should be a valid string"
    assert problems_of(vendors=acme("quality: 8", "quality: [7, 8]")) == [
        "vendors/acme.yaml:5:3: scores.quality: expected a number, a level label or null, got a list"
    ]


def test_a_mapping_where_a_value_belongs_reads_plainly(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: {value: {low: 7}}")) == [
        "vendors/acme.yaml:5:13: scores.quality.value: expected a number, a level label or null, "
        "got a mapping"
    ]


def test_range_not_containing_the_value(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: {value: 8, range: [2, 5]}")) == [
        "vendors/acme.yaml:5:23: scores.quality.range: [2, 5] does not contain the value 8"
    ]


def test_range_low_above_high(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: {value: 8, range: [9, 7]}")) == [
        "vendors/acme.yaml:5:23: scores.quality.range: low 9 is above high 7; write [low, high]"
    ]


def test_range_outside_the_scale(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: {value: 8, range: [7, 11]}")) == [
        "vendors/acme.yaml:5:34: scores.quality.range[1]: 11 is above the scale maximum 10"
    ]


def test_range_with_one_end(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: {value: 8, range: [7]}")) == [
        "vendors/acme.yaml:5:23: scores.quality.range: a range is two values: [low, high]"
    ]


def test_range_of_level_labels_is_checked_in_level_order(problems_of):
    text = acme("licence: open", "licence: {value: open, range: [open, closed]}")
    assert problems_of(vendors=text) == [
        "vendors/acme.yaml:7:26: scores.licence.range: low 'open' is above high 'closed'; write "
        "[low, high]"
    ]


@pytest.mark.parametrize("written", ["quality: null", "quality: {value: null}"])
def test_unknown_value_needs_a_rationale(problems_of, written):
    assert problems_of(vendors=acme("quality: 8", written)) == [
        "vendors/acme.yaml:5:3: scores.quality: an unknown value (null) must carry a rationale "
        "saying why"
    ]


def test_unknown_value_with_a_rationale_loads(write_case):
    write_case(vendors=acme("quality: 8", "quality: {value: null, rationale: not disclosed}"))
    case = load_case("criteria", "vendors")
    assert case.vendors[0].scores["quality"].unknown


def test_source_urls_must_be_http(problems_of):
    text = acme("quality: 8", "quality: {value: 8, sources: [{title: x, url: 'ftp://x'}]}")
    assert problems_of(vendors=text) == [
        "vendors/acme.yaml:5:44: scores.quality.sources[0].url: 'ftp://x' is not a web address: "
        "write it with http:// or https://"
    ]


def test_three_errors_in_one_file_are_three_problems(problems_of):
    text = (
        ACME.replace("quality: 8", "quality: 12")
        .replace("price: 40", "price: cheap")
        .replace("licence: open", "licence: opne")
    )
    assert problems_of(vendors={"acme.yaml": text}) == [
        "vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10",
        "vendors/acme.yaml:6:3: scores.price: 'cheap' is not a number; 'price' is scored on a "
        "numeric scale",
        "vendors/acme.yaml:7:3: scores.licence: 'opne' is not a level of 'licence'; use one of: "
        "closed, open",
    ]


def test_a_malformed_score_does_not_hide_the_others(problems_of):
    # the list fails the model; the typo and the out-of-scale value are still found
    text = ACME.replace("quality: 8", "quality: [1, 2]").replace("price: 40", "price: 400")
    assert problems_of(vendors={"acme.yaml": text + "  licnce: open\n"}) == [
        "vendors/acme.yaml:5:3: scores.quality: expected a number, a level label or null, got a list",
        "vendors/acme.yaml:6:3: scores.price: 400 is above the scale maximum 100",
        "vendors/acme.yaml:8:3: scores.licnce: unknown criterion 'licnce'; did you mean 'licence'?",
    ]


def test_nothing_partial_is_returned_when_one_vendor_is_broken(write_case):
    write_case(vendors={"acme.yaml": ACME, "beta.yaml": BETA.replace("quality: 6", "quality: 60")})
    with pytest.raises(CaseError) as info:
        load_case("criteria", "vendors")
    assert [p.file for p in info.value.problems] == ["vendors/beta.yaml"]


def test_a_bad_header_does_not_hide_bad_scores(problems_of):
    text = ACME.replace("id: acme", "id: Acme!").replace("quality: 8", "quality: 12")
    assert problems_of(vendors={"acme.yaml": text}) == [
        "vendors/acme.yaml:1:1: id: 'Acme!' is not a valid id: use lower-case letters, digits, "
        "'_' or '-'",
        "vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10",
    ]


@pytest.mark.parametrize("written", ['{value: "8"}', "1e3"])
def test_a_number_yaml_reads_as_text_says_how_to_write_it(problems_of, written):
    # a quoted "8", or 1e3 (YAML 1.1 reads an exponent without a dot as text)
    found = problems_of(vendors=acme("quality: 8", f"quality: {written}"))
    assert len(found) == 1
    assert found[0].endswith(
        "is read as text, not a number; write plain digits without quotes (e.g. 8 or 7.5)"
    )


def test_a_score_mapping_without_a_value(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: {rationale: not published}")) == [
        "vendors/acme.yaml:5:3: scores.quality.value: a score needs a value; if it is unknown, "
        "write `value: null` and say why in the rationale"
    ]


def test_a_rationale_that_is_not_text(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: {value: 8, rationale: [a, b]}")) == [
        "vendors/acme.yaml:5:23: scores.quality.rationale: expected text, got a list"
    ]


def test_sources_must_be_a_list(problems_of):
    assert problems_of(vendors=acme("quality: 8", "quality: {value: 8, sources: {title: x}}")) == [
        "vendors/acme.yaml:5:23: scores.quality.sources: expected a list, got a mapping"
    ]


@pytest.mark.parametrize("date", ["'last week'", "'2025-13'", "'2025-1-5'"])
def test_a_source_date_must_read_as_a_date(problems_of, date):
    text = acme("quality: 8", f"quality: {{value: 8, sources: [{{title: x, date: {date}}}]}}")
    assert problems_of(vendors=text) == [
        f"vendors/acme.yaml:5:44: scores.quality.sources[0].date: {date} is not a date: write "
        "YYYY-MM-DD (unquoted), or a year (2025), a month ('2025-02') or a span of years "
        "('2023-2025')"
    ]


@pytest.mark.parametrize(
    ("date", "stored"), [("2024", "2024"), ("'2025-02'", "2025-02"), ("'2023-2025'", "2023-2025")]
)
def test_a_year_a_month_or_a_span_of_years_is_a_date(write_case, date, stored):
    text = acme("quality: 8", f"quality: {{value: 8, sources: [{{title: x, date: {date}}}]}}")
    write_case(vendors=text)
    assert load_case("criteria", "vendors").vendors[0].scores["quality"].sources[0].date == stored


def test_a_number_is_not_read_as_a_timestamp(problems_of):
    # pydantic alone would read 86400 as 1970-01-02
    text = acme("quality: 8", "quality: {value: 8, sources: [{title: x, date: 86400}]}")
    assert problems_of(vendors=text) == [
        "vendors/acme.yaml:5:44: scores.quality.sources[0].date: expected a date (YYYY-MM-DD) or "
        "text, got 86400"
    ]
