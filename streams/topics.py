"""Create cxpulse's topics up front (idempotent), with the configured partitions."""

from __future__ import annotations

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from streams.kafka_auth import client_options
from streams.settings import Settings


def topic_names(settings: Settings) -> list[str]:
    return list(partitions(settings))


def partitions(settings: Settings) -> dict[str, int]:
    """Every topic cxpulse uses and its partition count (the detector's input has one partition:
    one worker must see every channel)."""
    n = settings.topic_partitions
    topics = [*settings.kind_topics, settings.deadletter_topic, settings.enriched_topic, settings.alerts_topic]
    return {t: n for t in topics} | {settings.minutes_topic: 1}


async def ensure_topics(settings: Settings) -> list[str]:
    """Create missing topics; returns the names created now."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, **client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = partitions(settings)
        missing = [t for t in wanted if t not in existing]
        if missing:
            await admin.create_topics([NewTopic(t, wanted[t], 1) for t in missing])
        return missing
    finally:
        await admin.close()
