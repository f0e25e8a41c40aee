"""The one object every view receives: what is loaded, what is being looked at, and its result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import scoring

if TYPE_CHECKING:
    from scoring.present.brief import Brief
    from scoring.sensitivity import SensitivityResult


@dataclass(frozen=True)
class AppContext:
    """Everything a view needs to render one scenario; built once per rerun by app.py."""

    case: scoring.Case  # the loaded case
    scenario: scoring.Scenario  # the scenario the user is looking at
    result: scoring.Ranking  # rank(case, scenario)
    share_url: str  # the full share link of this scenario
    sensitivity: SensitivityResult | None = None  # None when it cannot run (say why: brief)
    brief: Brief | None = None  # the decision brief (ui.data.analysed)
