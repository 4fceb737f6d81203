"""Where an agent's results go besides ClickHouse: Kafka topics.

``Outputs`` is the one seam between the pipeline and the producer, so the
pipeline can be driven by Faust in production and by tests directly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Protocol

from sinks.clickhouse.rows import enriched_json
from streams.dead_letters import Rejection
from streams.enriched import EnrichedEvent


class Outputs(Protocol):
    async def dead_letter(self, rejections: Sequence[Rejection]) -> None: ...

    async def enriched(self, items: Sequence[EnrichedEvent]) -> None: ...


class TopicOutputs:
    """Publish through Faust topics and wait for the broker's acknowledgement."""

    def __init__(self, deadletters: Any, enriched: Any) -> None:
        self.deadletters_topic, self.enriched_topic = deadletters, enriched

    async def dead_letter(self, rejections: Sequence[Rejection]) -> None:
        futures = [await self.deadletters_topic.send(
            key=r.record.key, value=r.record.value, headers=r.headers(), force=True)
            for r in rejections]
        await asyncio.gather(*futures)

    async def enriched(self, items: Sequence[EnrichedEvent]) -> None:
        futures = [await self.enriched_topic.send(
            key=i.event_id.encode(), value=enriched_json(i), force=True) for i in items]
        await asyncio.gather(*futures)
