"""The ``cx_consumer_lag`` gauge for every source partition this worker holds.

Example::

    lag = SourceLag(app, set(settings.kind_topics))
    lag.handled(events)        # after each batch is stored
    await lag.refresh()        # on a timer: every assigned partition, not only the last batch's

Lag is the partition's high-water mark minus the next offset to handle: the
last handled offset + 1, or the consumer's position for a partition no batch
has come from yet (a backlog still waiting its turn). Setting it only for the
partitions of the batch just handled left waiting partitions at an old value,
and the ``CxpulseConsumerLagHigh`` alert built on the sum saw a saw-tooth.
"""

from __future__ import annotations

from typing import Any

from faust.types import TP

from sinks import metrics


class SourceLag:
    def __init__(self, app: Any, topics: set[str]) -> None:
        self.app, self.topics = app, topics
        self.done: dict[TP, int] = {}
        self.shown: set[TP] = set()

    def handled(self, events: list[Any]) -> None:
        for e in events:
            tp = TP(e.message.topic, e.message.partition)
            self.done[tp] = max(self.done.get(tp, -1), e.message.offset)

    async def refresh(self) -> None:
        consumer = self.app.consumer
        held = {tp for tp in consumer.assignment() if tp.topic in self.topics}
        for tp in held:
            if (lag := await self._lag(consumer, tp)) is not None:
                metrics.CONSUMER_LAG.labels(tp.topic, str(tp.partition)).set(lag)
                self.shown.add(tp)
        for tp in self.shown - held:  # moved to another worker: its lag is reported there
            metrics.CONSUMER_LAG.remove(tp.topic, str(tp.partition))
            self.done.pop(tp, None)
        self.shown &= held

    async def _lag(self, consumer: Any, tp: TP) -> int | None:
        try:
            high = consumer.highwater(tp)
            nxt = self.done[tp] + 1 if tp in self.done else await consumer.position(tp)
        except Exception:  # noqa: BLE001 - not fetched yet, or the consumer is rebalancing
            return None
        return None if high is None or nxt is None else max(0, high - nxt)
