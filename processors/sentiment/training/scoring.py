"""Metrics for polarity models: binary accuracy/macro-F1 and 3-class macro-F1.

Gold labels from graded VADER ratings (scaled to -1..1): neutral when
``|rating| < NEUTRAL_GOLD`` (0.5 on the original -4..4 scale); binary
evaluation uses only rows outside that band, plus all hard-labelled rows.
"""

from __future__ import annotations

from collections.abc import Sequence

NEUTRAL_GOLD = 0.125


def gold3(rating: float) -> str:
    if abs(rating) < NEUTRAL_GOLD:
        return "neutral"
    return "positive" if rating > 0 else "negative"


def is_polar(rating: float, graded: bool) -> bool:
    return not graded or abs(rating) >= NEUTRAL_GOLD


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    classes = sorted(set(gold))
    f1s = []
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def by_band(scores: Sequence[float], band: float) -> list[str]:
    return ["neutral" if abs(s) < band else ("positive" if s > 0 else "negative") for s in scores]


def best_band(scores: Sequence[float], ratings: Sequence[float]) -> float:
    """Neutral half-width that maximises 3-class macro-F1 on graded ratings."""
    gold = [gold3(r) for r in ratings]
    grid = [i / 100 for i in range(96)]
    return max(grid, key=lambda b: (macro_f1(gold, by_band(scores, b)), -b))
