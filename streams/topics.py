"""Create cxpulse's topics up front (idempotent), with the configured partitions.

cx.deadletter keeps rejected input as it arrived, personal data included (it is
the evidence a publisher needs to fix its events), so it is the one topic with
a bounded retention: ``CXPULSE_DEADLETTER_RETENTION_DAYS``, set when the topic
is created and set again on each start if it already exists.
"""

from __future__ import annotations

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

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


def topic_configs(settings: Settings) -> dict[str, dict[str, str]]:
    """Topic-level configs cxpulse sets (others keep the broker's defaults)."""
    retention_ms = int(settings.deadletter_retention_days * 86_400_000)
    return {settings.deadletter_topic: {"retention.ms": str(retention_ms)}}


async def ensure_topics(settings: Settings) -> list[str]:
    """Create missing topics; returns the names created now."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, **client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = partitions(settings)
        missing = [t for t in wanted if t not in existing]
        configs = topic_configs(settings)
        if missing:
            await admin.create_topics([NewTopic(t, wanted[t], 1, topic_configs=configs.get(t, {}))
                                       for t in missing])
        present = [ConfigResource(ConfigResourceType.TOPIC, t, configs=c) for t, c in configs.items()
                   if t in existing]
        if present:
            await admin.alter_configs(present)
        return missing
    finally:
        await admin.close()
