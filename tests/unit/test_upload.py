"""Uploaded files -> a case (scoring.uploads): hostile names and sizes, roles, user's file names."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from scoring import CaseError, Scenario, load_case, rank, uploads
from scoring.uploads import UPLOADS, Upload, load_uploads, safe_name
from tests.conftest import ACME, BETA, CRITERIA, DEMO, ROOT

# Line 4 column 13 is the value 99 (hand-counted: `  quality: {value: 99}`).
BROKEN = "id: bad\nname: Bad\nscores:\n  quality: {value: 99}\n  price: 10\n  licence: open\n"


def demo_files(**extra: str | bytes) -> list[Upload]:
    files = [Upload("case.yaml", CRITERIA.encode()), Upload("acme.yaml", ACME.encode()),
             Upload("beta.yaml", BETA.encode())]  # fmt: skip
    return files + [Upload(n, t if isinstance(t, bytes) else t.encode()) for n, t in extra.items()]


def problems_of(files: list[Upload]) -> list[str]:
    with pytest.raises(CaseError) as info:
        load_uploads(files)
    return [str(p) for p in info.value.problems]


@pytest.fixture(autouse=True)
def own_tempdir(tmp_path, monkeypatch) -> Path:
    """Temporary folders go under tmp_path/tmp, so each test can check nothing is left there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_yaml_files_load_as_the_same_case_as_from_folders(own_tempdir):
    case = load_uploads(demo_files())
    from_disk = load_case(DEMO / "criteria", DEMO / "vendors")
    assert case.info.name == "Demo case"
    assert [v.id for v in case.vendors] == ["acme", "beta"]
    assert case.files == ("case.yaml", "acme.yaml", "beta.yaml")  # the names the user knows
    # Same names and bytes, same fingerprint: the link check treats them as the same data.
    assert case.fingerprint == from_disk.fingerprint
    assert rank(case, Scenario()).rows() == rank(from_disk, Scenario()).rows()
    assert list(own_tempdir.iterdir()) == []  # nothing left on disk


def test_the_criteria_file_is_found_by_content_in_any_order():
    files = demo_files()
    case = load_uploads([files[1], files[2], Upload("my-criteria.yml", files[0].data)])
    assert case.files[0] == "my-criteria.yml"
    assert len(case.vendors) == 2


def test_a_score_sheet_gives_the_shipped_ranking():
    case = load_uploads(
        [
            Upload("ai_partner.yaml", (ROOT / "criteria" / "ai_partner.yaml").read_bytes()),
            Upload("scores.csv", (ROOT / "examples" / "scores.csv").read_bytes()),
        ]
    )
    shipped = load_case(ROOT / "criteria", ROOT / "vendors")
    assert case.files == ("ai_partner.yaml", "scores.csv")
    assert [v.id for v in case.vendors] == [v.id for v in shipped.vendors]
    assert rank(case, Scenario()).rows() == rank(shipped, Scenario()).rows()


def test_a_broken_vendor_is_located_in_the_uploaded_file(own_tempdir):
    found = problems_of(demo_files(**{"bad.yaml": BROKEN}))
    assert found == ["bad.yaml:4:13: scores.quality.value: 99 is above the scale maximum 10"]
    assert list(own_tempdir.iterdir()) == []


def test_a_broken_sheet_cell_is_located_in_the_uploaded_sheet():
    sheet = (
        "vendor_id,vendor_name,criterion,value\n"
        "acme,Acme,quality,12\nacme,Acme,price,40\nacme,Acme,licence,open\n"
    )
    found = problems_of(
        [Upload("case.yaml", CRITERIA.encode()), Upload("mine.csv", sheet.encode())]
    )
    assert found == ["mine.csv:2: value: 12 is above the scale maximum 10"]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("acme.yaml", "acme.yaml"),
        ("../../etc/acme.yaml", "acme.yaml"),
        ("C:\\Users\\me\\acme.yaml", "acme.yaml"),
        ("<img src=x>.yaml", "_img src_x_.yaml"),
        ("ünïcode vendor.yml", "ünïcode vendor.yml"),
        ("new\nline.yaml", "new_line.yaml"),
        ("..", ""),
        ("../", ""),
        ("", ""),
    ],
)
def test_safe_name_keeps_only_a_plain_base_name(sent, kept):
    assert safe_name(sent) == kept


def test_a_path_in_a_name_cannot_write_outside_the_folder(tmp_path):
    case = load_uploads([Upload("../../case.yaml", CRITERIA.encode()),
                         Upload("/tmp/acme.yaml", ACME.encode())])  # fmt: skip
    assert case.files == ("case.yaml", "acme.yaml")
    assert not (tmp_path / "case.yaml").exists()


def test_other_kinds_of_files_are_refused_by_name():
    found = problems_of(demo_files(**{"run.py": "import os", "notes": "x"}))
    allowed = ".yaml, .yml, .csv, .xlsx"
    assert found == [
        f"notes: not a case file: the name must end in {allowed}",
        f"run.py: not a case file: the name must end in {allowed}",
    ]


def test_the_same_name_twice_is_refused():
    found = problems_of(demo_files(**{"ACME.yaml": ACME}))
    assert found == ["ACME.yaml: uploaded twice (also as acme.yaml); keep one"]


def test_counts_and_sizes_are_bounded(monkeypatch):
    too_many = [Upload(f"v{i}.yaml", b"id: x") for i in range(uploads.MAX_FILES + 1)]
    assert problems_of(too_many) == [f"{UPLOADS}: 201 files uploaded; at most 200 at once"]
    monkeypatch.setattr(uploads, "MAX_TOTAL_BYTES", 2 * 2**20)
    found = problems_of(demo_files(**{"a.yaml": "x" * 2**20, "b.yaml": "x" * 2**20}))
    assert found == [f"{UPLOADS}: 2.0 MB uploaded; at most 2 MB in all"]


def test_the_real_limits_are_five_and_thirty_megabytes():
    big = Upload("big.yaml", b"x" * (5 * 2**20 + 1))
    assert problems_of([*demo_files(), big]) == ["big.yaml: file is larger than 5 MB"]
    assert (uploads.MAX_FILES, uploads.MAX_TOTAL_BYTES) == (200, 30 * 2**20)


def test_no_criteria_file_is_said_and_a_broken_one_is_located():
    found = problems_of(demo_files()[1:])
    assert found == [
        f"{UPLOADS}: no criteria file among them (a YAML file with case: and criteria: at the "
        "top); download the template to see the format"
    ]
    broken = CRITERIA.replace("  - id: price", "  - id: [price")
    found = problems_of([Upload("case.yaml", broken.encode()), *demo_files()[1:]])
    # The syntax error, where the parser finds it (the `:` after the unclosed `[price`).
    assert found[0] == "case.yaml:9:9: invalid YAML: expected ',' or ']', but got ':'"
    assert found[1].startswith(f"{UPLOADS}: no criteria file among them")
    assert len(found) == 2


def test_two_criteria_files_are_ambiguous():
    found = problems_of(demo_files(**{"other.yaml": CRITERIA}))
    assert found == [
        f"{UPLOADS}: 2 files look like a criteria file (case.yaml, other.yaml: each has case: "
        "and criteria: at the top); upload one of them"
    ]


def test_vendor_files_and_a_sheet_together_are_refused():
    sheet = "vendor_id,criterion,value\nacme,quality,8\n"
    found = problems_of(demo_files(**{"scores.csv": sheet}))
    assert found == [
        f"{UPLOADS}: upload either vendor YAML files or one score sheet (.csv or .xlsx), not both"
    ]


def test_only_a_criteria_file_has_no_vendors():
    assert problems_of(demo_files()[:1]) == [
        f"{UPLOADS}: no vendor files among them: add vendor YAML files or one score sheet"
    ]
    assert problems_of([]) == [f"{UPLOADS}: no files uploaded"]


def test_hostile_contents_are_problems_not_crashes():
    found = problems_of(
        demo_files(
            **{
                "latin1.yaml": b"id: x\nname: caf\xe9\n",
                "python.yaml": "!!python/object/apply:os.system ['echo hi']\n",
                "bomb.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                + "".join(
                    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                    for p, c in zip("abcdefg", "bcdefgh")
                )  # fmt: skip
                + "scores: *h\n",
            }
        )
    )
    joined = "\n".join(found)
    assert "latin1.yaml: not UTF-8 text" in joined
    assert "python.yaml:1:" in joined
    assert "bomb.yaml: the file expands to more than" in joined
    assert "shortlist-upload-" not in joined and tempfile.gettempdir() not in joined


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_criteria_and_a_matrix_both_as_sheets_load_like_the_yaml_files(tmp_path, suffix):
    from scoring.tabular.write import criteria_rows, matrix_rows, write_sheet

    shipped = load_case(ROOT / "criteria", ROOT / "vendors")
    header, rows = criteria_rows(shipped.criteria)
    write_sheet(rows, tmp_path / f"criteria{suffix}", header)
    header, rows = matrix_rows(shipped.vendors, [c.id for c in shipped.leaves])
    write_sheet(rows, tmp_path / f"suppliers{suffix}", header)
    files = [Upload(p.name, p.read_bytes()) for p in sorted(tmp_path.glob(f"*{suffix}"))]
    case = load_uploads(files)
    assert case.criteria == shipped.criteria and case.vendors == shipped.vendors
    assert case.files == (f"criteria{suffix}", f"suppliers{suffix}")
    assert rank(case).rows() == rank(shipped).rows()
