"""Every limit on what Shortlist reads, in one table: the readers, the loader, the link decoder,
the uploads and the analyses take their numbers from here, each message names the limit it hit,
and the README's "Limits" section is checked against this table (tests/unit/test_limits_table.py).

The limits are chosen so the heaviest case they let through still finishes in reasonable time
and memory on a small machine: a case of MAX_VENDORS vendors ranks in about a second and writes
its full report in well under a minute (`make bench` measures it). This module imports nothing
from the project, so any module may read it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """One bound on an input: its name in code, its value, and what it bounds in plain words."""

    name: str
    value: int
    unit: str
    what: str

    def shown(self) -> str:
        """The value as the README and the messages write it: 2,000 vendors, 30 MB."""
        if self.unit == "bytes" and self.value >= 1_000_000:
            mb = self.value / 2**20 if self.value % 2**20 == 0 else self.value / 1_000_000
            unit = "MiB" if self.value % 2**20 == 0 else "MB"
            return f"{mb:g} {unit}"
        return f"{self.value:,} {self.unit}"


LIMITS: tuple[Limit, ...] = (
    # The case
    Limit("MAX_VENDORS", 2_000, "vendors", "vendors in one case"),
    Limit("MAX_CRITERIA", 100, "criteria", "criteria in one case, groups and leaves together"),
    Limit("MAX_CASE_FILES", 500, "files", "YAML files in a criteria or vendors folder"),
    Limit("MAX_YAML_BYTES", 1_000_000, "bytes", "one YAML file"),
    Limit("MAX_YAML_NODES", 200_000, "nodes", "values, keys and lists in one YAML file"),
    Limit("MAX_TEXT_CHARS", 20_000, "characters", "a description, summary or rationale"),
    # Score sheets (CSV, XLSX)
    Limit("MAX_SHEET_BYTES", 30_000_000, "bytes", "one CSV or XLSX file"),
    Limit("MAX_UNPACKED_BYTES", 150_000_000, "bytes", "what an XLSX file unpacks to"),
    Limit("MAX_MEMBER_BYTES", 60_000_000, "bytes", "one part of an unpacked XLSX file"),
    Limit("MAX_ROWS", 100_000, "rows", "rows in one sheet"),
    Limit("MAX_COLUMNS", 1_000, "columns", "columns in one sheet"),
    Limit("MAX_CELLS", 1_000_000, "cells", "cells in one sheet (rows x columns)"),
    Limit("MAX_LINE_CHARS", 2_000_000, "characters", "one line of a CSV file"),
    # Messages
    Limit("MAX_PER_KIND", 20, "messages", "problems of one kind listed; the rest are counted"),
    # Share links
    Limit("MAX_QUERY_CHARS", 8_000, "characters", "a share link's query"),
    Limit("MAX_PARAMS", 300, "parameters", "parameters in a share link"),
    Limit("MAX_SCORE_OVERRIDES", 500, "changes", "edited scores one share link carries"),
    Limit("MAX_LINK_WARNINGS", 5, "warnings", "link warnings of one kind named; the rest counted"),
    # App uploads
    Limit("MAX_UPLOAD_FILES", 200, "files", "files in one upload"),
    Limit("MAX_UPLOAD_BYTES", 5 * 2**20, "bytes", "one uploaded file"),
    Limit("MAX_UPLOAD_TOTAL_BYTES", 30 * 2**20, "bytes", "all the files of one upload"),
    # Analyses
    Limit("MIN_SAMPLES", 100, "simulations", "the fewest SMAA simulations a scenario may ask"),
    Limit("MAX_SAMPLES", 1_000_000, "simulations", "the most SMAA simulations a scenario may ask"),
    Limit(
        "SAMPLE_BUDGET",
        1_000_000,
        "vendor-simulations",
        "simulations x vendors run by the report and the app (more vendors, fewer simulations)",
    ),
    Limit(
        "CONFIDENCE_BUDGET",
        4_000_000_000,
        "scores",
        "scores the report's and the app's confidence factors compute (simulations x vendors "
        "that ever rank first x vendors x criteria x the method's cost): fewer simulations "
        "behind them when there are many",
    ),
    Limit(
        "PAIR_SAMPLE_BUDGET",
        10_000_000,
        "vendor-pair-simulations",
        "simulations x vendors x vendors compared (at most 256) for PROMETHEE II when scores are "
        "uncertain: each simulation compares the pairs again",
    ),
    Limit(
        "MAX_GAUSSIAN_PAIRS",
        4_000_000_000,
        "pairs",
        "pairs of vendors PROMETHEE II's Gaussian preference compares in one analysis whose "
        "simulations vary the scores past 256 vendors (simulations x vendors x vendors x "
        "Gaussian criteria): about 40 s",
    ),
    Limit("REPORT_TOP", 25, "vendors", "vendors in the report's per-vendor tables past this size"),
    Limit(
        "ANALYSE_EVERY_RERUN_MAX",
        300,
        "vendors",
        "past this, the app's robustness analysis runs on the Robustness and Report tabs or on "
        "request, not on every change",
    ),
)
BY_NAME = {limit.name: limit for limit in LIMITS}

MAX_VENDORS = BY_NAME["MAX_VENDORS"].value
MAX_CRITERIA = BY_NAME["MAX_CRITERIA"].value
MAX_CASE_FILES = BY_NAME["MAX_CASE_FILES"].value
MAX_YAML_BYTES = BY_NAME["MAX_YAML_BYTES"].value
MAX_YAML_NODES = BY_NAME["MAX_YAML_NODES"].value
MAX_TEXT_CHARS = BY_NAME["MAX_TEXT_CHARS"].value
MAX_SHEET_BYTES = BY_NAME["MAX_SHEET_BYTES"].value
MAX_UNPACKED_BYTES = BY_NAME["MAX_UNPACKED_BYTES"].value
MAX_MEMBER_BYTES = BY_NAME["MAX_MEMBER_BYTES"].value
MAX_ROWS = BY_NAME["MAX_ROWS"].value
MAX_COLUMNS = BY_NAME["MAX_COLUMNS"].value
MAX_CELLS = BY_NAME["MAX_CELLS"].value
MAX_LINE_CHARS = BY_NAME["MAX_LINE_CHARS"].value
MAX_PER_KIND = BY_NAME["MAX_PER_KIND"].value
MAX_QUERY_CHARS = BY_NAME["MAX_QUERY_CHARS"].value
MAX_PARAMS = BY_NAME["MAX_PARAMS"].value
MAX_SCORE_OVERRIDES = BY_NAME["MAX_SCORE_OVERRIDES"].value
MAX_LINK_WARNINGS = BY_NAME["MAX_LINK_WARNINGS"].value
MAX_UPLOAD_FILES = BY_NAME["MAX_UPLOAD_FILES"].value
MAX_UPLOAD_BYTES = BY_NAME["MAX_UPLOAD_BYTES"].value
MAX_UPLOAD_TOTAL_BYTES = BY_NAME["MAX_UPLOAD_TOTAL_BYTES"].value
MIN_SAMPLES = BY_NAME["MIN_SAMPLES"].value
MAX_SAMPLES = BY_NAME["MAX_SAMPLES"].value
SAMPLE_BUDGET = BY_NAME["SAMPLE_BUDGET"].value
PAIR_SAMPLE_BUDGET = BY_NAME["PAIR_SAMPLE_BUDGET"].value
CONFIDENCE_BUDGET = BY_NAME["CONFIDENCE_BUDGET"].value
MAX_GAUSSIAN_PAIRS = BY_NAME["MAX_GAUSSIAN_PAIRS"].value
REPORT_TOP = BY_NAME["REPORT_TOP"].value
ANALYSE_EVERY_RERUN_MAX = BY_NAME["ANALYSE_EVERY_RERUN_MAX"].value


def hit(name: str, found: int | None = None) -> str:
    """The words a message uses for a limit: "more than 2,000 vendors (the limit, MAX_VENDORS)"."""
    limit = BY_NAME[name]
    seen = f"{found:,} {limit.unit}, " if found is not None else ""
    return f"{seen}more than {limit.shown()} (the limit, {name})"


def readme_table() -> str:
    """The README's table of limits, generated from LIMITS (the test compares the two)."""
    lines = ["| Limit | Value | What it bounds |", "|---|---|---|"]
    lines += [f"| `{x.name}` | {x.shown()} | {x.what} |" for x in LIMITS]
    return "\n".join(lines)
