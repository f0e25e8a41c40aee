"""What one reader may see of a round, read once for the app, the CLI and the round's report:
the submissions and the evaluators' scores, each hidden (empty) until the reader has given that
kind of input, unless they hold the facilitator's token or the round shows inputs to all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from scoring.evaluators import Consensus, Evaluation, settled
from scoring.store import evaluations, rounds
from scoring.store.core import Store


@dataclass(frozen=True)
class RoundInputs:
    """The submissions (each with `participant`, `role`, `weights`, `judgements`), the
    evaluators' scores in each phase and the consensus scores."""

    title: str
    submissions: Sequence = ()
    independent: Sequence[Evaluation] = ()
    discussed: Sequence[Evaluation] = ()
    consensus: dict[tuple[str, str], Consensus] = field(default_factory=dict)

    @property
    def latest(self) -> list[Evaluation]:
        """Each evaluator's latest score per cell (scoring.evaluators.settled)."""
        return settled(self.independent, self.discussed)

    @property
    def empty(self) -> bool:
        return not (self.submissions or self.independent or self.discussed)


def seen_by(
    store: Store, round_id: str, who: str | None = None, token: str | None = None
) -> RoundInputs | None:
    """The round as `who` (or the facilitator's `token`) may see it; None while they may see
    neither the weights nor the scores (blind until they give an input)."""
    r = rounds.get_round(store, round_id)
    subs = rounds.visible_submissions(store, r.id, who, token)
    independent = evaluations.scores(store, r.id, who, token)
    if subs is None and independent is None:
        return None
    discussed = evaluations.scores(store, r.id, who, token, "discussed") or ()
    if independent is None:
        discussed = ()
    return RoundInputs(
        r.title, subs or (), independent or (), discussed, evaluations.consensus(store, r.id)
    )
