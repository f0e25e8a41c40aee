"""`shortlist init DIR`: a commented example case that validates and ranks as written, the same
vendors as a matrix sheet, and YAML files that name their JSON Schema for editors (issue 11)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scoring import load_case, rank
from scoring.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")


def test_init_writes_a_case_that_validates_and_ranks(tmp_path, capsys):
    assert main(["init", str(tmp_path / "my-case")]) == 0
    folder = tmp_path / "my-case"
    case = load_case(folder / "criteria", folder / "vendors")
    assert [v.id for v in case.vendors] == ["alpha-crm", "beta-crm"]
    assert [c.id for c in case.leaves] == ["usability", "integrations", "price", "support"]
    # Hand-checked: Beta is cheaper but its integrations are unknown (scored worst), so Alpha
    # leads under the file's weights.
    assert [row["vendor"] for row in rank(case).rows()] == ["alpha-crm", "beta-crm"]
    # The matrix template holds the same vendors.
    matrix = load_case(folder / "criteria", folder / "suppliers.csv")
    assert matrix.vendors == case.vendors and matrix.fingerprint == case.fingerprint
    assert "shortlist rank --criteria" in capsys.readouterr().out
    assert main(["validate", "--criteria", str(folder / "criteria"),
                 "--vendors", str(folder / "suppliers.csv")]) == 0  # fmt: skip


def test_every_yaml_file_names_a_schema_that_is_there(tmp_path):
    assert main(["init", str(tmp_path / "c")]) == 0
    written = list((tmp_path / "c").rglob("*.yaml"))
    shipped = [*(ROOT / "criteria").glob("*.yaml"), *(ROOT / "vendors").glob("*.yaml"),
               *(ROOT / "scenarios").glob("*.yaml")]  # fmt: skip
    assert len(written) == 3 and len(shipped) >= 9
    for path in written + shipped:
        found = SCHEMA_LINE.match(path.read_text(encoding="utf-8"))
        assert found, path
        schema = (path.parent / found.group(1)).resolve()
        assert json.loads(schema.read_text(encoding="utf-8"))["title"], path


def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path / "busy")]) == 2
    assert "is not empty; give a new or empty folder" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["busy"]  # no scratch folder left behind


def test_init_fills_an_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert main(["init", str(tmp_path / "empty")]) == 0
    assert (tmp_path / "empty" / "criteria" / "case.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]
