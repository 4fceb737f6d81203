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
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import KafkaError

from sinks import metrics
from streams.end_offsets import EndOffsets
from streams.settings import Settings
from streams.stray_topics import StrayTopics
from streams.topics import ensure_topics

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


def _retention_ms(settings: Settings, topic: str) -> str:
    async def go() -> str:
        admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
        await admin.start()
        try:
            for _ in range(50):  # a topic created a moment ago is unknown (error 3) until metadata spreads
                [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
                [(code, _msg, _type, name, entries)] = response.resources
                if code == 0:
                    assert name == topic
                    return str({e[0]: e[1] for e in entries}["retention.ms"])
                await asyncio.sleep(0.2)
            raise AssertionError(f"topic config not available: {response}")
        finally:
            await admin.close()
    return asyncio.run(go())


def test_the_deadletter_topic_keeps_raw_input_only_as_long_as_configured(settings: Settings) -> None:
    fresh = settings.model_copy(update={"topic_prefix": f"{settings.topic_prefix}dl.",
                                        "deadletter_retention_days": 3.0})
    assert fresh.deadletter_topic in asyncio.run(ensure_topics(fresh))
    assert _retention_ms(fresh, fresh.deadletter_topic) == str(3 * 86_400_000)
    assert _retention_ms(fresh, fresh.enriched_topic) != str(3 * 86_400_000)  # others keep the broker's
    # A changed setting reaches a topic that already exists on the next start.
    shorter = fresh.model_copy(update={"deadletter_retention_days": 0.5})
    assert asyncio.run(ensure_topics(shorter)) == []
    assert _retention_ms(shorter, shorter.deadletter_topic) == str(43_200_000)
