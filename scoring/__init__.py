"""Shortlist: evidence-backed multi-criteria ranking of vendors and partners.

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
from scoring.scenario import decode, encode, share_url

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
