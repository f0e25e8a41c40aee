"""The Robustness tab's work without a browser: what `ui.data.analysed` and
`ui/tabs/robustness.py` compute for a case (the sample budget, the analysis, the brief, and the
tables and charts the tab draws, as plotly dicts), for bench_scale to time in a fresh process:

    python -m benchmarks.measure robustness-tab --criteria DIR --vendors SHEET [--method M]
"""

from __future__ import annotations

from pathlib import Path

from scoring import Scenario, load_case, rank
from scoring.present import figures
from scoring.present.brief import decision_brief
from scoring.present.brief_words import challengers_table, flips_table
from scoring.present.facts import weight_rows
from scoring.present.focus import budgeted_analysis, report_top
from scoring.present.plotly import plotly_dict
from scoring.present.tables import (
    acceptability_table,
    central_weights_table,
    crossovers_table,
    methods_table,
    riskiest_first,
    sliders,
    stability_table,
)


def robustness_tab(criteria: Path, vendors: Path, method: str = "wsm") -> int:
    case = load_case(criteria, vendors)
    scenario = Scenario(method=method)
    result = rank(case, scenario)
    sens = budgeted_analysis(case, scenario, result)
    brief = decision_brief(result, sens)
    names = {v.id: v.name for v in case.vendors}
    order = [result.resolved.vendor_ids[i] for i in result.order]
    top = report_top(len(sens.smaa.vendor_ids))
    weights = weight_rows(case, scenario)
    leaves = {c.id: c.name for c in case.leaves}
    tables = [
        flips_table(brief),
        challengers_table(brief, case),
        stability_table(weights, sens),
        crossovers_table(weights, sens, names),
        acceptability_table(order, sens, names, top),
        central_weights_table(order, sens, names, leaves, top),
        methods_table(
            sens, dict(zip(sens.methods.vendor_ids, sens.methods.vendor_names, strict=True))
        ),
    ]
    for t in tables:
        t.shown_rows()
    plotly_dict(figures.acceptability(order, sens, names, top), title=True)
    plotly_dict(figures.stability(riskiest_first(sens), sliders(weights)), title=True)
    return 0
