"""Small statistics shared by the measures, defined to match ClickHouse.

``quantile`` interpolates linearly between order statistics, exactly like
ClickHouse's ``quantileExactInclusive``, so a board's p90 and a test's p90
are the same number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def quantile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def coefficient_of_variation(values: Sequence[float]) -> float | None:
    """Population standard deviation over the mean; 0 is perfectly even."""
    if not values or sum(values) == 0:
        return None
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) / mean


def share(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole``, or None when there is nothing to divide."""
    return round(100 * part / whole, 2) if whole else None
