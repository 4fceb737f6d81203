"""Run every scenario of ``cxpulse bench`` in order, on one stack."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from streams.bench import scenarios
from streams.bench.report import ratios
from streams.bench.stack import BenchStack
from streams.bench.traffic import bench_events


def run_all(events: int, paced_seconds: float, burst_seconds: float,
            log=print) -> dict[str, Any]:
    traffic = bench_events(events)
    r: dict[str, Any] = {"started": datetime.now(UTC).isoformat(), "events": events}
    log("1/7 model only")
    r["model_only"] = scenarios.model_only(traffic)
    with tempfile.TemporaryDirectory(prefix="cxbench-") as home:
        stack = BenchStack(Path(home))
        stack.start()
        try:
            log("0/7 floors: aiokafka consume-and-produce alone, then Faust pass-through alone")
            r["floor_kafka"] = scenarios.floor(stack, traffic, "kafka")
            r["floor_faust"] = scenarios.floor(stack, traffic, "faust")
            log("2/7 pipeline with constant sentiment")
            r["framework"] = scenarios.drain(stack, traffic, constant=True)
            log("3/7 full pipeline, one worker")
            r["full"] = scenarios.drain(stack, traffic)
            top = r["full"]["events_per_s"]
            for key, share, secs, seed in (("latency_50", 0.5, paced_seconds, 31),
                                           ("latency_90", 0.9, paced_seconds, 32),
                                           ("burst_3x", 3.0, burst_seconds, 33)):
                log(f"4/7 paced at {share:.0%} of max ({top * share:.0f}/s)")
                batch = bench_events(int(top * share * secs), seed)
                r[key] = scenarios.latency(stack, batch, top * share, key.replace("_", ""))
            log("5/7 two workers")
            r["two_workers"] = scenarios.drain(stack, traffic, workers=2)
        finally:
            stack.stop()
    r["ratios"] = ratios(r)
    return r
