"""Numbers rounded for reading, and the plain words for settings, in one place.

Numbers shown to people are rounded here; numbers stored or exported stay exact elsewhere.
"""

from __future__ import annotations

from scoring.scenario.settings import SCORE_SAMPLING_PHRASES, WEIGHTS_MODEL_PHRASES

DASH = "\u2014"

# How SMAA draws weights and scores, as a phrase in a sentence: declared with the settings.
WEIGHT_MODELS = WEIGHTS_MODEL_PHRASES
SCORE_SAMPLING = SCORE_SAMPLING_PHRASES

# SMAA's confidence factor, as its column is headed and as notes about it name it.
CONFIDENCE_COLUMN = "First at its typical weights (confidence)"


def num(x: float | None, places: int = 3) -> str:
    """A number rounded for reading; a dash when missing."""
    return DASH if x is None else f"{x:.{places}f}"


def count(x: object) -> str:
    """A whole number with thousands separators (10,000)."""
    return f"{x:,}" if isinstance(x, int) else str(x)


def pct(x: float | None, places: int = 1) -> str:
    """A share (0..1) as a percentage: 0.549 -> '54.9%'."""
    return DASH if x is None else f"{100 * x:.{places}f}%"


def short(x: float, places: int = 2) -> str:
    """A value in a criterion's own numbers or a raw weight, without trailing zeros: 8.50 -> 8.5."""
    text = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 vendor', '3 vendors'."""
    return f"{count(n)} {one if n == 1 else (many or one + 's')}"


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
