"""`shortlist init DIR`: a small, commented example case to start your own from.

    shortlist init my-case
    shortlist rank --criteria my-case/criteria --vendors my-case/vendors

DIR gets `criteria/case.yaml` (the criteria, every field explained in a comment), two vendor
files in `vendors/`, `suppliers.csv` (the same two vendors as a matrix sheet, the layout most
teams keep in a spreadsheet) and `schema/` (the JSON Schema of the formats, which the YAML files
name on their first line so editors such as VS Code check and complete them). The case validates
and ranks as written. DIR must be new or empty; the files are written to a temporary folder
beside it and moved into place at once, so a failed run leaves nothing half-written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from scoring.cli.common import UsageError
from scoring.cli.schema import SCHEMAS, schema_text
from scoring.textsafe import terminal_text

SCHEMA_LINE = "# yaml-language-server: $schema={path}\n"

CRITERIA = """\
# The criteria of your case: what matters, how much, and how each is measured.
# Check the files with `shortlist validate --criteria criteria --vendors vendors`.
case:
  id: my-case                       # lower-case letters, digits, '_' or '-'
  name: Choosing a CRM vendor       # shown as the page title and in reports
  description: An example to edit. Replace the criteria and vendors with your own.

criteria:
  - id: fit                         # a group: its weight splits among its children
    name: Fit for our sales team
    weight: 50                      # any number >= 0; normalised among siblings (50 of 100 here)
    children:
      - id: usability
        name: Ease of use
        description: 0 = the team would not use it, 10 = adopted without training.
        weight: 60
        direction: benefit          # higher is better (cost: lower is better)
        scale: {min: 0, max: 10}    # the scale every vendor is scored on
      - id: integrations
        name: Integrations
        description: How many of our tools it connects to out of the box.
        weight: 40
        scale: {min: 0, max: 10}
        rubric:                     # what earns a score, shown beside the scores
          0: connects to none of our tools
          5: connects to email and calendar
          10: connects to every tool we use
  - id: price
    name: Price per seat and year
    weight: 30
    direction: cost                 # lower is better
    unit: EUR
    scale: {min: 0, max: 600}
    must_have: {max: 500}           # a knock-out: above 500 the vendor is set aside
  - id: support
    name: Support level
    weight: 20
    levels: {email: 0, business_hours: 6, round_the_clock: 10}   # named levels, scored by number
"""

VENDOR_A = """\
# One vendor: a score for every leaf criterion, each with its evidence.
id: alpha-crm
name: Alpha CRM
summary: A well-known suite; strong integrations, mid-priced.
links:
  - {title: Alpha CRM website, url: "https://example.com/alpha"}
scores:
  usability:
    value: 7
    range: [6, 8]                   # optional uncertainty, used by the robustness analysis
    rationale: Two-week trial with five sales reps; minor complaints about search.
    sources: [{title: Trial notes, date: 2025-03-01}]
  integrations: 9                   # a bare value is fine too
  price: {value: 420, rationale: List price for 50 seats, sources: [{title: Quote, date: 2025-02}]}
  support: round_the_clock          # a level label
"""

VENDOR_B = """\
id: beta-crm
name: Beta CRM
summary: A newer, cheaper product.
scores:
  usability: {value: 8, rationale: Liked by every rep in the trial.}
  integrations:
    value: null                     # unknown: say why; the ranking treats it as the worst case
    rationale: The integration list was not shared before the deadline.
  price: 250
  support: business_hours
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="write a small commented example case to start from",
        description="Write a commented example case to DIR: criteria, two vendors, the same "
        "vendors as a matrix sheet, and the JSON Schema the YAML files point editors to.",
    )
    p.add_argument("folder", metavar="DIR", help="a new or empty folder")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = Path(args.folder)
    shown = terminal_text(args.folder)
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError(f"{shown!r} exists and is not a folder; give a new folder")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{shown!r} is not empty; give a new or empty folder")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise UsageError(f"no such folder: {terminal_text(str(parent))!r}")
    try:
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise UsageError(
            f"cannot write to {terminal_text(str(parent))!r}: {exc.strerror}"
        ) from None
    try:
        write_example(scratch)
        os.replace(scratch, target)  # onto a missing or empty folder, in one step
    except OSError as exc:
        raise UsageError(f"cannot write {shown!r}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"wrote an example case to {shown}/: criteria/case.yaml, vendors/ (2 files), "
        f"suppliers.csv (the same vendors as a matrix sheet) and schema/. Next:\n"
        f"  shortlist rank --criteria {shown}/criteria --vendors {shown}/vendors"
    )
    return 0


def write_example(folder: Path) -> None:
    """The example case's files in `folder` (which exists)."""
    from scoring.load import load_case
    from scoring.tabular.write import matrix_rows, write_sheet

    (folder / "schema").mkdir()
    for name, model in SCHEMAS.items():
        (folder / "schema" / f"{name}.schema.json").write_text(schema_text(model), "utf-8")
    files = {
        "criteria/case.yaml": ("criteria", CRITERIA),
        "vendors/alpha-crm.yaml": ("vendor", VENDOR_A),
        "vendors/beta-crm.yaml": ("vendor", VENDOR_B),
    }
    for name, (schema, text) in files.items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        line = SCHEMA_LINE.format(path=f"../schema/{schema}.schema.json")
        path.write_text(line + text, encoding="utf-8")
    case = load_case(folder / "criteria", folder / "vendors")  # the example must validate
    header, rows = matrix_rows(case.vendors, [c.id for c in case.leaves])
    write_sheet(rows, folder / "suppliers.csv", header)
