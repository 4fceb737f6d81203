"""One incident seen through the detector's eyes, minute by minute, for the plot.

Example::

    trace = Trace.around(planned, start, cfg)
    trace.record(at_ms, detector, ours, theirs)     # after every step
    trace.minutes[0]   # {"t": ..., "observed": 0.31, "baseline": 0.28, "threshold": 0.52}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from processors.detection import DetectorConfig, SpikeDetector
from processors.detection.significance import binomial_tail
from processors.detection.windows import RATE_MASS
from streams.evaluation.schedule import Planned

MARGIN = timedelta(minutes=60)
WINDOW = 5  # minutes the plotted rate is taken over


@dataclass(slots=True)
class Trace:
    planned: Planned
    series: str
    begin_ms: int
    end_ms: int
    alpha: float
    minutes: list[dict[str, Any]] = field(default_factory=list)
    ours: list[int] = field(default_factory=list)
    theirs: list[int] = field(default_factory=list)
    last_minute: int = 0

    @classmethod
    def around(cls, planned: Planned, start: datetime, cfg: DetectorConfig) -> Trace:
        begin = start + planned.incident.start - MARGIN
        end = start + planned.incident.end + MARGIN
        return cls(planned, f"channel:{planned.incident.channels[0]}", int(begin.timestamp() * 1000),
                   int(end.timestamp() * 1000), cfg.alpha)

    def record(self, at_ms: int, detector: SpikeDetector, ours: dict[str, tuple[int, set[str]]],
               theirs: list[tuple[int, set[str]]]) -> None:
        minute = at_ms // 60_000 * 60
        if not self.begin_ms <= at_ms <= self.end_ms or minute == self.last_minute:
            return
        self.last_minute = minute
        self.minutes.append(self._point(detector, minute - 60))
        self.ours = sorted({t for t, _ in ours.values() if self.begin_ms <= t <= self.end_ms})
        self.theirs = sorted({t for t, _ in theirs if self.begin_ms <= t <= self.end_ms})

    def _point(self, detector: SpikeDetector, minute: int) -> dict[str, Any]:
        kind = self.series.split(":")[1]
        state, clock = detector.state, detector.state.clock()
        totals = [state.totals(minute - 60 * back, kind, clock.marks) for back in range(WINDOW)]
        n = sum(t[("contacts", None)] for t in totals)
        k = sum(t[("negative", None)] for t in totals)
        p0 = state.baseline(self.series).rate(minute, "negative", "contacts", RATE_MASS)
        return {"t": minute, "observed": k / n if n else None, "contacts": n, "baseline": p0,
                "threshold": _threshold(n, p0, self.alpha) if p0 is not None else None}


def _threshold(n: int, p0: float, alpha: float) -> float | None:
    """The smallest negative rate over n contacts the test would call significant."""
    for k in range(n + 1):
        if binomial_tail(k, n, p0) <= alpha:
            return k / n
    return None
