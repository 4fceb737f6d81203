"""Publish to and read from a broker: shared by the benchmark and the integration tests."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.publisher import Publisher
from streams.settings import Settings


def publish(settings: Settings, events: list[dict[str, Any]]) -> list[str]:
    async def go() -> list[str]:
        async with Publisher(settings.kafka_bootstrap, settings.topic_prefix) as pub:
            return await pub.publish_many(events)

    return asyncio.run(go())


def publish_raw(settings: Settings, messages: list[tuple[str, bytes]]) -> None:
    """Send bytes as they are (no validation), e.g. to test dead letters."""
    async def go() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
        await producer.start()
        try:
            for topic, value in messages:
                await producer.send_and_wait(topic, value, key=b"raw")
        finally:
            await producer.stop()

    asyncio.run(go())


def read_topic(settings: Settings, topic: str, until: int | Callable[[list[Any]], bool],
               timeout: float = 120.0) -> list[Any]:
    """Read ``topic`` from the start until ``until`` messages arrived, or ``until(seen)``
    is true, or time ran out."""
    done = until if callable(until) else (lambda seen: len(seen) >= until)
    async def go() -> list[Any]:
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap,
                                    group_id=f"reader-{uuid.uuid4().hex[:8]}",
                                    auto_offset_reset="earliest", enable_auto_commit=False)
        await consumer.start()
        seen: list[Any] = []
        deadline = time.monotonic() + timeout
        try:
            while not done(seen) and time.monotonic() < deadline:
                for records in (await consumer.getmany(timeout_ms=500)).values():
                    seen += records
        finally:
            await consumer.stop()
        return seen

    return asyncio.run(go())


def _ids(records: list[Any]) -> Counter[str]:
    return Counter(orjson.loads(r.value)["event"]["event_id"] for r in records)


def enriched_ids(settings: Settings, until: int, timeout: float = 120.0) -> Counter[str]:
    """Event ids on ``cx.enriched`` once ``until`` messages (duplicates included) are there."""
    return _ids(read_topic(settings, settings.enriched_topic, until, timeout))


def wait_enriched(settings: Settings, expected: set[str], timeout: float = 180.0) -> Counter[str]:
    """Event ids on ``cx.enriched`` once every expected id has appeared (at-least-once topic)."""
    records = read_topic(settings, settings.enriched_topic,
                         lambda seen: expected <= set(_ids(seen)), timeout)
    return _ids(records)
