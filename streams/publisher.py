"""Publish events to cxpulse from Python.

Example::

    import asyncio
    from streams.publisher import Publisher

    async def main() -> None:
        async with Publisher("127.0.0.1:9092") as pub:
            await pub.publish({"event_id": "...", "kind": "chat", ...})

    asyncio.run(main())

Events are validated against contract v1 before they are sent (an invalid
event raises :class:`streams.contract.InvalidEvent`), sent to their kind's
topic keyed by ``customer_id``, and acknowledged by all in-sync replicas
(``acks=all``, idempotent producer), so a retried send never duplicates.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer

from streams.contract import Event, parse_event, validate_event


def key_of(event: Event | dict[str, Any]) -> bytes:
    """The partition key: the customer, so one customer's events stay in order;
    the event id for kinds without a customer (accounts, some cases)."""
    if isinstance(event, dict):
        return str(event.get("customer_id") or event["event_id"]).encode()
    return (event.customer_id or str(event.event_id)).encode()


class Publisher:
    def __init__(self, bootstrap: str, topic_prefix: str = "cx.", **producer_options: Any) -> None:
        self.prefix = topic_prefix
        self.producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all",
                                         enable_idempotence=True, linger_ms=5,
                                         **producer_options)

    async def __aenter__(self) -> Publisher:
        await self.producer.start()
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.producer.stop()

    async def publish(self, event: dict[str, Any] | bytes) -> str:
        """Validate and send one event; returns its ``event_id`` once Kafka has it."""
        [event_id] = await self.publish_many([event])
        return event_id

    async def publish_many(self, events: Iterable[dict[str, Any] | bytes]) -> list[str]:
        """Validate all first (nothing is sent if one is invalid), then send and wait."""
        parsed = [_parse(e) for e in events]
        futures = [await self.producer.send(f"{self.prefix}{ev.kind}", raw, key=key_of(ev))
                   for ev, raw in parsed]
        await asyncio.gather(*futures)
        return [str(ev.event_id) for ev, _ in parsed]


def _parse(event: dict[str, Any] | bytes) -> tuple[Event, bytes]:
    if isinstance(event, bytes):
        return parse_event(event), event
    return validate_event(event), orjson.dumps(event)
