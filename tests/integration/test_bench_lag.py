"""The benchmark's lag reading on a real broker: end offsets minus committed offsets."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer

from streams.bench.kafka_io import publish
from streams.bench.lag import GroupLag
from streams.settings import Settings
from tests import factories as f

pytestmark = pytest.mark.integration


async def _consume_and_commit(settings: Settings, count: int) -> None:
    consumer = AIOKafkaConsumer(*settings.kind_topics, bootstrap_servers=settings.kafka_bootstrap,
                                group_id=settings.app_id, auto_offset_reset="earliest",
                                enable_auto_commit=False)
    await consumer.start()
    try:
        seen = 0
        while seen < count:
            seen += sum(len(r) for r in (await consumer.getmany(timeout_ms=1000)).values())
        await consumer.commit()
    finally:
        await consumer.stop()


def test_lag_counts_what_the_group_has_not_committed(settings: Settings) -> None:
    with GroupLag(settings) as lag:
        assert lag() == 0
        publish(settings, [f.chat() for _ in range(7)] + [f.email() for _ in range(5)])
        assert lag() == 12
        asyncio.run(_consume_and_commit(settings, 12))
        assert lag() == 0
