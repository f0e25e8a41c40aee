"""Every table a person reads, described once from the typed results.

The app, the CLI and each report format only render these `Table`s (see `scoring.present.table`),
so the same numbers appear everywhere, rounded the same way and in the same order. Weights are
shown in the units people use: the sidebar's slider value (raw weight) and the share of the total,
with "share of its group" (the local share the sweeps vary) only as a secondary column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.methods import LABELS, METHOD_REGISTRY
from scoring.present.facts import EvidenceRow, HeadToHead, RankRow, ScoreRow, WeightRow
from scoring.present.focus import acceptability_focus, top_note
from scoring.present.table import Column, Table
from scoring.present.words import CONFIDENCE_COLUMN, SCORE_SAMPLING, WEIGHT_MODELS, count
from scoring.sensitivity.analysis import SensitivityResult
from scoring.sensitivity.stability import StabilityInterval

INDENT = "\u00a0\u00a0"  # a sub-criterion's name is indented by its depth in every output


def ranking_table(
    rows: Sequence[RankRow], criterion_names: Mapping[str, str], higher_is_better: bool = True
) -> Table:
    """Ranked vendors, best first; the score's heading says when lower is better (VIKOR)."""
    return Table(
        "ranking",
        "Ranking",
        (
            Column("rank", "Rank", "count"),
            Column("vendor", "Vendor"),
            Column("score", "Score" if higher_is_better else "Score (lower is better)", "score"),
            Column("gap", "Gap to leader", "score"),
            Column("unknowns", "Unknown values", "value"),
        ),
        tuple(
            (
                r.rank,
                r.name,
                r.score,
                r.gap,
                ", ".join(criterion_names.get(c, c) for c in r.unknowns) or "none",
            )  # fmt: skip
            for r in rows
        ),
        empty="No vendor passes the must-haves; nothing is ranked.",
    )


DIRECTION_WORDS = {"benefit": "higher", "cost": "lower"}  # a benefit or a cost criterion


def weights_table(rows: Sequence[WeightRow]) -> Table:
    """The weights tree: share of the total first, then the slider value, then the group share."""
    return Table(
        "weights",
        "Weights",
        (
            Column("criterion", "Criterion"),
            Column("share", "Share of the total", "share"),
            Column("raw", "Weight (slider value)", "number"),
            Column("local", "Share of its group", "share"),
            Column("direction", "Better when"),
        ),
        tuple(
            (INDENT * w.depth + w.name, w.global_, w.raw, w.local, DIRECTION_WORDS[w.direction])
            for w in rows
        ),
        note="Share of the total: how much of the score the criterion can decide. A group's "
        "weight splits among its sub-criteria in proportion to their slider values.",
    )


# --- stability in slider units -----------------------------------------------------------------


@dataclass(frozen=True)
class Slider:
    """How a criterion's local share t of its group maps to the units people use, the other
    criteria of the group left as they are: raw weight t * rest / (1 - t), share of the total
    t * group (the group's own share of the total does not move)."""

    rest: float  # the siblings' raw weights, summed
    group: float  # the group's share of the total (1 at the top level)

    def raw(self, t: float) -> float | None:
        """The slider value giving local share t; None when no value does (t = 1: any above)."""
        if t >= 1.0 or self.rest <= 0:
            return None
        return t * self.rest / (1.0 - t)

    def share(self, t: float) -> float:
        return t * self.group


def sliders(weights: Sequence[WeightRow]) -> dict[str, Slider]:
    """Criterion id -> its Slider, from the weights tree alone."""
    out = {}
    for w in weights:
        family = [s for s in weights if s.parent == w.parent]
        rest = sum(s.raw for s in family if s.criterion != w.criterion)
        out[w.criterion] = Slider(rest, sum(s.global_ for s in family))
    return out


def stability_table(weights: Sequence[WeightRow], sens: SensitivityResult) -> Table:
    """For each criterion, the slider range (and share of the total) within which the leader,
    then the whole ranking, stays the same; riskiest first."""
    sl = sliders(weights)
    raw_now = {w.criterion: w.raw for w in weights}
    rows = []
    for x in riskiest_first(sens):
        s = sl[x.criterion]
        rows.append(
            (
                x.name,
                raw_now[x.criterion],
                s.share(x.weight),
                _raw_range(s, x.leader_low, x.leader_high),
                (s.share(x.leader_low), s.share(x.leader_high)),
                _raw_range(s, x.ranking_low, x.ranking_high),
                (s.share(x.ranking_low), s.share(x.ranking_high)),
            )
        )
    return Table(
        "stability",
        "How far each weight can move: riskiest first",
        (
            Column("criterion", "Criterion"),
            Column("weight", "Weight now", "number"),
            Column("share", "Share now", "share"),
            Column("leader_weight", "Leader holds: weight", "number_range"),
            Column("leader_share", "Leader holds: share", "share_range"),
            Column("ranking_weight", "Ranking holds: weight", "number_range"),
            Column("ranking_share", "Ranking holds: share", "share_range"),
        ),
        tuple(rows),
        note="Weight: the sidebar's slider value, the other criteria of the group left as they "
        "are; share: the same as a share of the total (stability intervals of a one-way sweep); "
        "riskiest first.",
        empty="No criterion has siblings, so no weight can be moved on its own.",
    )


def riskiest_first(sens: SensitivityResult) -> tuple[StabilityInterval, ...]:
    """The smallest move that changes the leader first, then the ranking; among equals in the
    order of the weights tree (a stable sort). Every view lists criteria in this order."""
    return tuple(sorted(sens.stability, key=lambda x: (x.leader_margin, x.ranking_margin)))


def _raw_range(s: Slider, low: float, high: float) -> tuple[float, float | None]:
    return (s.raw(low) or 0.0, s.raw(high))


def crossovers_table(
    weights: Sequence[WeightRow], sens: SensitivityResult, vendor_names: Mapping[str, str]
) -> Table:
    """Every leader change along the one-way sweeps, in the order of the weights tree."""
    sl = sliders(weights)
    rows = [
        (
            w.name,
            sl[w.criterion].raw(c.weight),
            sl[w.criterion].share(c.weight),
            vendor_names.get(c.from_, c.from_),
            vendor_names.get(c.to, c.to),
        )
        for w in weights
        for c in sens.crossovers.get(w.criterion, ())
    ]
    return Table(
        "crossovers",
        "Where the leader changes when one weight moves",
        (
            Column("criterion", "Criterion"),
            Column("weight", "At weight", "number"),
            Column("share", "At share of the total", "share"),
            Column("from", "Leader before"),
            Column("to", "Leader after"),
        ),
        tuple(rows),
        note="Weights are slider values, the other criteria of the group left as they are "
        "(crossovers of the one-way sweeps).",
        empty="No single weight change alters the leader.",
    )


def acceptability_table(
    order: Sequence[str],
    sens: SensitivityResult,
    vendor_names: Mapping[str, str],
    top: int | None = None,
    ranks: int | None = None,
) -> Table:
    """How often each vendor takes each rank in the simulations, in the ranking's order (vendors
    the ranking does not list follow in the simulation's order); with `top`, the top vendors
    and ranks only, with `ranks` the top ranks only (scoring.present.focus)."""
    sm = sens.smaa
    index = {v: i for i, v in enumerate(sm.vendor_ids)}
    ids, labels, shares = acceptability_focus(order, sens, top, ranks)
    rows = tuple(
        (
            vendor_names.get(v, v),
            *map(float, shares[i]),
            float(sm.confidence[index[v]]),
            float(sm.holistic[index[v]]),
        )
        for i, v in enumerate(ids)
    )
    keys = [f"rank_{r + 1}" for r in range(len(labels))]
    lumped = len(labels) < len(sm.vendor_ids)
    if lumped:
        keys[-1] = "rank_lower"
    focus = f" {top_note(len(ids), len(sm.vendor_ids))}" if len(ids) < len(sm.vendor_ids) else ""
    if lumped:
        focus += f" {labels[-1]} adds up every rank past {len(labels) - 1}."
    if 0 < sm.confidence_samples < sm.samples:
        focus += f" Confidence: from the first {count(sm.confidence_samples)} simulations."
    return Table(
        "acceptability",
        "How often each vendor takes each rank",
        (
            Column("vendor", "Vendor"),
            *(Column(key, label, "share") for key, label in zip(keys, labels, strict=True)),
            Column("confidence", CONFIDENCE_COLUMN, "share"),
            Column("holistic", "Overall (holistic acceptability)", "score"),
        ),
        rows,
        note=f"Share of the {smaa_text(sens)}. Vendors in the ranking's order. Overall: the sum "
        "over r of P(rank r) x (m - r) / (m - 1), 1 for always first, 0 for always last." + focus,
    )


def smaa_text(sens: SensitivityResult) -> str:
    """'10,000 simulations (weights ...; scores ...; seed 0)': how the simulations were drawn."""
    sm = sens.smaa
    model = WEIGHT_MODELS.get(sm.weights_model, sm.weights_model)
    if sm.weights_model == "dirichlet":
        model += f" (concentration {sm.concentration:g})"
    scores = SCORE_SAMPLING.get(sm.score_sampling, sm.score_sampling)
    return (
        f"{count(sm.samples)} simulations ({model}; {scores}; seed {sm.seed}; technically "
        "SMAA-2 rank acceptability)"
    )


def central_weights_table(
    order: Sequence[str],
    sens: SensitivityResult,
    vendor_names: Mapping[str, str],
    criterion_names: Mapping[str, str],
    top: int | None = None,
) -> Table:
    """The typical leaf weights (shares of the total) that put each vendor first; criteria down,
    vendors across, vendors in the ranking's order (with `top`, the top vendors only)."""
    sm = sens.smaa
    index = {v: i for i, v in enumerate(sm.vendor_ids)}
    ids = [v for v in order if v in index] + [v for v in sm.vendor_ids if v not in order]
    ids = ids[:top]
    rows = tuple(
        (
            criterion_names.get(cid, cid),
            *(_finite(sm.central_weights[index[v], j]) for v in ids),
        )  # fmt: skip
        for j, cid in enumerate(sm.leaf_ids)
    )
    return Table(
        "central_weights",
        "The typical weights that make each vendor first",
        (
            Column("criterion", "Criterion"),
            *(Column(v, vendor_names.get(v, v), "share") for v in ids),
        ),
        rows,
        note="Shares of the total (SMAA-2 central weights); a dash where the vendor is never "
        "first.",
    )


def _finite(x: float) -> float | None:
    x = float(x)
    return None if x != x else x


def methods_table(sens: SensitivityResult, vendor_names: Mapping[str, str]) -> Table:
    """The ranking under every method: the chosen method first, then by key."""
    mc = sens.methods
    ordered = sorted(mc.rankings, key=lambda m: (m != mc.chosen, m))
    rows = tuple(
        (
            METHOD_REGISTRY[m].short,
            ranking_text(sens, m, vendor_names),
            mc.kendall_tau.get(m),
            mc.spearman_rho.get(m),
            differs_text(sens, m, vendor_names),
        )
        for m in ordered
    )
    return Table(
        "methods",
        "The ranking under every method",
        (
            Column("method", "Method"),
            Column("ranking", "Ranking"),
            Column("tau", "Same order? (Kendall \u03c4)", "ratio"),
            Column("rho", "Same order? (Spearman \u03c1)", "ratio"),
            Column("differs", "Ranked differently"),
        ),
        rows,
        note=" ".join(
            [
                f"Agreement with {LABELS.get(mc.chosen, mc.chosen)}: 1 is the same order, -1 the "
                "reverse.",
                *(f"{LABELS.get(m, m)} does not apply: {why}." for m, why in mc.skipped.items()),
            ]
        ),
    )


def ranking_text(sens: SensitivityResult, method: str, names: Mapping[str, str]) -> str:
    """'A > B > C = D': vendors best first, '=' between vendors that tie under that method."""
    ids = sens.methods.rankings[method]
    ranks = sens.methods.ranks.get(method, {})
    out = []
    for k, v in enumerate(ids):
        if k:
            here, before = ranks.get(v), ranks.get(ids[k - 1])
            out.append(" = " if here is not None and here == before else " > ")
        out.append(names.get(v, v))
    return "".join(out)


def differs_text(sens: SensitivityResult, method: str, names: Mapping[str, str]) -> str:
    """'DeepSeek 4 (5 under WSM), ...': vendors this method ranks differently from the chosen
    one; 'same ranks' when none; None (a dash) on the chosen method itself."""
    mc = sens.methods
    ranks, base = mc.ranks.get(method), mc.ranks.get(mc.chosen)
    if method == mc.chosen or ranks is None or base is None:
        return None  # type: ignore[return-value]
    moved = [v for v in mc.rankings[method] if v in base and ranks.get(v, base[v]) != base[v]]
    if not moved:
        return "same ranks"
    return ", ".join(
        f"{names.get(v, v)} {ranks[v]} ({base[v]} under {METHOD_REGISTRY[mc.chosen].short})"
        for v in moved
    )


def head_to_head_table(h: HeadToHead) -> Table:
    """Why the first beats the second, largest effect first."""
    return Table(
        "h2h",
        f"Head to head: {h.a_name} vs {h.b_name}",
        (
            Column("criterion", "Criterion"),
            Column("weight", "Share of the total", "share"),
            Column("a", f"{h.a_name} (0\u20131 rating)", "score"),
            Column("b", f"{h.b_name} (0\u20131 rating)", "score"),
            Column("diff", f"In favour of {h.a_name}", "signed"),
        ),
        tuple((r.name, r.weight, r.value_a, r.value_b, r.weighted_diff) for r in h.rows),
        note=f"Weighted difference in favour of {h.a_name}: {h.total:+.3f} in total; 0\u20131 "
        "ratings (each value placed between 0, worst, and 1, best), largest effect first.",
    )


def contributions_table(
    scores: Sequence[ScoreRow],
    leaves: Sequence[tuple[str, str]],
    vendor_names: Mapping[str, str],
    method: str,
) -> Table:
    """Criteria down, vendors across (rank order), so a typical shortlist fits a page."""
    rows = [(name, *(s.contributions[j] for s in scores)) for j, (_, name) in enumerate(leaves)]
    rows.append(("Total", *(sum(s.contributions) for s in scores)))
    note = (
        "Each cell is the criterion's share of the total \u00d7 the vendor's 0\u20131 rating "
        "(its value placed between 0, worst, and 1, best); a column adds up to the score."
        if method == "wsm"
        else "Each cell is share of the total \u00d7 0\u20131 rating, an approximation of what "
        f"drives a {METHOD_REGISTRY[method].short} score; the total is their sum, not the "
        "method's score."
    )
    return Table(
        "contributions",
        "What makes up each score",
        (
            Column("criterion", "Criterion"),
            *(Column(s.vendor, vendor_names.get(s.vendor, s.vendor), "score") for s in scores),
        ),
        tuple(rows),
        note=note,
    )


def sensitivity_section(
    weights: Sequence[WeightRow],
    order: Sequence[str],
    vendor_names: Mapping[str, str],
    sens: SensitivityResult,
    brief_tables: Sequence[Table] = (),
    top: int | None = None,
    ranks: int | None = None,
) -> list[Table]:
    """The sensitivity section of every output, in reading order: what flips it and what it
    would take (the brief's tables), how far each weight can move, where the leader changes,
    rank acceptability and every method."""
    return [
        *brief_tables,
        stability_table(weights, sens),
        crossovers_table(weights, sens, vendor_names),
        acceptability_table(order, sens, vendor_names, top, ranks),
        methods_table(sens, vendor_names),
    ]


def value_text(row: EvidenceRow) -> str:
    """A score as written: a number, a level label, or "unknown"."""
    v = row.value
    return v if isinstance(v, str) else f"{v:g}"


def range_text(row: EvidenceRow) -> str:
    """'7 to 9'; "" with no range or a range of one value."""
    if row.range is None or row.range[0] == row.range[1]:
        return ""
    lo, hi = (x if isinstance(x, str) else f"{x:g}" for x in row.range)
    return f"{lo} to {hi}"


def evidence_table(rows: Sequence[EvidenceRow], vendor_name: str) -> Table:
    """One vendor's scores as written, with the rationale and sources behind each, and what
    earns each score when the criteria carry a rubric."""
    rubric = any(e.rubric for e in rows)
    return Table(
        "evidence",
        vendor_name,
        (
            Column("criterion", "Criterion"),
            Column("value", "Value", "value"),
            Column("range", "Range", "value"),
            Column("rationale", "Rationale"),
            Column("sources", "Sources", "sources"),
            *((Column("rubric", "What earns a score"),) if rubric else ()),
        ),
        tuple(
            (
                e.criterion_name,
                value_text(e),
                range_text(e),
                e.rationale,
                tuple((s.title, s.url, s.date) for s in e.sources),
                *((e.rubric,) if rubric else ()),
            )
            for e in rows
        ),
    )
