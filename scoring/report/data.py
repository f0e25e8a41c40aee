"""ReportData: everything a ranking report says, computed once and read by every writer.

Writers never rank, normalise or analyse on their own: they lay out this object, so the CSV, the
spreadsheet, the PDF and the app can never disagree. The only value that changes from one build
to the next for the same scenario and data is `generated_at`, and it can be injected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import scoring
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.model import Scenario
from scoring.present import palette
from scoring.present.brief import Brief, decision_brief
from scoring.present.brief_words import challengers_table, flips_table, method_table
from scoring.present.facts import (
    EvidenceRow,
    ExcludedRow,
    HeadToHead,
    HeadToHeadRow,
    RankRow,
    ScoreRow,
    SourceRow,
    WeightRow,
    evidence_rows,
    excluded_rows,
    rank_rows,
    score_rows,
    top_two,
    weight_rows,
)
from scoring.present.focus import budgeted_analysis, samples_note
from scoring.present.section import Section
from scoring.present.table import Table
from scoring.rank import Ranking, rank
from scoring.scenario.link import share_url
from scoring.sensitivity import analyse
from scoring.sensitivity.analysis import SensitivityResult

DEFAULT_BASE_URL = "http://localhost:8501/"


@dataclass(frozen=True)
class ReportData:
    """The content of a ranking report. Frozen; every writer reads only this."""

    title: str
    case_id: str
    case_description: str
    generated_at: dt.datetime
    share_url: str
    fingerprint: str
    version: str
    method: str
    normalization: str
    unknowns_policy: str
    weights: tuple[WeightRow, ...]
    leaves: tuple[tuple[str, str], ...]  # (id, name) in column order
    vendor_names: Mapping[str, str]
    ranking: tuple[RankRow, ...]
    excluded: tuple[ExcludedRow, ...]
    scores: tuple[ScoreRow, ...]  # ranked vendors, rank order
    head_to_head: HeadToHead | None
    sensitivity: SensitivityResult | None  # None: see sensitivity_note
    sensitivity_note: str  # why sensitivity is missing ("" when present)
    evidence: tuple[EvidenceRow, ...]
    brief: Brief  # the decision brief: every report opens with its sentences
    brief_tables: tuple[Table, ...] = ()  # what flips it, what it would take (need the case)
    criterion_names: Mapping[str, str] = field(default_factory=dict)
    colours: Mapping[str, str] = field(default_factory=dict)  # vendor/criterion id -> colour
    score_notes: tuple[str, ...] = ()  # why a score is what it is (e.g. a WPM veto)
    sections: tuple[Section, ...] = ()  # more to say after the ranking (e.g. a team round)
    scale_note: str = ""  # fewer simulations than the scenario's, for a large case ("" if not)

    @property
    def leader(self) -> RankRow | None:
        return self.ranking[0] if self.ranking else None

    def name_of(self, vendor: str) -> str:
        return self.vendor_names.get(vendor, vendor)

    def criterion_name(self, criterion: str) -> str:
        return self.criterion_names.get(criterion, criterion)


def build_report_data(
    case: Case,
    scenario: Scenario,
    *,
    sensitivity: bool = True,
    samples: int | None = None,
    seed: int | None = None,
    generated_at: dt.datetime | None = None,
    base_url: str = DEFAULT_BASE_URL,
    result: Ranking | None = None,
    analysis: SensitivityResult | None = None,
) -> ReportData:
    """Rank (or reuse `result`), explain and analyse (or reuse `analysis`, the same scenario's
    result, as the app holds it) a scenario into one ReportData."""
    result = result if result is not None else rank(case, scenario)
    when = generated_at or dt.datetime.now(dt.UTC)
    if sensitivity and analysis is not None:
        sens, note = analysis, ""
    else:
        sens, note = _sensitivity(case, scenario, result, sensitivity, samples, seed)
    brief = decision_brief(result, sens, note, when.date())  # evidence as of the report
    return ReportData(
        title=case.info.name,
        case_id=case.info.id,
        case_description=case.info.description,
        generated_at=when.replace(microsecond=0),
        share_url=share_url(base_url, scenario, case),
        fingerprint=case.fingerprint,
        version=scoring.__version__,
        method=result.method,
        normalization=result.normalization,
        unknowns_policy=scenario.unknowns,
        weights=weight_rows(case, scenario),
        leaves=tuple((c.id, c.name) for c in case.leaves),
        vendor_names={v.id: v.name for v in case.vendors},
        ranking=rank_rows(result),
        excluded=excluded_rows(case, result),
        scores=score_rows(result),
        head_to_head=top_two(result),
        sensitivity=sens,
        sensitivity_note=note,
        evidence=evidence_rows(case, result),
        brief=brief,
        brief_tables=(
            *((flips_table(brief), challengers_table(brief, case)) if sens else ()),
            *filter(None, [method_table(brief)]),
        ),
        criterion_names={c.id: c.name for c in case.all_criteria},
        colours={**palette.vendor_colours(case), **palette.criterion_colours(case)},
        score_notes=tuple(result.veto_notes()),
        scale_note=_scale_note(scenario, sens) if samples is None else "",
    )


def _scale_note(scenario: Scenario, sens: SensitivityResult | None) -> str:
    if sens is None:
        return ""
    return samples_note(scenario, sens.smaa)


def _sensitivity(
    case: Case,
    scenario: Scenario,
    result: Ranking,
    wanted: bool,
    samples: int | None,
    seed: int | None,
) -> tuple[SensitivityResult | None, str]:
    if not wanted:
        return None, "not computed (switched off for this report)"
    try:
        # No `samples` asked: a large case's budget, said in scale_note.
        res = (
            budgeted_analysis(case, scenario, result, seed)
            if samples is None
            else analyse(case, scenario, samples=samples, seed=seed)
        )
    except ScenarioError as exc:  # e.g. every vendor set aside: the ranking still reports
        return None, f"not computed ({exc})"
    return res, ""


__all__ = [
    "DEFAULT_BASE_URL",
    "EvidenceRow",
    "ExcludedRow",
    "HeadToHead",
    "HeadToHeadRow",
    "RankRow",
    "ReportData",
    "ScoreRow",
    "SourceRow",
    "WeightRow",
    "build_report_data",
]
