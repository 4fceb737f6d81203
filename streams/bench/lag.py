"""Consumer lag as Kafka sees it: end offsets minus the group's committed offsets.

The worker's own ``cx_consumer_lag`` gauge is set per partition when a batch
from that partition is handled, so partitions waiting their turn keep an old
value and the sum jumps; the benchmark reads the broker instead. Committed
offsets trail processing by up to the commit interval (1 s).

Example::

    lag = GroupLag(settings)      # the worker group's source topics
    lag()                         # 1234
"""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import GroupCoordinatorNotAvailableError
from aiokafka.structs import TopicPartition

from streams.settings import Settings


class GroupLag:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self) -> float:
        return asyncio.run(self._lag())

    async def _lag(self) -> float:
        s = self.settings
        admin = AIOKafkaAdminClient(bootstrap_servers=s.kafka_bootstrap)
        consumer = AIOKafkaConsumer(bootstrap_servers=s.kafka_bootstrap)
        await admin.start()
        await consumer.start()
        try:
            committed = await _committed(admin, s.app_id)
            described = await admin.describe_topics(list(s.kind_topics))
            ends = await consumer.end_offsets([TopicPartition(t["topic"], p["partition"])
                                               for t in described for p in t["partitions"]])
        finally:
            await consumer.stop()
            await admin.close()
        done = {tp: meta.offset for tp, meta in committed.items() if meta.offset >= 0}
        return float(sum(end - done.get(tp, 0) for tp, end in ends.items()))



async def _committed(admin: AIOKafkaAdminClient, group: str) -> dict:  # type: ignore[type-arg]
    try:
        return await admin.list_consumer_group_offsets(group)
    except GroupCoordinatorNotAvailableError:  # no group has committed on this broker yet
        return {}
