"""Create cxpulse's topics up front (idempotent), with the configured partitions."""

from __future__ import annotations

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from streams.settings import Settings


def topic_names(settings: Settings) -> list[str]:
    return [*settings.kind_topics, settings.deadletter_topic, settings.enriched_topic]


async def ensure_topics(settings: Settings) -> list[str]:
    """Create missing topics; returns the names created now."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in topic_names(settings) if t not in existing]
        if missing:
            await admin.create_topics([NewTopic(t, settings.topic_partitions, 1) for t in missing])
        return missing
    finally:
        await admin.close()
