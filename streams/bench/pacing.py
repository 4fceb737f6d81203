"""Publish at a steady rate (or a schedule of rates), each event stamped with the moment it is sent."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer

from streams.bench.traffic import stamped
from streams.publisher import key_of
from streams.settings import Settings

TICK = 0.05
Phases = list[tuple[float, float]]  # (seconds, events per second), one after the other


def due(phases: Phases, elapsed: float) -> int:
    """How many events a schedule has sent ``elapsed`` seconds after it started."""
    total, start = 0.0, 0.0
    for seconds, rate in phases:
        total += max(0.0, min(elapsed - start, seconds)) * rate
        start += seconds
    return int(total) + 1


async def _paced(settings: Settings, events: list[dict[str, Any]], rate: float | Phases) -> list[str]:
    phases = rate if isinstance(rate, list) else [(float("inf"), rate)]
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=5)
    await producer.start()
    sent: list[str] = []
    futures = []
    try:
        started = time.monotonic()
        while len(sent) < len(events):
            upto = min(len(events), due(phases, time.monotonic() - started))
            now = datetime.now(UTC)
            for event in events[len(sent) : upto]:
                ev = stamped(event, now)
                futures.append(await producer.send(settings.topic(ev["kind"]), orjson.dumps(ev),
                                                   key=key_of(ev)))
                sent.append(ev["event_id"])
            await asyncio.sleep(TICK)
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


def paced_publish(settings: Settings, events: list[dict[str, Any]], rate: float | Phases) -> list[str]:
    """Send ``events`` at ``rate`` per second (or by phases); returns the ids actually sent."""
    return asyncio.run(_paced(settings, events, rate))
