"""Shortlist: evidence-backed multi-criteria ranking of vendors and partners.

The notebook API, in the order you use it:

- `load_case(criteria, vendors) -> Case`: read and validate the YAML files (a file or a folder
  each; `vendors` may also be a CSV/XLSX score sheet); raises `CaseError`, whose `problems`
  list every `Problem` with file, line and field.
- `Scenario(weights=..., method=..., normalization=..., vendors=..., unknowns=...)`: what you
  chose; anything left out comes from the files.
- `rank(case, scenario) -> Ranking`: `rows()` (rank, vendor, score, gap, unknowns),
  `excluded` (vendors set aside by a must-have, with reasons), `notes()`, `weights_by_leaf()`.
  Raises `ScenarioError` when the scenario cannot apply (an unknown id, all weights zero).
- `contributions`, `group_contributions`, `head_to_head`: why a vendor ranks where it does.
- `encode`, `decode`, `share_url`: a scenario as a share link and back.
- `resolve`, `Resolved`, `competition_ranks`: the arrays underneath, for your own analysis.

Heavier parts live in their own modules, imported when needed: `scoring.sensitivity.analyse`
(sweeps, stability intervals, SMAA-2, method comparison), `scoring.report.build_report_data`
and `write_report` (CSV, XLSX, Markdown, HTML, PDF), `scoring.scenario.saved.load_scenarios`.

>>> from scoring import load_case, Scenario, rank, contributions
>>> case = load_case("criteria", "vendors")
>>> result = rank(case, Scenario(method="topsis", weights={"regulatory_readiness": 40}))
>>> [row["vendor"] for row in result.rows()]  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from scoring.case import Resolved, resolve
from scoring.errors import CaseError, Problem, ScenarioError
from scoring.explain import contributions, group_contributions, head_to_head
from scoring.load import Case, load_case
from scoring.model import Scenario
from scoring.rank import Ranking, competition_ranks, rank
from scoring.scenario.link import decode, encode, share_url

try:
    __version__ = version("shortlist")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+local"

__all__ = [
    "Case",
    "CaseError",
    "Problem",
    "Ranking",
    "Resolved",
    "Scenario",
    "ScenarioError",
    "__version__",
    "competition_ranks",
    "contributions",
    "decode",
    "encode",
    "group_contributions",
    "head_to_head",
    "load_case",
    "rank",
    "resolve",
    "share_url",
]
