"""The report of a team round: the ranking report (scoring.report.data) under the group's
consensus weights and the agreed scores, with the round's sections after the ranking (the group
view: participants, spread, consensus, the disagreements that matter; the pairwise judgements;
the evaluators' scores). Every writer (Markdown, HTML, PDF) lays it out like any report."""

from __future__ import annotations

from dataclasses import replace

from scoring.agreed import agreed_record
from scoring.evaluators import cells
from scoring.group import Aggregate, from_submissions, group
from scoring.group_ahp import judged_sets
from scoring.load import Case
from scoring.model import Scenario
from scoring.present.round import judgements_section, scores_section, weights_section
from scoring.report.data import ReportData, build_report_data
from scoring.store.seen import RoundInputs


def round_report_data(
    case: Case,
    scenario: Scenario,
    inputs: RoundInputs,
    aggregate: Aggregate = "mean",
    **report: object,
) -> ReportData:
    """The round's report; `report` passes on to build_report_data (sensitivity, samples, ...)."""
    names = {v.id: v.name for v in case.vendors}
    sections = []
    if inputs.submissions:
        result = group(case, from_submissions(case, scenario, inputs.submissions), aggregate)
        scenario = result.consensus_scenario
        sections.append(weights_section(case, result, names))
        judged = judged_sets(inputs.submissions, [c.id for c in case.all_criteria])
        if judged:
            sections.append(judgements_section(case, judged))
    ranked = case
    latest = inputs.latest
    if latest:
        before = cells(case, inputs.independent, inputs.consensus, scenario)
        now = cells(case, latest, inputs.consensus, scenario)
        ranked = agreed_record(case, now, latest)
        sections.append(scores_section(case, before, now, names))
    data = build_report_data(ranked, scenario, **report)  # type: ignore[arg-type]
    return replace(data, title=f"{case.info.name}: {inputs.title}", sections=tuple(sections))
