"""The measurements of ``cxpulse bench``, each on the same kind of traffic.

1. model only: the sentiment runtime on the texts the pipeline would score,
   one classify() call per stream batch (``CXPULSE_BATCH_SIZE`` events);
2. pipeline without the model (constant sentiment): Kafka -> Faust -> ClickHouse;
3. full pipeline, one worker: drain throughput, then paced runs for latency;
4. two workers sharing the consumer group.
Workers start (and the group settles) before the backlog is published, so
partitions are shared from the start; drain throughput is counted on
``cx.enriched`` timestamps from the first to the last event.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from processors.sentiment import SentimentClassifier
from streams.bench.cpu import cpu_by_part, per_event, process_cpu
from streams.bench.kafka_io import publish, read_topic
from streams.bench.lag import GroupLag
from streams.bench.pacing import paced_publish
from streams.bench.processes import WorkerProcess, store_rows
from streams.bench.sampler import Sampler
from streams.bench.stack import BenchStack
from streams.contract import validate_event
from streams.enrichment import scored_texts
from streams.settings import Settings

SETTLE_SECONDS = 5.0


def model_only(events: list[dict[str, Any]]) -> dict[str, Any]:
    clf = SentimentClassifier.default()
    batch = Settings().batch_size
    calls = [[t for e in events[i : i + batch] for t in scored_texts(validate_event(e))]
             for i in range(0, len(events), batch)]
    clf.classify(calls[0][:32])
    clf.cache.clear()
    started, cpu = time.perf_counter(), time.process_time()
    for texts in calls:
        clf.classify(texts)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    n_texts = sum(len(c) for c in calls)
    spent: Counter[str] = Counter()
    spent["model"] = cpu  # type: ignore[assignment]  # float seconds
    return {"events": len(events), "texts": n_texts, "batch": batch, "seconds": round(seconds, 2),
            "cpu_ms_per_event": per_event(spent, len(events)),
            "events_per_s": round(len(events) / seconds, 1), "texts_per_s": round(n_texts / seconds, 1)}


def _enriched(settings: Settings, ids: set[str], timeout: float) -> list[Any]:
    import orjson

    def done(seen: list[Any]) -> bool:
        return ids <= {orjson.loads(r.value)["event"]["event_id"] for r in seen}

    return read_topic(settings, settings.enriched_topic, done, timeout)


def drain(stack: BenchStack, events: list[dict[str, Any]], workers: int = 1,
          constant: bool = False, timeout: float = 600,
          env_extra: dict[str, str] | None = None, code: Path | None = None) -> dict[str, Any]:
    settings, env = stack.scenario(f"drain{workers}{'c' if constant else 'm'}")
    env |= env_extra or {}
    procs = [stack.worker(env, i, constant, code) for i in range(workers)]
    try:
        for p in procs:
            p.launch()
        for p in procs:
            p.wait_healthy()
        time.sleep(SETTLE_SECONDS)  # let the group finish rebalancing before the backlog lands
        before = _cpu(stack, procs)
        pids, urls = [p.pid for p in procs], [p.url for p in procs]
        with GroupLag(settings) as lag, Sampler(pids, urls, lag) as sampler:
            publish(settings, events)
            records = _enriched(settings, {e["event_id"] for e in events}, timeout)
        spent = _cpu(stack, procs)
        spent.subtract(before)
    finally:
        for p in procs:
            p.stop()
    stamps = sorted(r.timestamp for r in records)
    seconds = max(0.001, (stamps[-1] - stamps[0]) / 1000)
    return {"events": len(events), "seconds": round(seconds, 2),
            "events_per_s": round(len(events) / seconds, 1), "mean_cpu_percent": sampler.mean_cpu(),
            "peak_rss_mb": sampler.peak_rss_mb(), "per_worker": [_share(p) for p in procs],
            "cpu_ms_per_event": per_event(spent, len(events)),
            "throughput_timeline": _per_second(stamps)}


FLOORS = {"kafka": "streams.bench.floor_kafka", "faust": "streams.bench.floor_faust"}


def floor(stack: BenchStack, events: list[dict[str, Any]], which: str, timeout: float = 600) -> dict[str, Any]:
    """The same drain through a floor process (``FLOORS``): aiokafka alone, or Faust alone."""
    settings, env = stack.scenario(f"floor{which}")
    proc = stack.worker(env, 0, module=FLOORS[which])
    broker = stack.broker.pid()
    try:
        proc.start()
        time.sleep(SETTLE_SECONDS)
        before = process_cpu(proc.pid), process_cpu(broker) if broker else 0.0
        with GroupLag(settings) as lag, Sampler([proc.pid], [], lag) as sampler:
            publish(settings, events)
            records = _enriched(settings, {e["event_id"] for e in events}, timeout)
        after = process_cpu(proc.pid), process_cpu(broker) if broker else 0.0
    finally:
        proc.stop()
    stamps = sorted(r.timestamp for r in records)
    seconds = max(0.001, (stamps[-1] - stamps[0]) / 1000)
    ms = [round(1000 * (a - b) / len(events), 3) for a, b in zip(after, before, strict=True)]
    return {"events": len(events), "seconds": round(seconds, 2), "events_per_s": round(len(events) / seconds, 1),
            "peak_rss_mb": sampler.peak_rss_mb(), "mean_cpu_percent": sampler.mean_cpu(),
            "cpu_ms_per_event": {"process": ms[0], "broker": ms[1], "total": round(sum(ms), 3)},
            "throughput_timeline": _per_second(stamps)}


def _cpu(stack: BenchStack, procs: list[WorkerProcess]) -> Counter[str]:
    """CPU seconds so far: each part of the workers, and the broker."""
    spent: Counter[str] = Counter()
    for p in procs:
        spent.update(cpu_by_part(p.pid))
    broker = stack.broker.pid()
    spent["broker"] = process_cpu(broker) if broker else 0.0  # type: ignore[assignment]  # float seconds
    return spent


def _share(proc: WorkerProcess) -> dict[str, Any]:
    dsn = Settings(data_dir=proc.env["CXPULSE_DATA_DIR"]).dsn
    [[events, partitions]] = store_rows(dsn, "SELECT count(), uniqExact(source_topic, source_partition) "
                                             "FROM events")
    return {"stored": events, "topic_partitions": partitions}


def _per_second(stamps_ms: list[int]) -> list[int]:
    if not stamps_ms:
        return []
    start = stamps_ms[0]
    counts = [0] * (int((stamps_ms[-1] - start) / 1000) + 1)
    for s in stamps_ms:
        counts[int((s - start) / 1000)] += 1
    return counts


def latency(stack: BenchStack, events: list[dict[str, Any]], rate: float, label: str) -> dict[str, Any]:
    settings, env = stack.scenario(label)
    worker = stack.worker(env, 0)
    try:
        worker.start()
        with GroupLag(settings) as lag, Sampler([worker.pid], [worker.url], lag) as sampler:
            sent = paced_publish(settings, events, rate)
            _enriched(settings, set(sent), timeout=600)
    finally:
        worker.stop()
    dsn = Settings(data_dir=worker.env["CXPULSE_DATA_DIR"]).dsn
    lat = "dateDiff('millisecond', occurred_at, stored_at)"
    [[q, stored]] = store_rows(dsn, f"SELECT quantiles(0.5, 0.95, 0.99)({lat}), count() FROM events")
    timeline = store_rows(dsn, f"SELECT intDiv(toUnixTimestamp64Milli(occurred_at), 1000) AS s, "
                               f"quantile(0.95)({lat}) FROM events GROUP BY s ORDER BY s")
    return {"rate": round(rate, 1), "events": len(sent), "stored": stored,
            "p50_s": q[0] / 1000, "p95_s": q[1] / 1000, "p99_s": q[2] / 1000,
            "peak_rss_mb": sampler.peak_rss_mb(), "mean_cpu_percent": sampler.mean_cpu(),
            "max_lag": max((s.lag for s in sampler.samples), default=0),
            "lag_timeline": [s.lag for s in sampler.samples],
            "p95_timeline_s": [row[1] / 1000 for row in timeline]}
