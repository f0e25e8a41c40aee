"""Several evaluators' scores, described once: per cell every evaluator's independent score, the
means before and after discussion, the spread, the flag and the agreed value (scoring.evaluators);
the app's team round, `shortlist round cells` and the round report render these."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.errors import ScenarioError
from scoring.evaluators import WIDE_SHARE, Cell, Evaluation, agreed_from
from scoring.load import Case
from scoring.model import Scenario
from scoring.present.table import Column, Table
from scoring.present.words import pct, plural, short
from scoring.rank import rank
from scoring.sensitivity.smaa import smaa
from scoring.textsafe import is_http_url

LOUD = "could change the leader"
WIDE = "wide"
LOUD_START = "Evaluators disagree enough to change the leader"
SHOWN_FIRST = 3  # vendors named in the simulations' sentence


def flag(c: Cell) -> str:
    """'could change the leader' (loud), 'wide' (quiet) or ''."""
    return LOUD if c.loud else WIDE if c.wide else ""


def ordered(found: Sequence[Cell]) -> list[Cell]:
    """Loud cells first, then wide ones, then the rest, each in the case's order."""
    return sorted(found, key=lambda c: (not c.loud, not c.wide))


def cells_table(
    case: Case,
    independent: Sequence[Cell],
    now: Sequence[Cell],
    names: Mapping[str, str],
) -> Table:
    """One row per evaluated cell: each evaluator's independent score, the independent mean, the
    mean after discussion (where anyone rescored), the spread now, the flag, the agreed value
    and its reason. `now` are the cells over each evaluator's latest score."""
    people = sorted({e for c in independent for e in c.values})
    before = {(c.vendor, c.criterion): c for c in independent}
    columns = (
        Column("vendor", "Vendor"),
        Column("criterion", "Criterion"),
        *(Column(f"e{i}", name, "number", "independent score") for i, name in enumerate(people)),
        Column("mean", "Mean (independent)", "number"),
        Column("discussed", "Mean after discussion", "number"),
        Column("range", "Lowest to highest", "number_range"),
        Column("flag", "Flag", help=f"wide: the spread reaches {WIDE_SHARE:.0%} of the scale"),
        Column("agreed", "Agreed (used in the ranking)", "number"),
        Column("reason", "Why"),
    )
    rows = []
    for c in ordered(now):
        first = before.get((c.vendor, c.criterion))
        rows.append(
            (
                names.get(c.vendor, c.vendor),
                case.by_id[c.criterion].name,
                *((first.values.get(p) if first else None) for p in people),
                first.mean if first else None,
                c.mean if first is None or c.values != first.values else None,
                (c.low, c.high),
                flag(c),
                c.agreed,
                c.reason or "the mean of the scores",
            )
        )
    return Table(
        "evaluator_cells",
        "Everyone's scores",
        columns,
        tuple(rows),
        note="Cells whose spread could change the leader come first. The agreed value is the "
        "facilitator's consensus score, or before it the mean of each evaluator's latest score.",
        empty="No scores yet.",
    )


def cells_sentences(case: Case, now: Sequence[Cell], names: Mapping[str, str]) -> list[str]:
    """The disagreements in words: the loud ones named, the quiet ones counted."""
    loud = [c for c in now if c.loud and not c.reason]
    settled = [c for c in now if c.loud and c.reason]
    wide = [c for c in now if c.wide and not c.loud]
    out = []
    if loud:
        out.append(
            f"{LOUD_START} on: "
            + "; ".join(
                f"{names.get(c.vendor, c.vendor)} on {case.by_id[c.criterion].name} "
                f"({short(c.low)} to {short(c.high)})"
                for c in loud
            )
            + ". Discuss these first and record an agreed score."
        )
    if settled:
        out.append(
            f"An agreed score settles {plural(len(settled), 'disagreement')} that could change "
            "the leader."
        )
    if wide:
        out.append(
            f"{plural(len(wide), 'other cell' if loud or settled else 'cell')}: a wide spread (at least {WIDE_SHARE:.0%} of the "
            "scale) that does not change the leader."
        )
    if not out:
        out.append("No cell's spread reaches 30% of its scale: the evaluators broadly agree.")
    return out


def agreed_sentences(
    case: Case, now: Sequence[Cell], scenario: Scenario, simulations: int
) -> list[str]:
    """The ranking with the agreed scores, against the case files', and the Monte Carlo analysis
    with each disputed cell varying over the evaluators' range."""
    names = {v.id: v.name for v in case.vendors}
    agreed = agreed_from(case, now)
    try:
        order = [row["vendor"] for row in rank(agreed, scenario).rows()]
        files = rank(case, scenario).leader
    except (ScenarioError, IndexError):
        return ["With the agreed scores no vendor passes the must-haves."]
    if not order:
        return ["With the agreed scores no vendor passes the must-haves."]
    out = [
        f"With the agreed scores, {names[order[0]]} leads: "
        + ", ".join(f"{i + 1}. {names[v]}" for i, v in enumerate(order))
        + "."
        + ("" if files == order[0] else f" With the case files' scores {names[files]} leads.")
    ]
    if any(c.high > c.low for c in now):
        result = smaa(agreed, scenario, samples=simulations)
        first = sorted(
            zip(result.vendor_ids, result.acceptability[:, 0], strict=True), key=lambda x: -x[1]
        )
        out.append(
            f"In {simulations:,} simulations that vary the weights and each score the evaluators "
            "differ on within their range: "
            + "; ".join(
                f"{names[v]} ranks first in {pct(share)}"
                for v, share in first[:SHOWN_FIRST]
                if share > 0
            )
            + "."
        )
    return out


PHASE_WORDS = {"independent": "independently", "discussed": "after discussion"}


def said_table(case: Case, evaluations: Sequence[Evaluation], vendor: str, criterion: str) -> Table:
    """What each evaluator said of one cell: per evaluator and phase (independent, then after
    discussion) the score, the rationale and a source link (web links only: the first
    http(s) source kept, else none), so a reader can follow each score to its evidence."""
    c = case.by_id[criterion]
    columns = (
        Column("evaluator", "Evaluator"),
        Column("phase", "Scored"),
        Column("value", "Score", "value"),
        Column("rationale", "Why"),
        Column("source", "Source"),
    )
    rows = []
    for phase in PHASE_WORDS:
        for e in evaluations:
            if (e.vendor, e.criterion) != (vendor, criterion):
                continue
            if getattr(e, "phase", "independent") != phase:
                continue
            links = [s.get("url") for s in getattr(e, "sources", ())]
            link = next((u for u in links if is_http_url(u)), None)
            value = e.value if isinstance(e.value, str) else short(float(e.value))
            rows.append((e.evaluator, PHASE_WORDS[phase], value, e.rationale or None, link))
    return Table(
        "evaluator_said",
        f"What each evaluator said: {case.vendor_by_id[vendor].name} on {c.name}",
        columns,
        tuple(rows),
        empty="No one has scored this cell yet.",
    )
