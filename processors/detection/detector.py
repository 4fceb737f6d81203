"""The spike detector: minute buckets in, incident notifications out.

Example::

    detector = SpikeDetector(DetectorConfig(), {})       # the worker passes a Faust table
    for note in detector.observe([bucket, ...]):         # snapshots: any order, repeats are harmless
        deliver(note)                                    # note["id"] is the dedup key

Per series (overall, each channel, each topic) and metric it compares the
look-back windows with the hour-of-week baseline, moves the alert through
its lifecycle and groups firing alerts into incidents. Minutes are learned
into the baseline once final (``lateness_seconds`` after they end), also
while the series alerts, but robustly: each minute at most
``learn_clip_sd`` standard deviations from what was expected, so an incident
teaches the baseline little and a lasting change is still followed. A volume
alert firing for ``level_shift_seconds`` is a new level: the baseline is
rescaled to it and the incident resolves saying so.

Event time is bounded (docs/detection.md, "Time"): a snapshot of a minute
outside [processing time - ``horizon_past_seconds``, + ``horizon_future_seconds``]
is ignored and counted (``Clock.out_of_horizon``); learning never reaches
further back than the minutes still held, so a jump in event time costs the
same as one minute and a gap is not learned as silence. All decisions are functions of the stored state, so
reading the same snapshots again after a crash reproduces them instead of
paging again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import replace
from typing import Any

from processors.detection.accounts import account_finding, usual_per_minute
from processors.detection.bucket import Bucket
from processors.detection.clock import Clock
from processors.detection.config import DetectorConfig
from processors.detection.finding import Finding
from processors.detection.incidents import Paging
from processors.detection.lifecycle import step
from processors.detection.series import ALL, DROP, VOLUME, Series, channel, topic
from processors.detection.state import DetectorState
from processors.detection.windows import strongest, views


class SpikeDetector:
    def __init__(self, cfg: DetectorConfig, data: MutableMapping[str, Any]) -> None:
        self.cfg, self.state = cfg, DetectorState(data)
        self.paging = Paging(cfg, self.state)

    @property
    def directory(self) -> dict[str, dict[str, Any]]:
        """What is known about accounts (owner, monthly value, currency): fill it before ``observe``
        for :meth:`accounts_near_burst`, and an account incident carries it from its first page."""
        return self.paging.directory

    def accounts_near_burst(self, buckets: Sequence[Bucket]) -> list[str]:
        """Accounts in these buckets one negative contact short of a burst, or past it."""
        since = max(b.minute for b in buckets) - 60 * (self.cfg.account_window_minutes - 1) if buckets else 0
        counts = Counter[str]()
        for b in buckets:
            counts.update(b.accounts)
        return sorted(a for a, n in counts.items()
                      if n + self.state.accounts.window(a, since)[0] >= self.cfg.account_burst - 1)

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
            if clock.marks and bucket.minute * 1000 > clock.newest + self.cfg.keep_minutes * 60_000:
                clock.resumed = bucket.minute  # a jump: what came before is not learned as silence
            self.state.put_bucket(bucket)
            clock.advance(bucket)
        self.state.put_clock(clock)
        notes: list[dict[str, Any]] = []
        for series in self._affected(fresh, clock):
            now = clock.time(series)
            self._learn(series, clock.settled(series), clock)
            notes += self._evaluate(series, now, clock)
        notes += self._accounts(fresh, clock)
        if fresh:
            notes += self.paging.close_episodes(clock.time(ALL))
        self._prune(clock)
        return notes

    def refresh(self) -> list[dict[str, Any]]:
        """Notifications for every open incident, to re-assert them (e.g. to Alertmanager). Each carries
        the detector's event time now, not its last change's: delivery pages an incident decided while
        the worker was behind once the worker has caught up and it is still open (docs/detection.md)."""
        now = self.state.clock().time(ALL)
        return [self.paging.note(i, "refresh", now) for i in self.state.open_incidents()]

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
        at_ms = bucket.minute * 1000
        if clock.now and not (clock.now - self.cfg.horizon_past_seconds * 1000 <= at_ms
                              <= clock.now + self.cfg.horizon_future_seconds * 1000):
            clock.out_of_horizon += 1  # stored in ClickHouse like every event; not the detector's business
            return False
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
        # Only minutes still held: a jump in event time skips the gap instead of learning it as silence.
        start = max(start, clock.pruned, clock.resumed, final - 60 * (self.cfg.keep_minutes - 1))
        if start > final:
            return
        minutes = range(start, final + 60, 60)
        totals_at = self._totals(series, clock)
        for minute in minutes:
            totals = totals_at(minute)
            counts = {n: float(totals[(n, series.topic)]) for n in series.counters}
            baseline.learn_dispersion(self._dispersion_samples(series, baseline, minute, clock),
                                      self.cfg.dispersion_cap_sd)
            baseline.learn(minute, self._robust(baseline, minute, counts))
        baseline.learned_until = final
        self.state.put_baseline(series.id, baseline, minutes)

    def _dispersion_samples(self, series: Series, baseline: Any, minute: int,
                            clock: Clock) -> dict[int, tuple[float, float]]:
        """(observed, expected) contacts over each dispersion window ending at ``minute``."""
        windows = self.cfg.dispersion_windows
        x = mu = 0.0
        out: dict[int, tuple[float, float]] = {}
        for back in range(max(windows)):
            m = minute - 60 * back
            expected = baseline.expected(m, VOLUME.hits)
            if expected is None or m < clock.pruned:
                break
            x += self.state.totals(m, series.kind, clock.marks)[(VOLUME.hits, series.topic)]
            mu += expected
            if back + 1 in windows and mu > 0:
                out[back + 1] = (x, mu)
        return out

    def _robust(self, baseline: Any, minute: int, counts: dict[str, float]) -> dict[str, float]:
        """The minute as learned: contacts clipped to ``learn_clip_sd``, the other counters scaled
        with them (so rates are learned as observed)."""
        contacts = counts.get(VOLUME.hits, 0.0)
        clipped = baseline.clip(minute, VOLUME.hits, contacts, self.cfg.learn_clip_sd)
        if clipped == contacts:
            return counts
        factor = clipped / contacts if contacts else 1.0
        return {n: clipped if n == VOLUME.hits else v * factor for n, v in counts.items()}

    def _totals(self, series: Series, clock: Clock) -> Callable[[int], Counter[tuple[str, str | None]]]:
        return lambda minute: self.state.totals(minute, series.kind, clock.marks)

    def _evaluate(self, series: Series, now_ms: int, clock: Clock) -> list[dict[str, Any]]:
        baseline = self.state.baseline(series.id)
        warm = baseline.minutes >= self.cfg.warmup_minutes
        vs = views(series, self._totals(series, clock), baseline, now_ms, self.cfg.windows) if warm else []
        notes = []
        for metric in series.metrics:
            found = strongest(series, metric, vs, baseline, self.cfg) if warm else None
            key = f"{metric.name}|{series.id}"
            if metric in (VOLUME, DROP) and self._shifted(key, now_ms):
                notes += self._learn_shift(series, key, now_ms, clock)
                continue
            notes += self._step(key, found, now_ms, clock)
        return notes

    def _shifted(self, key: str, now_ms: int) -> bool:
        alert = self.state.alert(key)
        return alert.status == "firing" and now_ms - alert.since_ms >= self.cfg.level_shift_seconds * 1000

    def _learn_shift(self, series: Series, key: str, now_ms: int, clock: Clock) -> list[dict[str, Any]]:
        """A volume alert that has fired for ``level_shift_seconds``: the level of the last hour held is
        the new normal. The baseline is rescaled to it and the incident resolves, saying so."""
        baseline, newest = self.state.baseline(series.id), now_ms // 60_000 * 60
        observed = expected = 0.0
        for back in range(1, self.cfg.keep_minutes - self.cfg.lateness_seconds // 60 - 1):
            m = newest - 60 * back
            if m < clock.pruned or (mu := baseline.expected(m, VOLUME.hits)) is None:
                break
            observed += self.state.totals(m, series.kind, clock.marks)[(VOLUME.hits, series.topic)]
            expected += mu
        factor = observed / expected if expected > 0 and observed > 0 else 1.0
        baseline.rescale(VOLUME.hits, factor)
        self.state.put_baseline(series.id, baseline, None)
        old = self.state.alert(key)
        self.state.put_alert(replace(old, status="normal", resolved_ms=now_ms, incident=""))
        note = (f"level shift learned on {series.id}: volume x{factor:.2f} for "
                f"{self.cfg.level_shift_seconds // 60} min is the new baseline")
        return self.paging.resolve(old, now_ms, note=note)

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
        # Live only: a backfill teaches account histories but pages nobody about last week.
        live = not clock.now or clock.now - clock.newest <= self.cfg.account_live_seconds * 1000
        for account in sorted(watched):
            key = f"negative_contacts|account:{account}"
            usual = usual_per_minute(self.state.account_history(account), self.state.population(), clock.newest)
            found = account_finding(account, self.state.accounts, usual, clock.newest, self.cfg) if live else None
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
        if horizon - clock.pruned > 4 * 60 * self.cfg.keep_minutes:  # a jump: what is held, not every minute
            for kind, minute in self.state.bucket_keys():
                if minute < horizon:
                    self.state.drop_bucket(kind, minute)
        else:
            for minute in range(clock.pruned, horizon, 60):
                for kind in clock.marks:
                    self.state.drop_bucket(kind, minute)
        if horizon > clock.pruned:
            clock.pruned = horizon
        self.state.put_clock(clock)
