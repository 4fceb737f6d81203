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

A send not acknowledged within ``send_timeout`` seconds (the broker is down,
or the client is stuck after a broker restart) raises :class:`PublishTimeout`
and the next call uses a fresh producer. Starting is bounded the same way: a
broker that is still starting can answer with an empty cluster, and aiokafka's
idempotent producer then waits for a producer id forever. Resending is safe: the store keeps one
copy per ``event_id``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer

from streams.contract import Event, parse_event, validate_event

STOP_SECONDS = 10.0


class PublishTimeout(TimeoutError):
    """Kafka did not acknowledge the events in time; resend them."""


def key_of(event: Event | dict[str, Any]) -> bytes:
    """The partition key: the customer, so one customer's events stay in order;
    the event id for kinds without a customer (accounts, some cases)."""
    if isinstance(event, dict):
        return str(event.get("customer_id") or event["event_id"]).encode()
    return (event.customer_id or str(event.event_id)).encode()


class Publisher:
    def __init__(self, bootstrap: str, topic_prefix: str = "cx.", send_timeout: float = 60.0,
                 **producer_options: Any) -> None:
        self.prefix, self.send_timeout = topic_prefix, send_timeout
        self.options = {"bootstrap_servers": bootstrap, "acks": "all", "enable_idempotence": True,
                        "linger_ms": 5, **producer_options}
        self.producer = AIOKafkaProducer(**self.options)
        self.stale = False  # the last send timed out: start a fresh producer before the next

    async def __aenter__(self) -> Publisher:
        await self._start()
        return self

    async def _start(self) -> None:
        try:
            await asyncio.wait_for(self.producer.start(), self.send_timeout)
        except TimeoutError:
            await _stop(self.producer)
            self.stale = True
            raise PublishTimeout(f"no usable connection to Kafka within {self.send_timeout:g} s; "
                                 "try again (nothing was sent)") from None

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await _stop(self.producer)

    async def publish(self, event: dict[str, Any] | bytes) -> str:
        """Validate and send one event; returns its ``event_id`` once Kafka has it."""
        [event_id] = await self.publish_many([event])
        return event_id

    async def publish_many(self, events: Iterable[dict[str, Any] | bytes]) -> list[str]:
        """Validate all first (nothing is sent if one is invalid), then send and wait."""
        parsed = [_parse(e) for e in events]
        if self.stale:
            await self._renew()
        try:
            await asyncio.wait_for(self._send(parsed), self.send_timeout)
        except TimeoutError:
            self.stale = True
            raise PublishTimeout(f"{len(parsed)} events not acknowledged within {self.send_timeout:g} s; "
                                 "resend them (the store keeps one copy per event_id)") from None
        return [str(ev.event_id) for ev, _ in parsed]

    async def _send(self, parsed: list[tuple[Event, bytes]]) -> None:
        futures = [await self.producer.send(f"{self.prefix}{ev.kind}", raw, key=key_of(ev))
                   for ev, raw in parsed]
        await asyncio.gather(*futures)

    async def _renew(self) -> None:
        await _stop(self.producer)
        self.producer = AIOKafkaProducer(**self.options)
        await self._start()  # raises while the broker is down; the next call tries again
        self.stale = False


async def _stop(producer: AIOKafkaProducer) -> None:
    """Stop, but not forever: a stuck client must not hold its caller."""
    with contextlib.suppress(Exception):  # a broken client may fail to stop; it is being dropped
        await asyncio.wait_for(producer.stop(), STOP_SECONDS)


def _parse(event: dict[str, Any] | bytes) -> tuple[Event, bytes]:
    if isinstance(event, bytes):
        return parse_event(event), event
    return validate_event(event), orjson.dumps(event)
