"""The exported JSON Schemas: written by `shortlist schema`, committed in schema/, never stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from scoring.cli import main
from scoring.cli.schema import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["criteria", "vendor", "scenario", "scenario-file", "judgements"]


def test_every_format_is_exported():
    assert sorted(SCHEMAS) == sorted(NAMES)


def test_schema_command_writes_the_files(tmp_path, capsys):
    assert main(["schema", "-o", str(tmp_path / "out")]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(f"{n}.schema.json" for n in NAMES)
    assert f"wrote {len(NAMES)} schemas" in capsys.readouterr().out


def test_schema_to_a_place_that_cannot_be_written_exits_2(tmp_path, capsys):
    (tmp_path / "taken").write_text("a file, not a folder")
    assert main(["schema", "-o", str(tmp_path / "taken" / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("shortlist: -o: cannot write to ") and "Traceback" not in err


@pytest.mark.parametrize("name", NAMES)
def test_committed_schema_equals_the_generated_one(name):
    """If this fails, run `python -m scoring schema -o schema` (or `make schema`) and commit."""
    committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name])


def test_the_schema_describes_the_rules_an_editor_can_check():
    criteria = json.loads(schema_text(SCHEMAS["criteria"]))
    criterion = criteria["$defs"]["Criterion"]
    assert criterion["additionalProperties"] is False  # typos are errors
    assert criterion["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9_\\-]{0,63}$"
    assert criterion["properties"]["direction"]["enum"] == ["benefit", "cost"]
    assert criterion["properties"]["weight"]["minimum"] == 0


def as_json(path: Path):
    """A YAML file as JSON would carry it (dates become ISO strings)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_the_shipped_files_validate_against_the_schemas():
    jsonschema = pytest.importorskip("jsonschema")  # installed with streamlit (via altair)
    vendor = json.loads(schema_text(SCHEMAS["vendor"]))
    criteria = json.loads(schema_text(SCHEMAS["criteria"]))
    for path in sorted((ROOT / "vendors").glob("*.yaml")):
        jsonschema.validate(as_json(path), vendor)
    jsonschema.validate(as_json(ROOT / "criteria" / "ai_partner.yaml"), criteria)
    saved = json.loads(schema_text(SCHEMAS["scenario-file"]))
    shipped = sorted((ROOT / "scenarios").glob("*.yaml"))
    assert len(shipped) == 3
    for path in shipped:
        jsonschema.validate(as_json(path), saved)


def test_the_scenario_file_schema_rejects_a_typo_inside_the_scenario():
    jsonschema = pytest.importorskip("jsonschema")
    saved = json.loads(schema_text(SCHEMAS["scenario-file"]))
    doc = {"id": "x", "name": "X", "scenario": {"method": "wsm", "wieghts": {}}}
    with pytest.raises(jsonschema.ValidationError, match="'wieghts' was unexpected"):
        jsonschema.validate(doc, saved)


def test_the_schema_rejects_a_typo():
    jsonschema = pytest.importorskip("jsonschema")
    vendor = json.loads(schema_text(SCHEMAS["vendor"]))
    with pytest.raises(jsonschema.ValidationError, match="'scroes' was unexpected"):
        jsonschema.validate({"id": "x", "name": "X", "scroes": {}}, vendor)
