"""Ranking methods. Each takes V (m, n) or (k, m, n) and W (k, n) and returns scores (k, m)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scoring.methods.topsis import topsis
from scoring.methods.wpm import wpm
from scoring.methods.wsm import wsm

METHODS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "wsm": wsm,
    "wpm": wpm,
    "topsis": topsis,
}
LABELS = {
    "wsm": "Weighted sum (WSM)",
    "wpm": "Weighted product (WPM)",
    "topsis": "TOPSIS",
}
ADDITIVE = frozenset({"wsm"})

__all__ = ["ADDITIVE", "LABELS", "METHODS", "topsis", "wpm", "wsm"]
