"""Where an agent's results go besides ClickHouse: Kafka topics.

``Outputs`` is the one seam between the pipeline and the producer, so the
pipeline can be driven by Faust in production and by tests directly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sinks.clickhouse.rows import enriched_json
from streams.dead_letters import Rejection
from streams.enriched import EnrichedEvent
from streams.live.headers import enriched_headers


class Outputs(Protocol):
    async def dead_letter(self, rejections: Sequence[Rejection]) -> None: ...

    async def enriched(self, items: Sequence[EnrichedEvent], replayed: frozenset[str] = frozenset()) -> None:
        """``replayed``: ids that were already stored, i.e. published before (a replay)."""


class TopicOutputs:
    """Publish with the app's producer and wait until Kafka acknowledges every message.

    Uses Faust's producer directly rather than ``Topic.send``: per message that
    skips Faust's pending-message bookkeeping, which cost ~20% of a batch's time
    (docs/performance.md). Delivery is still awaited before the batch is acked.
    """

    def __init__(self, producer: Callable[[], Any], deadletter_topic: str, enriched_topic: str) -> None:
        self.producer, self.deadletter_topic, self.enriched_topic = producer, deadletter_topic, enriched_topic

    async def dead_letter(self, rejections: Sequence[Rejection]) -> None:
        await self._send(self.deadletter_topic,
                         [(r.record.key, r.record.value, r.headers()) for r in rejections])

    async def enriched(self, items: Sequence[EnrichedEvent], replayed: frozenset[str] = frozenset()) -> None:
        """Keyed by event kind, so a per-kind table can be co-partitioned with the topic."""
        await self._send(self.enriched_topic, [(i.event.kind.encode(), enriched_json(i),
                                                enriched_headers(i, i.event_id in replayed))
                                               for i in items])

    async def _send(self, topic: str, messages: list[tuple[bytes | None, bytes, Any]]) -> None:
        producer = self.producer()
        futures = [await producer.send(topic, key, value, None, None, headers)
                   for key, value, headers in messages]
        await asyncio.gather(*futures)
