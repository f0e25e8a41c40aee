"""The round's agreed scores as case data, so the case files stay the record.

Each evaluated cell gets its agreed value (the facilitator's consensus, else the mean:
scoring.evaluators), the evaluators' lowest to highest as its range, a rationale that says how it
was agreed and what each evaluator said, and the sources of the case file followed by every
evaluator's (each link once). Cells nobody evaluated keep the case's score as it is. The result is
an ordinary `Case`: `shortlist round export` writes its vendors as YAML files or a score sheet, and
the app offers them as downloads (scoring.edits).

`agreed_scores` is what the whole app ranks with once a team adopts the round: the same agreed
values and ranges applied to the case as score edits (scoring.scenario.overrides), so a share
link carries them (`o=`) and reproduces the ranking with no store at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from scoring.evaluators import Cell, Evaluation, agreed_from
from scoring.load import Case, EditOrigin, fingerprint
from scoring.model import Score, Source
from scoring.present.words import short
from scoring.scenario import overrides

RATIONALE_CHARS = 20_000  # scoring.model.Text
MAX_SOURCES = 50


def agreed_record(case: Case, found: Sequence[Cell], evidence: Sequence[Evaluation]) -> Case:
    """`case` with every cell of `found` at its agreed value, its range, and the evidence of the
    evaluations behind it (each with `rationale` and, when kept, `sources`)."""
    agreed = agreed_from(case, found)
    by_cell: dict[tuple[str, str], list[Evaluation]] = {}
    for e in evidence:
        by_cell.setdefault((e.vendor, e.criterion), []).append(e)
    cells = {(c.vendor, c.criterion): c for c in found}
    vendors = []
    for v in agreed.vendors:
        scores = dict(v.scores)
        for (vid, cid), cell in cells.items():
            if vid != v.id:
                continue
            old = scores[cid]
            said = by_cell.get((vid, cid), [])
            scores[cid] = Score(
                value=old.value,
                range=old.range,
                rationale=_rationale(cell, said)[:RATIONALE_CHARS],
                sources=_sources(old.sources, said),
            )
        vendors.append(v.model_copy(update={"scores": scores}))
    return replace(agreed, vendors=tuple(vendors))


def agreed_scores(base: Case, found: Sequence[Cell], evidence: Sequence[Evaluation] = ()) -> Case:
    """`base` with each cell of `found` at its agreed value (consensus, else the mean) and, where
    the evaluators differ, their lowest to highest as its range (what the robustness simulations
    sample), applied as score edits: its origin names the changes for a share link, or None
    there when they are more than a link carries. With `evidence` (the evaluations behind the
    cells), each evaluated cell's rationale and sources say how it was agreed, as the export's
    do; a share link carries the values and ranges only. `base` itself when no value or range
    changes; cells of vendors or criteria `base` does not have are left out. Raises CaseError,
    every problem named, when an agreed value breaks a rule of the case (off the scale)."""
    leaves = {c.id for c in base.leaves}
    known = [c for c in found if c.vendor in base.vendor_by_id and c.criterion in leaves]
    agreed = agreed_from(base, known)
    changes = overrides.overrides_between(base, agreed)
    if changes == ():
        return base
    if changes is None:  # a cell the case has no score for: more than a link carries
        edited = replace(agreed, origin=EditOrigin(base.fingerprint, None))
    else:
        edited = overrides.with_changes(base, changes)
    if not evidence:
        return edited
    return _with_evidence(edited, agreed_record(base, known, evidence), known)


def _with_evidence(edited: Case, record: Case, known: Sequence[Cell]) -> Case:
    """`edited` with the rationale and sources of `record` in each cell of `known`."""
    cells = {(c.vendor, c.criterion) for c in known}
    vendors = []
    for v, said in zip(edited.vendors, record.vendors, strict=True):
        scores = {
            cid: score.model_copy(
                update={
                    "rationale": said.scores[cid].rationale,
                    "sources": said.scores[cid].sources,
                }
            )
            if (v.id, cid) in cells
            else score
            for cid, score in v.scores.items()
        }
        vendors.append(v.model_copy(update={"scores": scores}))
    stamp = fingerprint(edited.info, edited.criteria, vendors)
    return replace(edited, vendors=tuple(vendors), fingerprint=stamp)


def _rationale(cell: Cell, said: Sequence[Evaluation]) -> str:
    how = (
        f"Agreed in the team round: {cell.reason.rstrip('.')}."
        if cell.reason
        else "The mean of the evaluators' scores in the team round."
    )
    each = [
        f"{e.evaluator} ({e.value if isinstance(e.value, str) else short(e.value)})"
        + (f": {e.rationale}" if e.rationale else "")
        for e in said
        if e.evaluator in cell.values
    ]
    return how + (" Evaluators: " + "; ".join(each) + "." if each else "")


def _sources(kept: Sequence[Source], said: Sequence[Evaluation]) -> list[Source]:
    out = list(kept)
    seen = {s.url or s.title for s in kept}
    for e in said:
        for raw in getattr(e, "sources", ()):
            source = _source(raw)
            if (source.url or source.title) not in seen:
                seen.add(source.url or source.title)
                out.append(source)
    return out[:MAX_SOURCES]


def _source(raw: Mapping) -> Source:
    """A stored source (JSON) as the model takes it: a full date back to a date."""
    date = raw.get("date")
    if isinstance(date, str) and len(date) == len("2025-01-31"):
        raw = {**raw, "date": dt.date.fromisoformat(date)}
    return Source.model_validate(raw)
