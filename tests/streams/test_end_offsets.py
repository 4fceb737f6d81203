"""End offsets for the lag gauge: no answer means no reading, never an exception in the worker.

Readings against a real broker: tests/integration/test_faults_store.py (the gauge matches Kafka's
lag while partitions are paused).
"""

from __future__ import annotations

import asyncio
import time

from faust.types import TP

from streams.end_offsets import ANSWER_SECONDS, EndOffsets
from streams.settings import Settings


def test_nothing_held_asks_nothing() -> None:
    ends = EndOffsets(Settings(kafka_bootstrap="127.0.0.1:1"))
    assert asyncio.run(ends([])) == {} and ends.client is None


def test_an_unreachable_broker_gives_no_reading_in_bounded_time() -> None:
    async def go() -> dict[TP, int]:
        ends = EndOffsets(Settings(kafka_bootstrap="127.0.0.1:1"))
        try:
            return await ends({TP("cx.chat", 0)})
        finally:
            await ends.close()

    started = time.monotonic()
    assert asyncio.run(go()) == {}
    assert time.monotonic() - started < ANSWER_SECONDS + 2
