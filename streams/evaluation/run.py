"""One evaluation run: simulate, detect with both detectors, score, trace one incident.

Example::

    result = evaluate(days=7, seed=3)
    result.report["detectors"]["cxpulse"]["target"]["recall"]     # e.g. 1.0
    plot_incident(result.trace, "incident.png")
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from processors.detection import Bucket, DetectorConfig, SpikeDetector
from streams.evaluation.feed import snapshots
from streams.evaluation.halfspace import HalfSpaceDetector
from streams.evaluation.schedule import Planned, schedule
from streams.evaluation.scoring import Alert, Scorer
from streams.evaluation.trace import Trace
from streams.simulator import SimConfig, Simulator

START = datetime(2026, 1, 5, tzinfo=UTC)  # a Monday, so days follow the week's rhythm


@dataclass(slots=True)
class Result:
    report: dict[str, Any]
    trace: Trace | None


@dataclass(slots=True)
class Run:
    planned: list[Planned]
    cfg: DetectorConfig
    warmup_ms: int
    days: int
    detector: SpikeDetector = field(init=False)
    hst: HalfSpaceDetector = field(init=False)
    ours: dict[str, tuple[int, set[str]]] = field(default_factory=dict)  # incident -> (opened, series)
    theirs: list[tuple[int, set[str]]] = field(default_factory=list)
    warmup_alerts: Counter[str] = field(default_factory=Counter)
    minute: dict[str, Bucket] = field(default_factory=dict)  # the current minute's buckets, for HST

    def __post_init__(self) -> None:
        self.detector = SpikeDetector(self.cfg, {})
        self.hst = HalfSpaceDetector(warmup_minutes=int(self.warmup_ms / 60_000 - START.timestamp() / 60))

    def step(self, at_ms: int, changed: list[Bucket]) -> None:
        if changed and self.minute and changed[0].minute != next(iter(self.minute.values())).minute:
            self._close_minute(at_ms)
        self.minute |= {b.kind: b for b in changed}
        for note in self.detector.observe(changed):
            if note["group"].startswith("account:"):
                continue  # account bursts go to account teams; scored separately (counted)
            series = {s["series"] for s in note["segments"]}
            if at_ms < self.warmup_ms:
                self.warmup_alerts["cxpulse"] += note["change"] == "opened"
            elif note["change"] == "opened":
                self.ours[note["incident"]] = (at_ms, series)
            elif note["incident"] in self.ours:
                self.ours[note["incident"]][1].update(series)

    def _close_minute(self, at_ms: int) -> None:
        started = self.hst.observe(minute_counts(self.minute.values()))
        self.minute = {}
        if not started:
            return
        if at_ms < self.warmup_ms:
            self.warmup_alerts["river-halfspacetrees"] += 1
        elif self.theirs and at_ms - self.theirs[-1][0] <= 10 * 60_000:
            self.theirs[-1][1].update(started)  # group like incidents: starts within 10 minutes
        else:
            self.theirs.append((at_ms, set(started)))

    def scores(self) -> dict[str, Any]:
        out = {}
        for name, alerts in (("cxpulse", list(self.ours.values())), ("river-halfspacetrees", self.theirs)):
            scorer = Scorer(self.planned, START, self.days, [Alert(t, frozenset(s)) for t, s in alerts])
            out[name] = scorer.report() | {"warmup_alerts": self.warmup_alerts[name]}
        return out


def minute_counts(buckets: Any) -> dict[str, dict[str, float]]:
    """Counters per series (overall, channel, topic) of one minute's buckets."""
    out: dict[str, Counter[str]] = {"all": Counter()}
    for b in buckets:
        s = b.stats
        row = {"contacts": s.contacts, "negative": s.negative, "friction": s.with_friction}
        out["all"].update(row)
        out.setdefault(f"channel:{b.kind}", Counter()).update(row)
        for t, n in s.by_topic.items():
            out.setdefault(f"topic:{t}", Counter()).update(
                {"contacts": n, "negative": s.negative_by_topic[t], "friction": s.friction_by_topic[t]})
    return {k: {n: float(v) for n, v in c.items()} for k, c in out.items()}


def evaluate(days: int, seed: int, warmup_days: int = 1, step_seconds: int = 15,
             cfg: DetectorConfig | None = None, rate_per_minute: float = 60.0,
             burstiness: float = 0.0, on_progress: Callable[[float], None] | None = None) -> Result:
    """Score the detector on ``days`` simulated days; ``on_progress`` hears the simulated days done."""
    cfg = cfg or DetectorConfig()
    planned = schedule(days, seed, warmup_days)
    sim = Simulator(SimConfig(seed=seed, start=START, rate_per_minute=rate_per_minute,
                              incidents=tuple(p.incident for p in planned), burstiness=burstiness))
    run = Run(planned, cfg, int((START + timedelta(days=warmup_days)).timestamp() * 1000), days)
    target = next((p for p in planned if p.target), None)
    trace = Trace.around(target, START, cfg) if target else None
    begin_ms = START.timestamp() * 1000
    for at_ms, changed in snapshots(sim.contacts(timedelta(days=days + warmup_days)), step_seconds):
        run.step(at_ms, changed)
        if on_progress is not None and at_ms % 3_600_000 == 0:  # every simulated hour
            on_progress((at_ms - begin_ms) / 86_400_000)
        if trace is not None:
            trace.record(at_ms, run.detector, run.ours, run.theirs)
    report: dict[str, Any] = {"days": days, "warmup_days": warmup_days, "seed": seed, "rate_per_minute": rate_per_minute,
              "burstiness": burstiness,
              "step_seconds": step_seconds, "config": asdict(cfg),
              "incidents": [p.label + f" at day {p.incident.start.days} {_hm(p.incident.start)}" for p in planned],
              "detectors": run.scores()}
    report["targets"] = targets(report["detectors"]["cxpulse"])
    return Result(report, trace)


def targets(ours: dict[str, Any]) -> dict[str, bool]:
    delay = ours["target"]["median_delay_s"]
    return {"target_recall_at_least_0.95": (ours["target"]["recall"] or 0) >= 0.95,
            "median_delay_at_most_120s": delay is not None and delay <= 120,
            "false_alerts_per_day_at_most_1": ours["false_alerts_per_day"] <= 1}


def _hm(t: timedelta) -> str:
    minutes = int(t.total_seconds() // 60) % 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
