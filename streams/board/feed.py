"""Consume ``cx.enriched`` into a :class:`BoardState` (its own consumer group)."""

from __future__ import annotations

import asyncio
import uuid

import orjson
from aiokafka import AIOKafkaConsumer

from streams.board.state import BoardState


async def follow(bootstrap: str, topic: str, state: BoardState, stop: asyncio.Event) -> None:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="latest",
                                group_id=f"cxpulse-board-{uuid.uuid4().hex[:8]}",
                                enable_auto_commit=False)
    await consumer.start()
    try:
        while not stop.is_set():
            batches = await consumer.getmany(timeout_ms=500, max_records=1000)
            for records in batches.values():
                for record in records:
                    state.add(orjson.loads(record.value))
    finally:
        await consumer.stop()
