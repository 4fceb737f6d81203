"""The spike detector: minute buckets in, incident notifications out.

Example::

    detector = SpikeDetector(DetectorConfig(), {})       # the worker passes a Faust table
    for note in detector.observe([bucket, ...]):         # snapshots: any order, repeats are harmless
        deliver(note)                                    # note["id"] is the dedup key

Per series (overall, each channel, each topic) and metric it compares the
look-back windows with the hour-of-week baseline, moves the alert through
its lifecycle and groups firing alerts into incidents. Minutes are learned
into the baseline once final (``lateness_seconds`` after they end), and not
while the series is alerting, so an incident does not teach the baseline
that it is normal. All decisions are functions of the stored state, so
reading the same snapshots again after a crash reproduces them instead of
paging again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

from processors.detection.accounts import account_finding
from processors.detection.bucket import Bucket
from processors.detection.clock import Clock
from processors.detection.config import DetectorConfig
from processors.detection.finding import Finding
from processors.detection.incidents import Paging
from processors.detection.lifecycle import step
from processors.detection.series import ALL, Series, channel, topic
from processors.detection.state import DetectorState
from processors.detection.windows import strongest, views


class SpikeDetector:
    def __init__(self, cfg: DetectorConfig, data: MutableMapping[str, Any]) -> None:
        self.cfg, self.state = cfg, DetectorState(data)
        self.paging = Paging(cfg, self.state)

    def reset(self) -> None:
        """Forget cached state (call when the backing table may have changed)."""
        self.state.reset()

    def observe(self, buckets: Iterable[Bucket], now_ms: int | None = None) -> list[dict[str, Any]]:
        """``now_ms``: processing (wall) time; defaults to the newest event time seen (simulations)."""
        clock, buckets = self.state.clock(), list(buckets)
        clock.tick(now_ms if now_ms is not None else max((b.last_ms for b in buckets), default=0))
        fresh = [b for b in buckets if self._accept(b, clock)]
        self._relearn_if_new_kind(fresh, clock)
        for bucket in fresh:
            self.state.put_bucket(bucket)
            clock.advance(bucket)
        self.state.put_clock(clock)
        notes: list[dict[str, Any]] = []
        for series in self._affected(fresh, clock):
            now = clock.time(series)
            self._learn(series, clock.settled(series), clock)
            notes += self._evaluate(series, now, clock)
        notes += self._accounts(fresh, clock)
        self._prune(clock)
        return notes

    def refresh(self) -> list[dict[str, Any]]:
        """Notifications for every open incident, to re-assert them (e.g. to Alertmanager)."""
        return [self.paging.note(i, "refresh") for i in self.state.open_incidents()]

    def status(self) -> dict[str, Any]:
        """What an operator asks first: how far event time got, what is open, what is alerting."""
        clock = self.state.clock()
        series = [ALL.id, *(f"channel:{k}" for k in clock.channels), *(f"topic:{t}" for t in clock.topics)]
        alerts = [a.to_dict() for s in series for m in Series.parse(s).metrics
                  if (a := self.state.alert(f"{m.name}|{s}")).status != "normal"]
        return {"clock": clock.to_dict(), "open": [i.to_dict() for i in self.state.open_incidents()],
                "alerts": alerts, "learned": {s: self.state.baseline(s).minutes for s in series}}

    def explain(self, series_id: str, now_ms: int) -> dict[str, Finding | None]:
        """The strongest finding per metric for one series at ``now_ms`` (for plots and reports)."""
        series, clock = Series.parse(series_id), self.state.clock()
        vs = views(series, self._totals(series, clock), self.state.baseline(series.id), now_ms,
                   self.cfg.windows)
        return {m.name: strongest(series, m, vs, self.state.baseline(series.id), self.cfg)
                for m in series.metrics}

    def _relearn_if_new_kind(self, buckets: list[Bucket], clock: Clock) -> None:
        """A kind seen for the first time with minutes the mixed series already learned (kinds
        start at different speeds after a restart): forget those baselines, learn them again."""
        new = [b for b in buckets if b.kind not in clock.marks]
        if not new or not clock.marks:
            return
        first = min(b.minute for b in new)
        for series in [ALL, *(topic(t) for t in clock.topics)]:
            until = self.state.baseline(series.id).learned_until
            if until is not None and first <= until:
                self.state.drop_baseline(series.id)

    def _accept(self, bucket: Bucket, clock: Clock) -> bool:
        if bucket.minute >= clock.pruned:
            return True
        clock.late += 1  # its events are in ClickHouse; the detector has moved past that minute
        return False

    def _affected(self, buckets: list[Bucket], clock: Clock) -> list[Series]:
        if not buckets:
            return []
        kinds = {b.kind for b in buckets} & set(clock.channels)
        return [ALL, *(channel(k) for k in sorted(kinds)), *(topic(t) for t in clock.topics)]

    def _learn(self, series: Series, now_ms: int, clock: Clock) -> None:
        baseline = self.state.baseline(series.id)
        final = (now_ms - self.cfg.lateness_seconds * 1000) // 60_000 * 60 - 60
        start = clock.first if baseline.learned_until is None else baseline.learned_until + 60
        start = max(start, clock.pruned)
        if start > final:
            return
        frozen = any(self.state.alert(f"{m.name}|{series.id}").status != "normal" for m in series.metrics)
        minutes = [] if frozen else range(start, final + 60, 60)
        for minute in minutes:
            totals = self._totals(series, clock)(minute)
            baseline.learn(minute, {n: float(totals[(n, series.topic)]) for n in series.counters})
        baseline.learned_until = final
        self.state.put_baseline(series.id, baseline, minutes)

    def _totals(self, series: Series, clock: Clock) -> Callable[[int], Counter[tuple[str, str | None]]]:
        return lambda minute: self.state.totals(minute, series.kind, clock.marks)

    def _evaluate(self, series: Series, now_ms: int, clock: Clock) -> list[dict[str, Any]]:
        baseline = self.state.baseline(series.id)
        warm = baseline.minutes >= self.cfg.warmup_minutes
        vs = views(series, self._totals(series, clock), baseline, now_ms, self.cfg.windows) if warm else []
        notes = []
        for metric in series.metrics:
            found = strongest(series, metric, vs, baseline, self.cfg) if warm else None
            notes += self._step(f"{metric.name}|{series.id}", found, now_ms, clock)
        return notes

    def _step(self, key: str, found: Finding | None, now_ms: int, clock: Clock) -> list[dict[str, Any]]:
        old = self.state.alert(key)
        new, change = step(old, found, now_ms, self.cfg)
        if new != old:
            self.state.put_alert(new)
        if change == "firing" and found is not None:
            return self.paging.fire(new, found, clock)
        if change == "resolved":
            return self.paging.resolve(old, now_ms)
        if new.status == "firing" and found is not None:
            return self.paging.update(new, found)
        return []

    def _accounts(self, buckets: list[Bucket], clock: Clock) -> list[dict[str, Any]]:
        watched = self.state.watched_accounts() | {a for b in buckets for a in b.accounts}
        notes, still = [], set()
        for account in sorted(watched):
            key = f"negative_contacts|account:{account}"
            found = account_finding(account, self.state.accounts, clock.newest, self.cfg)
            notes += self._step(key, found, clock.newest, clock)
            if self.state.alert(key).status != "normal":
                still.add(account)
        self.state.set_watched_accounts(still)
        return notes

    def _prune(self, clock: Clock) -> None:
        # Behind the slowest active kind, not the newest: a kind catching up still needs its minutes.
        horizon = (clock.time(ALL) // 60_000 - self.cfg.keep_minutes) * 60
        if clock.pruned == 0:
            clock.pruned = clock.first
        for minute in range(clock.pruned, horizon, 60):
            for kind in clock.marks:
                self.state.drop_bucket(kind, minute)
        if horizon > clock.pruned:
            clock.pruned = horizon
        self.state.put_clock(clock)
