"""``cxpulse bench-load``: a bounded load test, a backlog at full speed then a 3x burst.

1. **Backlog**: ``backlog`` events published at once; the worker drains them as
   fast as it can, which is the highest rate this machine sustains.
2. **Burst**: paced traffic at half that rate, then three times that (1.5x what
   the worker can do) for ``burst_seconds``, then half again until the lag is
   gone. Every paced event is stamped when sent, so its end-to-end latency is
   ``stored_at - occurred_at``.

Reported: drain rate, peak lag and how long it took to recover after the
burst, p95 latency before, during and after the burst, peak RSS, and sent vs
stored vs distinct (nothing lost, nothing twice). Lag is read from Kafka.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from streams.bench.kafka_io import publish
from streams.bench.lag import GroupLag
from streams.bench.pacing import paced_publish
from streams.bench.processes import store_rows
from streams.bench.sampler import Sampler
from streams.bench.stack import BenchStack
from streams.bench.traffic import bench_events
from streams.settings import Settings

BEFORE_SECONDS, CHUNK = 30.0, 5000


def run(stack: BenchStack, backlog: int, burst_seconds: float, after_seconds: float,
        log: Callable[[str], None] = print) -> dict[str, Any]:
    settings, env = stack.scenario("load")
    worker = stack.worker(env, 0).start()
    try:
        with GroupLag(settings) as lag, Sampler([worker.pid], [worker.url], lag) as sampler:
            rate = _drain(settings, backlog, lag, log)
            phases = [(BEFORE_SECONDS, rate / 2), (burst_seconds, rate * 1.5), (after_seconds, rate / 2)]
            log(f"burst: {rate / 2:.0f}/s for {BEFORE_SECONDS:.0f} s, {rate * 1.5:.0f}/s for "
                f"{burst_seconds:.0f} s, {rate / 2:.0f}/s for {after_seconds:.0f} s")
            burst_from, paced_ms = time.monotonic() - sampler.started, int(time.time() * 1000)
            paced = paced_publish(settings, bench_events(_count(phases), seed=5), phases)
            _wait_for(lambda: lag() == 0, timeout=600)
    finally:
        worker.stop()
    store = Settings(data_dir=worker.env["CXPULSE_DATA_DIR"]).dsn  # the worker's own data folder
    return _report(store, backlog, rate, paced, phases, sampler, (burst_from, paced_ms))


def _drain(settings: Settings, backlog: int, lag: GroupLag, log: Callable[[str], None]) -> float:
    # All in the past, so that no backlog event falls into the burst's latency windows.
    events = bench_events(backlog, start=datetime.now(UTC) - timedelta(minutes=backlog / 400 + 10))
    log(f"backlog: publishing {backlog} events")
    started = time.monotonic()
    for i in range(0, backlog, CHUNK):
        publish(settings, events[i : i + CHUNK])
    _wait_for(lambda: lag() == 0, timeout=3600)
    seconds = time.monotonic() - started
    log(f"backlog drained in {seconds:.0f} s: {backlog / seconds:.0f} events/s")
    return backlog / seconds


def _count(phases: list[tuple[float, float]]) -> int:
    return int(sum(seconds * rate for seconds, rate in phases)) + 1


def _wait_for(done: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        time.sleep(1.0)


def _report(dsn: str, backlog: int, rate: float, paced: list[str], phases: list[tuple[float, float]],
            sampler: Sampler, started: tuple[float, int]) -> dict[str, Any]:
    burst_from, start_ms = started
    lat = "dateDiff('millisecond', occurred_at, stored_at)"
    [[stored, distinct]] = store_rows(dsn, "SELECT count(), uniqExact(event_id) FROM events")
    bounds = {"before": (0, phases[0][0]), "during": (phases[0][0], phases[0][0] + phases[1][0]),
              "after (last 30 s)": (sum(p[0] for p in phases) - 30, sum(p[0] for p in phases))}
    p95 = {name: store_rows(dsn, f"SELECT quantile(0.95)({lat}) / 1000 FROM events WHERE "
                                          f"toUnixTimestamp64Milli(occurred_at) BETWEEN {start_ms + int(a * 1000)} "
                                          f"AND {start_ms + int(b * 1000)}")[0][0]
           for name, (a, b) in bounds.items()}
    burst = [s for s in sampler.samples if s.t >= burst_from]
    peak = max(burst, key=lambda s: s.lag)
    end = burst_from + phases[0][0] + phases[1][0]
    recovered = next((s.t for s in burst if s.t > end and s.lag <= rate), None)
    return {"backlog": backlog, "drain_events_per_s": round(rate, 1), "paced": len(paced),
            "sent": backlog + len(paced), "stored": stored, "distinct": distinct,
            "peak_lag": peak.lag, "lag_recovered_s_after_burst": None if recovered is None else round(recovered - end, 1),
            "p95_latency_s": {k: round(float(v), 2) for k, v in p95.items()},
            "peak_rss_mb": sampler.peak_rss_mb(), "rss_mb_timeline": [round(s.rss_mb) for s in sampler.samples],
            "lag_timeline": [s.lag for s in sampler.samples]}
