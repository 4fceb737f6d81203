"""``POST /v1/events``: one JSON event or an NDJSON batch, validated up front.

All or nothing: if any line is invalid the answer is 400 with one error per
bad line and nothing is published, so a client can fix and resend the batch
without creating duplicates. Otherwise every event is published to its kind
topic (key = ``customer_id``), acknowledged by Kafka, and the answer is 202
with the accepted ids. Events keep their exact bytes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson

from sinks import metrics
from streams.contract import Event, InvalidEvent, parse_event
from streams.settings import Settings

Publish = Callable[[list[tuple[Event, bytes]]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: dict[str, Any]


def split_lines(body: bytes) -> list[tuple[int, bytes]]:
    """(line number, bytes) of each non-blank NDJSON line; one JSON document is line 1."""
    stripped = body.strip()
    if stripped.startswith(b"{") and b"\n" in stripped:
        try:
            orjson.loads(stripped)
            return [(1, stripped)]  # one pretty-printed event
        except orjson.JSONDecodeError:
            pass
    return [(n, line) for n, line in enumerate(body.splitlines(), 1) if line.strip()]


def validate_lines(lines: list[tuple[int, bytes]]) -> tuple[list[tuple[Event, bytes]], list[dict[str, Any]]]:
    good, errors = [], []
    for n, line in lines:
        try:
            good.append((parse_event(line), line))
        except InvalidEvent as exc:
            errors.append({"line": n, "reason": exc.reason, "detail": exc.detail})
    return good, errors


async def ingest(settings: Settings, body: bytes, publish: Publish) -> Reply:
    lines = split_lines(body)
    if not lines:
        return Reply(400, {"error": "empty body"})
    if len(lines) > settings.ingest_max_events:
        return Reply(413, {"error": f"{len(lines)} events > limit {settings.ingest_max_events}"})
    good, errors = validate_lines(lines)
    if errors:
        for e in errors:
            metrics.DEAD_LETTERS.labels(e["reason"], "http").inc()
        return Reply(400, {"accepted": [], "errors": errors})
    await publish(good)
    metrics.HTTP_EVENTS.inc(len(good))
    return Reply(202, {"accepted": [str(e.event_id) for e, _ in good]})
