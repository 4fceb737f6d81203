"""The async work behind ``cxpulse publish`` and ``cxpulse simulate``."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import orjson

from streams.contract import InvalidEvent, parse_event
from streams.kafka_auth import client_options
from streams.publisher import Publisher
from streams.settings import Settings
from streams.simulator import SimConfig, Simulator


async def publish_lines(settings: Settings, source: IO[bytes], batch: int) -> tuple[int, int]:
    sent = bad = 0
    pending: list[bytes] = []
    async with Publisher(settings.kafka_bootstrap, settings.topic_prefix, **client_options(settings)) as pub:
        for n, line in enumerate(source, 1):
            if not line.strip():
                continue
            try:
                parse_event(line)
            except InvalidEvent as exc:
                bad += 1
                print(f"line {n}: {exc.reason}: {exc.detail}", file=sys.stderr)
                continue
            pending.append(line.strip())
            if len(pending) >= batch:
                sent += len(await pub.publish_many(pending))
                pending = []
        if pending:
            sent += len(await pub.publish_many(pending))
    return sent, bad


async def run_simulation(settings: Settings, cfg: SimConfig, duration: timedelta, speed: float,
                         out: Path | None, on_progress: Callable[[float], None] | None = None,
                         catch_up: bool = False, stop: asyncio.Event | None = None) -> int:
    """Publish (or write to ``out``) ``duration`` of simulated traffic; ``on_progress`` hears the
    simulated minutes published so far. With ``catch_up`` the traffic (which starts at
    ``cfg.start``, in the past) plays at ``speed`` only until it reaches wall time, then as it
    happens: no event is published before it occurs. Once ``stop`` is set nothing more is sent."""
    behind = (datetime.now(UTC) - cfg.start).total_seconds() if catch_up else None
    events = Simulator(cfg).events(duration)
    if out is not None:
        return _write(events, out)
    count = 0
    async with Publisher(settings.kafka_bootstrap, settings.topic_prefix, **client_options(settings)) as pub:
        began = time.monotonic()
        batch: list[dict[str, Any]] = []
        for event in events:
            if stop is not None and stop.is_set():
                break
            due = _due(event, cfg, speed, behind)
            if on_progress is not None and speed > 0:
                on_progress(due * speed / 60)
            if batch and (len(batch) >= 500 or due > time.monotonic() - began):
                count += len(await pub.publish_many(batch))
                batch = []
            if due > (waited := time.monotonic() - began):
                await asyncio.sleep(due - waited)
            batch.append(event)
        if batch:
            count += len(await pub.publish_many(batch))
    return count


def _due(event: dict[str, Any], cfg: SimConfig, speed: float, behind: float | None = None) -> float:
    """Real seconds after the start at which this event should be published (``behind``: how far
    the start lay behind wall time; the event is never published before it occurs)."""
    if speed <= 0:
        return 0.0
    offset = (datetime.fromisoformat(event["occurred_at"].replace("Z", "+00:00")) - cfg.start).total_seconds()
    return offset / speed if behind is None else max(offset / speed, offset - behind)


def _write(events: Any, out: Path) -> int:
    stream = sys.stdout.buffer if str(out) == "-" else out.open("wb")
    count = 0
    for event in events:
        stream.write(orjson.dumps(event) + b"\n")
        count += 1
    stream.flush()
    if stream is not sys.stdout.buffer:
        stream.close()
    return count
