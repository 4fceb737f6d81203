"""Publish at a steady rate, each event stamped with the moment it is sent."""

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


async def _paced(settings: Settings, events: list[dict[str, Any]], rate: float) -> list[str]:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=5)
    await producer.start()
    sent: list[str] = []
    futures = []
    try:
        started = time.monotonic()
        while len(sent) < len(events):
            due = min(len(events), int((time.monotonic() - started) * rate) + 1)
            now = datetime.now(UTC)
            for event in events[len(sent) : due]:
                ev = stamped(event, now)
                futures.append(await producer.send(settings.topic(ev["kind"]), orjson.dumps(ev),
                                                   key=key_of(ev)))
                sent.append(ev["event_id"])
            await asyncio.sleep(TICK)
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


def paced_publish(settings: Settings, events: list[dict[str, Any]], rate: float) -> list[str]:
    """Send ``events`` at ``rate`` per second; returns the ids actually sent."""
    return asyncio.run(_paced(settings, events, rate))
