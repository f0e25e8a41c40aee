"""The weight-elicitation tables (AHP, ROC, swing), described once for the app and the CLI."""

from __future__ import annotations

from collections.abc import Mapping

from scoring.present.table import Column, Table
from scoring.weights import AhpResult, saaty_text


def proposed_weights_table(
    proposed: Mapping[str, float], current: Mapping[str, float], names: Mapping[str, str]
) -> Table:
    """Each criterion's proposed share of its group next to its share now."""
    return Table(
        "proposed_weights",
        "Proposed weights",
        (
            Column("criterion", "Criterion"),
            Column("proposed", "Proposed share of group", "share"),
            Column("now", "Share of group now", "share"),
        ),
        tuple((names.get(c, c), w, current.get(c, 0.0)) for c, w in proposed.items()),
        note="Applying sets each slider to its proposed share x 100; the group's weight in the "
        "total stays as it is.",
    )


def inconsistency_table(result: AhpResult, names: Mapping[str, str]) -> Table:
    """The judgements that contribute most to the inconsistency, with the value that fits."""
    return Table(
        "inconsistent",
        "Judgements to revisit",
        (
            Column("judgement", "Judgement"),
            Column("given", "You said"),
            Column("fits", "Would fit the others"),
            Column("share", "Share of the inconsistency", "share"),
        ),
        tuple(
            (
                f"{names.get(x.a, x.a)} over {names.get(x.b, x.b)}",
                saaty_text(x.value),
                x.nearest,
                x.share,
            )
            for x in result.inconsistent
        ),
        note="On Saaty's scale: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely "
        "more important; 1/3 etc. the reverse.",
        empty="The judgements are consistent enough.",
    )
