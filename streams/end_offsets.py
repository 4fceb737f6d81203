"""End offsets of source partitions, asked of the broker by a client of the worker's own.

Faust's fetcher only refreshes a partition's high-water mark while it fetches
from it, so a paused partition (the store is down, the agent's buffer is full)
shows a stale end; and asking through Faust's consumer would queue behind its
rebalances on the consumer thread. This client holds no group membership and
is opened on first use.

Example::

    ends = EndOffsets(settings)
    await ends({TP("cx.chat", 0)})     # {TP("cx.chat", 0): 1234}, or {} if the broker did not answer
    await ends.close()
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.types import TP

from streams.kafka_auth import client_options
from streams.settings import Settings

log = logging.getLogger(__name__)
ANSWER_SECONDS = 5.0  # a late answer is skipped: the gauge keeps its last value


class EndOffsets:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client: AIOKafkaConsumer | None = None

    async def __call__(self, tps: Iterable[TP]) -> dict[TP, int]:
        wanted = [TopicPartition(tp.topic, tp.partition) for tp in tps]
        if not wanted:
            return {}
        try:
            client = await self._client()
            ends = await asyncio.wait_for(client.end_offsets(wanted), ANSWER_SECONDS)
        except Exception as exc:  # noqa: BLE001 - broker unreachable: try again on the next tick
            log.debug("end offsets unavailable: %r", exc)
            return {}
        return {TP(tp.topic, tp.partition): end for tp, end in ends.items()}

    async def partitions(self) -> dict[str, set[int]]:
        """Every topic the broker has and its partitions; {} if the broker did not answer."""
        try:
            client = await self._client()
            # What AIOKafkaConsumer.topics() asks, kept whole: it returns the names only.
            cluster = await asyncio.wait_for(client._client.fetch_all_metadata(), ANSWER_SECONDS)
        except Exception as exc:  # noqa: BLE001 - broker unreachable: try again on the next tick
            log.debug("topic metadata unavailable: %r", exc)
            return {}
        return {t: set(cluster.partitions_for_topic(t) or ()) for t in cluster.topics()}

    async def close(self) -> None:
        if self.client is not None:
            client, self.client = self.client, None
            await client.stop()

    async def _client(self) -> AIOKafkaConsumer:
        if self.client is None:
            client = AIOKafkaConsumer(bootstrap_servers=self.settings.kafka_bootstrap,
                                      enable_auto_commit=False, **client_options(self.settings))
            await asyncio.wait_for(client.start(), ANSWER_SECONDS)
            self.client = client
        return self.client
