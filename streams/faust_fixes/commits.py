"""Faust's Kafka transport with one fix: a commit never passes an event still in flight.

With ``concurrency=2`` the agent's two actors finish batches out of order. Faust
commits the first run of acked offsets, but treats a single missing offset at
the head as a gap in the log (a compacted or transactional topic) and commits
over it: with ``committed=10`` and ``acked=[11, 12]`` it commits 13 while 10 is
still being scored. A stop or crash then loses offset 10 (faust-streaming
issue #606; the upstream fix, PR #707, is not released). Here the offsets from
the lowest in-flight message of a partition on are held back from the commit
and kept for the next one.

Example::

    app = faust.App(...)
    app.transport = Transport(app.conf.broker_consumer, app)  # before any agent is added
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from faust.transport.drivers import aiokafka
from faust.types import TP


def lowest_in_flight(messages: Any, committed: Mapping[TP, int | None]) -> dict[TP, int]:
    """The lowest offset per partition among messages delivered but not yet acked.

    Messages below the committed offset are ignored: they are copies a rebalance
    dropped from the agents' queues (the partition was re-read from its committed
    offset) and will never be acked; counting them would stop commits for good."""
    low: dict[TP, int] = {}
    for m in list(messages):  # a WeakSet: copy before iterating
        if m.acked or m.offset < (committed.get(m.tp) or 0):
            continue
        if m.offset < low.get(m.tp, m.offset + 1):
            low[m.tp] = m.offset
    return low


class Consumer(aiokafka.Consumer):
    _in_flight: Mapping[TP, int] = MappingProxyType({})  # per instance once _filter_committable_offsets has run

    def _filter_committable_offsets(self, tps: Any) -> dict[TP, int]:
        self._in_flight = lowest_in_flight(self._unacked_messages, dict(self._committed_offset))
        return super()._filter_committable_offsets(tps)

    def _new_offset(self, tp: TP) -> int | None:
        low = self._in_flight.get(tp)
        if low is None:
            return super()._new_offset(tp)
        acked = self._acked[tp]
        held = [o for o in acked if o >= low]
        acked[:] = [o for o in acked if o < low]
        try:
            return super()._new_offset(tp)
        finally:
            acked.extend(held)


class Transport(aiokafka.Transport):
    Consumer = Consumer
