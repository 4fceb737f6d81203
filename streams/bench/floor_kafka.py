"""aiokafka alone: the broker's floor for ``cxpulse bench`` (consume, produce, commit; no framework).

One consumer in the scenario's group over every kind topic and one producer
(acks=all, idempotent, like the worker's), forwarding each value to
``cx.enriched`` wrapped as ``{"event": ...}`` and committing after each batch is
acknowledged: the least any at-least-once consume-and-produce loop pays per
event on this broker.

Run as ``python -m streams.bench.floor_kafka worker`` with the scenario's
``CXPULSE_*`` environment; ``/health`` answers ``"ok"`` once it holds partitions.
"""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.settings import Settings


async def forward(s: Settings) -> None:
    consumer = AIOKafkaConsumer(*(s.topic(kind) for kind in s.kind_topics.values()),
                                bootstrap_servers=s.kafka_bootstrap, group_id=s.app_id,
                                enable_auto_commit=False, auto_offset_reset="earliest")
    producer = AIOKafkaProducer(bootstrap_servers=s.kafka_bootstrap, acks="all", enable_idempotence=True,
                                linger_ms=s.kafka_producer_linger_ms,  # the worker's producer settings
                                compression_type=None if s.kafka_producer_compression == "none"
                                else s.kafka_producer_compression)
    async def ready(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok" if consumer.assignment() else "starting"})

    health = web.Application()
    health.router.add_get("/health", ready)
    runner = web.AppRunner(health)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", s.web_port).start()
    await consumer.start()
    await producer.start()
    try:
        while True:
            batches = await consumer.getmany(timeout_ms=200, max_records=s.batch_size)
            sent = [await producer.send(s.enriched_topic, b'{"event":' + record.value + b"}", key=record.key)
                    for records in batches.values() for record in records if record.value is not None]
            if sent:
                await asyncio.gather(*sent)
                await consumer.commit()
    finally:
        await consumer.stop()
        await producer.stop()
        await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(forward(Settings()))
