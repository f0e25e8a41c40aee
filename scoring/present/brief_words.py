"""The decision brief in words: its sentences and its two tables, built from its numbers only.

One set of templates, deterministic (the same brief always reads the same), names for people
(vendor and criterion names, values in each criterion's own scale, shares as percentages). The
numbers themselves live in `scoring.present.brief`; nothing here computes one.
"""

from __future__ import annotations

from scoring.case import shown_value
from scoring.load import Case
from scoring.methods import LABELS
from scoring.model import Criterion
from scoring.outcome import PrometheeOutcome, VikorOutcome
from scoring.present.brief import CLEAR_MARGIN, Brief
from scoring.present.freshness import freshness_words
from scoring.present.table import Column, Table
from scoring.present.words import (
    SCORE_SAMPLING,
    WEIGHT_MODELS,
    count,
    join_names,
    num,
    pct,
    plural,
    short,
)
from scoring.rank import Ranking

FLIPS_IN_WORDS = 3  # the nearest weight changes named in the sentences; the table has them all


# --- the tables -------------------------------------------------------------------------------


def flips_table(b: Brief) -> Table:
    """Every weight change that alters the leader, nearest first."""
    return Table(
        "flips",
        "What flips it: one weight moved, the others left as they are",
        (
            Column("criterion", "Criterion"),
            Column("weight_now", "Weight now", "number"),
            Column("weight_flip", "Leader changes at", "number"),
            Column("share_now", "Share now", "share"),
            Column("share_flip", "Share then", "share"),
            Column("new_leader", "New leader"),
        ),
        tuple(
            (
                _c(b, f.criterion),
                f.weight_now,
                f.weight_flip,
                f.share_now,
                f.share_flip,
                _v(b, f.new_leader),
            )  # fmt: skip
            for f in b.flips
        ),
        note="Weights are the sidebar's slider values, the others left as they are, shares are of the total; a weight past "
        "the slider's end is reached by lowering the other weights of its group in proportion "
        "instead, which gives the same shares. A hair beyond the change point the new leader "
        "leads.",
        empty="No change of a single weight alters the leader.",
    )


def challengers_table(b: Brief, case: Case) -> Table:
    """What it would take for each other vendor to lead, in rank order."""
    rows = []
    for ch in b.challengers:
        if not ch.possible:
            rows.append((_v(b, ch.vendor), "no single score change is enough", None, None))
            continue
        now = "unknown" if ch.value_now is None else _value(case, ch.criterion, ch.value_now)
        rows.append(
            (
                _v(b, ch.vendor),
                _c(b, ch.criterion),
                now,
                _value(case, ch.criterion, ch.value_needed),
            )  # fmt: skip
        )
    left = b.challengers_total - b.challengers_checked
    note = "Values in each criterion's own scale; the vendor leads a hair beyond the needed value."
    if left > 0:
        nearest = plural(b.challengers_checked, "vendor")
        note += f" Checked for the {nearest} nearest the top only."
    return Table(
        "challengers",
        "What it would take: the smallest change of one score that puts each vendor first",
        (
            Column("vendor", "Vendor"),
            Column("criterion", "Criterion"),
            Column("value_now", "Value now", "value"),
            Column("value_needed", "Value needed", "value"),
        ),
        tuple(rows),
        note=note,
        empty="No other vendor is ranked.",
    )


def method_table(b: Brief) -> Table | None:
    """The method's own results per vendor (VIKOR's S, R, Q and compromise set; PROMETHEE I's
    two flows), in rank order; None for a method that has none."""
    o = b.outcome
    order = [b.leader, *(ch.vendor for ch in b.challengers)] if b.challengers else None
    if isinstance(o, VikorOutcome):
        ids = order or sorted(o.Q, key=o.Q.__getitem__)
        chosen = set(o.compromise)
        return Table(
            "vikor",
            f"VIKOR in detail (v = {num(o.v)})",
            (
                Column("vendor", "Vendor"),
                Column("S", "Total shortfall (S)", "score"),
                Column("R", "Worst single shortfall (R)", "score"),
                Column("Q", "Score (Q, lower is better)", "score"),
                Column("compromise", "Proposed"),
            ),
            tuple((_v(b, v), o.S[v], o.R[v], o.Q[v], "yes" if v in chosen else "no") for v in ids),
            note=f"Shortfalls are weighted shares of the gap between the best and the worst "
            f"vendor on each criterion. The best vendor by Q is proposed alone when it is ahead "
            f"of the next by at least {num(o.dq)} and also best by S or R (Opricovic & Tzeng "
            "2007); otherwise the vendors marked are proposed together.",
        )
    if isinstance(o, PrometheeOutcome):
        ids = order or sorted(o.plus, key=lambda v: o.minus[v] - o.plus[v])
        return Table(
            "promethee",
            "PROMETHEE in detail",
            (
                Column("vendor", "Vendor"),
                Column("plus", "Preferred to others (phi+)", "score"),
                Column("minus", "Others preferred to it (phi-)", "score"),
                Column("net", "Score (net flow phi)", "score"),
            ),
            tuple((_v(b, v), o.plus[v], o.minus[v], o.plus[v] - o.minus[v]) for v in ids),
            note="Each flow is the average, over the other vendors, of the weighted preference "
            "degrees (0 to 1). PROMETHEE I orders two vendors only when one is ahead on both "
            "flows; "
            + (
                f"{plural(len(o.incomparable), 'pair')} cannot be ordered so."
                if o.incomparable
                else "every pair can be ordered so here."
            ),
        )
    return None


# --- the sentences ----------------------------------------------------------------------------


def sentences(b: Brief, result: Ranking) -> list[str]:
    """The brief in words, from its numbers only; the same input always gives the same text."""
    if b.leader is None:
        return ["No vendor passes the must-haves, so nothing is ranked.", _excluded_text(b)]
    return [
        _headline(b),
        *method_texts(b),
        _confidence_text(b),
        *_flip_texts(b),
        _challenger_text(b, result),
        *_unknown_texts(b, result),
        _idle_text(b),
        _methods_text(b),
        *freshness_words(b.freshness, b.freshness_months),
        _excluded_text(b),
        b.sensitivity_note and f"Robustness checks: {b.sensitivity_note}.",
    ]


def _v(b: Brief, vid: str) -> str:
    return b.vendor_names.get(vid, vid)


def _c(b: Brief, cid: str) -> str:
    return b.criterion_names.get(cid, cid)


def _headline(b: Brief) -> str:
    """Who leads and by how much, in the margin card's terms: points, and % of the leader's
    score (saying "16% ahead of B" would read as B's score times 1.16)."""
    lead = _v(b, b.leader)
    if b.runner_up is None:
        return f"{lead} is the only vendor ranked (score {num(b.leader_score)})."
    second = _v(b, b.runner_up)
    if b.margin == 0:  # "ahead by 0.0%" would read as a lead
        score = num(b.leader_score)
        return f"No clear winner: {lead} is tied for first with {second} (score {score})."
    runner = b.runner_up_score
    gap = f"{num(b.margin)} points"
    if b.margin_pct is not None:
        gap += f", {b.margin_pct:.1f}% of the leader's score"
    if b.clear_winner:
        lower = "" if b.higher_is_better else " (lower is better)"
        return (
            f"{lead} leads with a score of {num(b.leader_score)}{lower}, ahead of {second} "
            f"({num(runner)}) by {gap}."
        )
    why = (
        f"its lead over {second} ({num(runner)}) is only {gap}"
        if b.margin_pct is not None and b.margin_pct < 100 * CLEAR_MARGIN
        else f"it leads {second} ({num(runner)}) by {gap} yet ranks first in only "
        f"{pct(b.confidence.rank1 if b.confidence else None)} of the simulations"
    )
    return f"No clear winner: {lead} is ahead ({num(b.leader_score)}), but {why}."


def method_texts(b: Brief) -> list[str]:
    """What the method itself says beyond the scores: VIKOR's compromise, PROMETHEE I's
    incomparable pairs."""
    o = b.outcome
    if isinstance(o, VikorOutcome):
        return [_vikor_text(b, o)]
    if isinstance(o, PrometheeOutcome) and o.incomparable:
        pairs = [f"{_v(b, a)} and {_v(b, c)}" for a, c in o.incomparable[:FLIPS_IN_WORDS]]
        shown = "; ".join(pairs)
        more = len(o.incomparable) - FLIPS_IN_WORDS
        return [
            "PROMETHEE I cannot order "
            + shown
            + (f" (and {more} more pairs)" if more > 0 else "")
            + ": each is preferred more strongly than the other on some criteria and less on "
            "others, so the net score's order between them is a close call."
        ]
    return []


def _vikor_text(b: Brief, o: VikorOutcome) -> str:
    best = _v(b, o.best)
    if len(o.compromise) == 1:
        return (
            f"VIKOR proposes {best} alone: its score is ahead of the next vendor by at least "
            f"{num(o.dq)} (acceptable advantage), and it is also best on the total or on the "
            "worst single shortfall (acceptable stability)."
        )
    names = join_names([_v(b, v) for v in o.compromise])
    why = (
        f"the next vendors' scores are within {num(o.dq)} of {best}'s (no acceptable advantage)"
        if not o.advantage
        else f"{best} is best neither on the total nor on the worst single shortfall (no "
        "acceptable stability)"
    )
    return f"VIKOR proposes {names} together as the compromise: {why}."


def _confidence_text(b: Brief) -> str:
    c = b.confidence
    if c is None:
        return ""
    how = f"{WEIGHT_MODELS.get(c.weights_model, c.weights_model)}; " + SCORE_SAMPLING.get(
        c.score_sampling, c.score_sampling
    )
    return (
        f"{_v(b, b.leader)} ranks first in {pct(c.rank1)} of {count(c.samples)} simulations "
        f"({how}; seed {c.seed})."
    )


def _flip_texts(b: Brief) -> list[str]:
    """The nearest weight changes that alter the leader: who would lead, the share of the total
    first (a slider stops at its end; the same share can be reached by lowering the criterion's
    siblings in proportion), then the slider value."""
    if b.confidence is None:
        return []
    if not b.flips:
        return ["No change of a single weight alters the leader."]
    near = b.flips[:FLIPS_IN_WORDS]
    parts = [
        f"{_v(b, f.new_leader)} would lead if {_c(b, f.criterion)} carried {pct(f.share_flip)} "
        f"of the total instead of {pct(f.share_now)} (its weight at {short(f.weight_flip, 1)} "
        f"instead of {short(f.weight_now, 1)}, the other weights unchanged)"
        for f in near
    ]
    more = len(b.flips) - len(near)
    tail = f" ({plural(more, 'more change')} in the table)" if more > 0 else ""
    return ["; ".join(parts) + tail + "."]


def _value(case: Case, cid: str, x: float) -> str:
    c: Criterion = case.by_id[cid]
    if c.levels is not None:
        return shown_value(x, c)
    return f"{short(x)} {c.unit}".strip() if c.unit else short(x)


def _challenger_text(b: Brief, result: Ranking) -> str:
    if not b.challengers:
        return ""
    ch = b.challengers[0]  # the runner-up
    who = _v(b, ch.vendor)
    if not ch.possible:
        return f"No change of a single score would put {who} in the lead."
    c = result.case.by_id[ch.criterion]
    now = "unknown" if ch.value_now is None else _value(result.case, ch.criterion, ch.value_now)
    verb = "rose" if c.direction == "benefit" else "fell"
    bar = _value(result.case, ch.criterion, ch.value_needed)
    beyond = "to" if c.levels is not None else ("above" if verb == "rose" else "below")
    return f"{who} would lead if its {c.name} {verb} from {now} {beyond} {bar}."


def _unknown_texts(b: Brief, result: Ranking) -> list[str]:
    out = []
    for u in b.unknowns_that_matter:
        end = "the best" if u.end == "best" else "the worst"
        out.append(
            f"{_v(b, u.vendor)}'s {_c(b, u.criterion)} is unknown: at {end} end of its scale "
            f"({_value(result.case, u.criterion, u.value)}), {_v(b, u.new_leader)} would lead."
        )
    return out


def _idle_text(b: Brief) -> str:
    if not b.idle_criteria:
        return ""
    names = join_names([f"{_c(b, x.criterion)} ({pct(x.share)})" for x in b.idle_criteria])
    verb = "carries" if len(b.idle_criteria) == 1 else "carry"
    return (
        f"{names} {verb} weight but barely separate the vendors: they score almost the same "
        "there, so that weight hardly changes the order."
    )


def _methods_text(b: Brief) -> str:
    if b.confidence is None:
        return ""
    if not b.methods_disagree:
        return f"Every ranking method agrees that {_v(b, b.leader)} leads."
    return (
        "Other methods disagree: "
        + "; ".join(
            f"{LABELS.get(d.method, d.method)} puts {_v(b, d.leader)} first"
            for d in b.methods_disagree
        )
        + "."
    )


def _excluded_text(b: Brief) -> str:
    if not b.excluded:
        return ""
    items = "; ".join(f"{_v(b, e.vendor)} ({', '.join(e.reasons)})" for e in b.excluded)
    return f"Set aside by a must-have: {items}."
