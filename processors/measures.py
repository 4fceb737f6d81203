"""Survey measures: one definition each, shared by boards, alerts and tests.

Example::

    from processors.measures import nps, csat
    nps([10, 9, 8, 3])    # 25.0: 50% promoters - 25% detractors
    csat([5, 4, 2])       # 66.67: share of 4-5 answers
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
LOWER_IS_BETTER = {"ces"}  # CES asks how much effort it took


def nps(scores: Sequence[int]) -> float | None:
    """Net Promoter Score, -100..100: % promoters (9-10) minus % detractors (0-6)."""
    if not scores:
        return None
    promoters = sum(s >= 9 for s in scores)
    detractors = sum(s <= 6 for s in scores)
    return round(100 * (promoters - detractors) / len(scores), 2)


def csat(scores: Sequence[int]) -> float | None:
    """Customer satisfaction, 0..100: % of 1-5 answers that are 4 or 5."""
    return round(100 * sum(s >= 4 for s in scores) / len(scores), 2) if scores else None


def ces_mean(scores: Sequence[int]) -> float | None:
    """Customer effort score: mean of 1-7 answers (higher = more effort)."""
    return round(sum(scores) / len(scores), 2) if scores else None


def ces_high_effort(scores: Sequence[int]) -> float | None:
    """% of CES answers at 5-7 (high effort)."""
    return round(100 * sum(s >= 5 for s in scores) / len(scores), 2) if scores else None


def negative_rate(labels: Sequence[str]) -> float | None:
    """% of scored messages labelled negative."""
    return round(100 * sum(lab == "negative" for lab in labels) / len(labels), 2) if labels else None


@dataclass(frozen=True, slots=True)
class TopBox:
    """Shares (%) of the best answer, the one just below it, and all others."""

    top: float
    next: float
    rest: float


def top_box(scores: Sequence[int], survey_type: str) -> TopBox | None:
    """Top-box split: loyalty intent drops sharply one box below the top.

    The best box is 10 for NPS, 5 for CSAT and 1 (least effort) for CES.
    """
    if not scores:
        return None
    low, high = SCALES[survey_type]
    best, step = (low, 1) if survey_type in LOWER_IS_BETTER else (high, -1)
    top = 100 * sum(s == best for s in scores) / len(scores)
    nxt = 100 * sum(s == best + step for s in scores) / len(scores)
    return TopBox(round(top, 2), round(nxt, 2), round(100 - top - nxt, 2))
