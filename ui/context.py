"""The one object every view receives: what is loaded, what is being looked at, and its result."""

from __future__ import annotations

from dataclasses import dataclass

import scoring


@dataclass(frozen=True)
class AppContext:
    """Everything a view needs to render one scenario; built once per rerun by app.py."""

    case: scoring.Case  # the loaded case
    scenario: scoring.Scenario  # the scenario the user is looking at
    result: scoring.Ranking  # rank(case, scenario)
    share_url: str  # the full share link of this scenario
