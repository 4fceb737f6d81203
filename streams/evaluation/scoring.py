"""Scoring alerts against the incidents that were injected.

Example::

    score = Scorer(planned, start)
    score.alert(Alert("cxpulse", at_ms, {"channel:chat", "topic:billing"}))
    score.report()     # precision, recall, delays, false alerts per day, per class

An alert is a true detection when it is raised between an incident's start
and ``GRACE`` after its end and names one of its channels, its topic or
"all"; otherwise it is a false alert. An incident's delay is event time from
its start to its first true detection.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from streams.evaluation.schedule import Planned

GRACE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Alert:
    at_ms: int
    series: frozenset[str]  # e.g. {"channel:chat", "topic:billing", "all"}


@dataclass(slots=True)
class Scorer:
    planned: list[Planned]
    start: datetime
    days: float
    alerts: list[Alert] = field(default_factory=list)

    def _window(self, p: Planned) -> tuple[int, int]:
        begin = self.start + p.incident.start
        return _ms(begin), _ms(begin + p.incident.duration + GRACE)

    def matches(self, alert: Alert, p: Planned) -> bool:
        begin, end = self._window(p)
        named = {f"channel:{c}" for c in p.incident.channels} | {f"topic:{p.incident.topic}", "all"}
        return begin <= alert.at_ms <= end and bool(alert.series & named)

    def delay_s(self, p: Planned) -> float | None:
        hits = [a.at_ms for a in self.alerts if self.matches(a, p)]
        return (min(hits) - self._window(p)[0]) / 1000 if hits else None

    def report(self) -> dict[str, Any]:
        false = [a for a in self.alerts if not any(self.matches(a, p) for p in self.planned)]
        out: dict[str, Any] = {"alerts": len(self.alerts), "false_alerts": len(false),
               "false_alerts_per_day": round(len(false) / self.days, 3),
               "precision": _ratio(len(self.alerts) - len(false), len(self.alerts))}
        classes = {"all": self.planned, "target": [p for p in self.planned if p.target],
                   "negative": [p for p in self.planned if p.kind == "negative"],
                   "outage": [p for p in self.planned if p.kind == "outage"]}
        out |= {name: self._recall(group) for name, group in classes.items()}
        out["missed"] = [p.label for p in self.planned if self.delay_s(p) is None]
        out["false_alert_series"] = sorted(",".join(sorted(a.series)) for a in false)
        return out

    def _recall(self, group: list[Planned]) -> dict[str, Any]:
        delays = sorted(d for p in group if (d := self.delay_s(p)) is not None)
        return {"incidents": len(group), "detected": len(delays), "recall": _ratio(len(delays), len(group)),
                "median_delay_s": statistics.median(delays) if delays else None,
                "p90_delay_s": delays[min(len(delays) - 1, int(0.9 * len(delays)))] if delays else None}


def _ms(t: datetime) -> int:
    return int(t.timestamp() * 1000)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None
