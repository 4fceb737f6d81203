"""Topics exist because cxpulse created them: no auto-creation, and stray topics are noticed.

On the real local broker (``auto.create.topics.enable=false``): a send to a
misspelled topic fails at the publisher instead of creating a topic nobody
reads, and a topic under the prefix that no agent reads (made by hand, or by a
broker that auto-creates) is reported with the messages waiting in it.
"""

from __future__ import annotations

import asyncio

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError

from sinks import metrics
from streams.end_offsets import EndOffsets
from streams.settings import Settings
from streams.stray_topics import StrayTopics

pytestmark = pytest.mark.integration


def test_a_misspelled_topic_is_an_error_not_a_new_topic(settings: Settings) -> None:
    async def go() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, request_timeout_ms=3000)
        await producer.start()
        try:
            with pytest.raises(KafkaError):
                await (await producer.send(f"{settings.topic_prefix}chats", b"{}"))
        finally:
            await producer.stop()
        admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
        await admin.start()
        try:
            assert f"{settings.topic_prefix}chats" not in await admin.list_topics()
        finally:
            await admin.close()
    asyncio.run(go())


def test_stray_topics_under_the_prefix_are_reported_with_their_messages(settings: Settings) -> None:
    stray_topic = f"{settings.topic_prefix}chats"

    async def go() -> dict[str, int]:
        admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
        await admin.start()
        await admin.create_topics([NewTopic(stray_topic, 2, 1)])
        await admin.close()
        producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
        await producer.start()
        for i in range(3):
            await producer.send_and_wait(stray_topic, b"{}", partition=i % 2)
        await producer.stop()
        ends = EndOffsets(settings)
        try:
            return await StrayTopics(settings, ends).check()
        finally:
            await ends.close()

    found = asyncio.run(go())
    assert found == {stray_topic: 3}  # the worker's own topics (created by ensure_topics) are not stray
    assert metrics.STRAY_TOPIC_MESSAGES.labels(stray_topic)._value.get() == 3
