"""The ``cx_consumer_lag`` gauge for every source partition this worker holds.

Example::

    lag = SourceLag(app, set(settings.kind_topics), EndOffsets(settings))
    lag.handled(events)        # after each batch is stored
    await lag.refresh()        # on a timer: every assigned partition, not only the last batch's

Lag is the partition's end offset as the broker reports it (``EndOffsets``),
minus the next offset to handle: the last handled offset + 1, or the group's committed
offset for a partition no batch has come from yet (a backlog waiting its turn;
Faust keeps it in ``Consumer._committed_offset``, no public accessor). Setting
it only for the partitions of the batch just handled left waiting partitions at
an old value, and the ``CxpulseConsumerLagHigh`` alert built on the sum saw a
saw-tooth.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from faust.types import TP

from sinks import metrics

Ends = Callable[[Iterable[TP]], Awaitable[dict[TP, int]]]


class SourceLag:
    def __init__(self, app: Any, topics: set[str], ends: Ends) -> None:
        self.app, self.topics, self.ends = app, topics, ends
        self.done: dict[TP, int] = {}
        self.shown: set[TP] = set()

    def handled(self, events: list[Any]) -> None:
        for e in events:
            tp = TP(e.message.topic, e.message.partition)
            self.done[tp] = max(self.done.get(tp, -1), e.message.offset)

    async def refresh(self) -> None:
        consumer = self.app.consumer
        held = {tp for tp in consumer.assignment() if tp.topic in self.topics}
        ends = await self.ends(held)
        committed = getattr(consumer, "_committed_offset", {})
        for tp, end in ends.items():
            nxt = max(self.done.get(tp, -1) + 1, committed.get(tp) or 0)
            metrics.CONSUMER_LAG.labels(tp.topic, str(tp.partition)).set(max(0, end - nxt))
            self.shown.add(tp)
        for tp in self.shown - held:  # moved to another worker: its lag is reported there
            metrics.CONSUMER_LAG.remove(tp.topic, str(tp.partition))
            self.done.pop(tp, None)
        self.shown &= held
