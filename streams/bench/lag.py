"""Consumer lag as Kafka sees it: end offsets minus the group's committed offsets.

The worker's own ``cx_consumer_lag`` gauge is set per partition when a batch
from that partition is handled, so partitions waiting their turn keep an old
value and the sum jumps; the benchmark reads the broker instead. Committed
offsets trail processing by up to the commit interval (1 s). The clients stay
connected between readings (on their own event loop), so sampling every
second costs the broker two small requests, not new connections.

Example::

    with GroupLag(settings) as lag:   # the worker group's source topics
        lag()                         # 1234
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import GroupCoordinatorNotAvailableError
from aiokafka.structs import TopicPartition

from streams.settings import Settings


class GroupLag:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.loop = asyncio.new_event_loop()
        self.lock = threading.Lock()
        self.clients: tuple[AIOKafkaAdminClient, AIOKafkaConsumer] | None = None
        self.partitions: list[TopicPartition] = []

    def __enter__(self) -> GroupLag:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self) -> float:
        with self.lock:  # a sampler thread and the caller may both ask; one loop serves both
            return self.loop.run_until_complete(self._lag())

    def behind(self) -> dict[str, tuple[int, int]]:
        """``topic/partition -> (committed, end)`` for each partition the group has not caught up on."""
        with self.lock:
            return self.loop.run_until_complete(self._behind())

    def close(self) -> None:
        with self.lock:
            self._close()

    def _close(self) -> None:
        if self.clients is not None:
            admin, consumer = self.clients
            self.loop.run_until_complete(consumer.stop())
            self.loop.run_until_complete(admin.close())
            self.clients = None
        self.loop.close()

    async def _connect(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        if self.clients is None:
            bootstrap = self.settings.kafka_bootstrap
            admin, consumer = AIOKafkaAdminClient(bootstrap_servers=bootstrap), AIOKafkaConsumer(
                bootstrap_servers=bootstrap)
            await admin.start()
            await consumer.start()
            described = await admin.describe_topics(list(self.settings.kind_topics))
            self.partitions = [TopicPartition(t["topic"], p["partition"])
                               for t in described for p in t["partitions"]]
            self.clients = admin, consumer
        return self.clients

    async def _lag(self) -> float:
        return float(sum(end - done for done, end in (await self._offsets()).values()))

    async def _behind(self) -> dict[str, tuple[int, int]]:
        offsets = await self._offsets()
        return {f"{tp.topic}/{tp.partition}": pair for tp, pair in offsets.items() if pair[0] < pair[1]}

    async def _offsets(self) -> dict[TopicPartition, tuple[int, int]]:
        admin, consumer = await self._connect()
        committed = await _committed(admin, self.settings.app_id)
        ends = await consumer.end_offsets(self.partitions)
        done = {tp: meta.offset for tp, meta in committed.items() if meta.offset >= 0}
        return {tp: (done.get(tp, 0), end) for tp, end in ends.items()}


async def _committed(admin: AIOKafkaAdminClient, group: str) -> dict[TopicPartition, Any]:
    try:
        return await admin.list_consumer_group_offsets(group)
    except GroupCoordinatorNotAvailableError:  # no group has committed on this broker yet
        return {}
