"""Incidents: related alerts grouped into one page, with severity and a summary.

Example::

    inc = Incident.open("delivery", opened_ms=now)
    inc.join("negative_rate|channel:email", finding)
    inc.join("negative_rate|channel:chat", finding2)
    inc.severity, summary(inc)      # 'warning', 'Negative rate 3.1x baseline on chat, email ...'

Alerts join the open incident of their group: the topic the excess is
about (a delivery outage on email, chat and social is one incident listing
three segments), ``account:<id>`` for an account's burst. Severity follows
magnitude (the conservative ratio: interval lower end over baseline) and
reach (how many segments, how many contacts beyond the baseline).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from processors.detection.finding import Finding

Severity = Literal["info", "warning", "critical"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "critical")


@dataclass(slots=True)
class Segment:
    key: str  # the alert's dedup key
    series: str
    metric: str
    since_ms: int
    peak: dict[str, Any]  # the strongest finding so far
    status: str = "firing"
    resolved_ms: int = 0


@dataclass(slots=True)
class Incident:
    id: str
    group: str
    opened_ms: int
    status: str = "firing"
    resolved_ms: int = 0
    seq: int = 0  # bumped by every change that is notified
    changed_ms: int = 0  # event time of the last notified change (the detector's clock then)
    severity: Severity = "info"
    segments: dict[str, Segment] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)  # channels it is about
    topics: list[str] = field(default_factory=list)
    top_topics: list[list[Any]] = field(default_factory=list)  # [topic, negatives]
    examples: list[dict[str, Any]] = field(default_factory=list)
    quiet_ms: int = 0  # every segment resolved at this time: the episode may still return (0: not quiet)
    note: str = ""  # e.g. "level shift learned ..."
    account: dict[str, Any] = field(default_factory=dict)  # account incidents: value, currency, owner, usual rate
    route: dict[str, str] = field(default_factory=dict)  # routing labels, fixed at the first notification

    @classmethod
    def open(cls, group: str, opened_ms: int) -> Incident:
        stamp = datetime.fromtimestamp(opened_ms / 1000, UTC).strftime("%Y%m%dT%H%M%S")
        return cls(f"{group.replace(':', '-')}-{stamp}", group, opened_ms)

    @property
    def series(self) -> set[str]:
        return {s.series for s in self.segments.values()}

    def join(self, key: str, finding: Finding, since_ms: int) -> None:
        self.segments[key] = Segment(key, finding.series, finding.metric, since_ms, finding.to_dict())

    def peak(self, key: str, finding: Finding) -> bool:
        """Keep the strongest finding of a segment; True when it changed."""
        seg = self.segments[key]
        if finding.p_value >= seg.peak["p_value"] and finding.ratio_low <= Finding.from_dict(seg.peak).ratio_low:
            return False
        seg.peak = finding.to_dict()
        return True

    def resolve_segment(self, key: str, now_ms: int) -> bool:
        """Mark one segment resolved; True when that resolves the whole incident."""
        self.segments[key].status, self.segments[key].resolved_ms = "resolved", now_ms
        if any(s.status == "firing" for s in self.segments.values()):
            return False
        self.status, self.resolved_ms = "resolved", now_ms
        return True

    def rate_severity(self) -> Severity:
        findings = [Finding.from_dict(s.peak) for s in self.segments.values()]
        ratio = max(f.ratio_low for f in findings)
        excess = sum(max(0.0, f.excess) for f in findings if not f.series.startswith("topic:"))
        reach = len({f.series for f in findings})
        if self.group.startswith("account:"):
            return "warning"
        if self.group.startswith("drop:"):  # contacts stopped arriving: how far below, and where
            drop = min(f.ratio for f in findings)
            return "critical" if drop <= 0.1 and self.group == "drop:all" else "warning"
        if ratio >= 3 and (reach >= 3 or excess >= 50):
            return "critical"
        return "warning" if ratio >= 2 or reach >= 2 else "info"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Incident:
        segments = {k: Segment(**v) for k, v in data["segments"].items()}
        return cls(**{**data, "segments": segments, "account": data.get("account") or {},
                      "route": data.get("route") or {}})
