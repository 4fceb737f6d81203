"""A dashboard time range and the query interval Grafana derives from it.

Example::

    r = TimeRange.last(hours=6, now=datetime(2026, 10, 9, 12, tzinfo=UTC))
    r.interval_ms(min_interval="1m")   # 60000: 6 h / 1000 points is 21.6 s, raised to the panel's 1 m
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

# Grafana's rangeutil.roundInterval: (upper bound, rounded interval), both in ms.
_ROUND = ((15, 10), (35, 20), (75, 50), (150, 100), (350, 200), (750, 500), (1_500, 1_000),
          (3_500, 2_000), (7_500, 5_000), (12_500, 10_000), (17_500, 15_000), (25_000, 20_000),
          (45_000, 30_000), (90_000, 60_000), (210_000, 120_000), (450_000, 300_000),
          (750_000, 600_000), (1_050_000, 900_000), (1_500_000, 1_200_000), (2_700_000, 1_800_000),
          (5_400_000, 3_600_000), (9_000_000, 7_200_000), (16_200_000, 10_800_000),
          (32_400_000, 21_600_000), (86_400_000, 43_200_000), (604_800_000, 86_400_000),
          (1_814_400_000, 604_800_000), (3_628_800_000, 2_592_000_000))
_UNITS = {"ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000}


@dataclass(frozen=True, slots=True)
class TimeRange:
    start: datetime
    end: datetime
    max_data_points: int = 1000

    @classmethod
    def last(cls, now: datetime, **delta: float) -> TimeRange:
        return cls(now - timedelta(**delta), now)

    @property
    def from_ms(self) -> int:
        return int(self.start.timestamp() * 1000)

    @property
    def to_ms(self) -> int:
        return int(self.end.timestamp() * 1000)

    def interval_ms(self, min_interval: str | None = None) -> int:
        raw = round_interval((self.to_ms - self.from_ms) // max(self.max_data_points, 1))
        return max(raw, parse_duration_ms(min_interval)) if min_interval else raw


def round_interval(ms: int) -> int:
    return next((rounded for bound, rounded in _ROUND if ms < bound), 31_536_000_000)


def parse_duration_ms(text: str) -> int:
    match = re.fullmatch(r"(\d+)(ms|s|m|h|d|w)", text.strip())
    if not match:
        raise ValueError(f"not a Grafana duration: {text!r}")
    return int(match[1]) * _UNITS[match[2]]


def interval_text(ms: int) -> str:
    """``$__interval`` as Grafana writes it: the largest whole unit (``30s``, ``1m``, ``2h``)."""
    for unit in ("w", "d", "h", "m", "s"):
        if ms % _UNITS[unit] == 0:
            return f"{ms // _UNITS[unit]}{unit}"
    return f"{ms}ms"
