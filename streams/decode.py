"""Bytes to a validated event, or a rejection with its reason."""

from __future__ import annotations

from streams.contract import InvalidEvent, parse_event
from streams.dead_letters import Rejection
from streams.enrichment import Incoming
from streams.records import Record


def decode(record: Record, max_bytes: int) -> Incoming | Rejection:
    if len(record.value) > max_bytes:
        return Rejection(record, "too_large", f"{len(record.value)} bytes > limit {max_bytes}")
    try:
        event = parse_event(record.value)
    except InvalidEvent as exc:
        return Rejection(record, exc.reason, exc.detail)
    if record.kind_hint and event.kind != record.kind_hint:
        return Rejection(record, "wrong_topic",
                         f"kind {event.kind!r} published to the {record.kind_hint!r} topic")
    return Incoming(event, record)


def split(records: list[Record], max_bytes: int) -> tuple[list[Incoming], list[Rejection]]:
    good: list[Incoming] = []
    bad: list[Rejection] = []
    for record in records:
        result = decode(record, max_bytes)
        (bad if isinstance(result, Rejection) else good).append(result)  # type: ignore[arg-type]
    return good, bad
