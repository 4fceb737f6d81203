"""``POST /v1/events``: one JSON event or an NDJSON batch, validated up front.

All or nothing: if any line is invalid the answer is 400 with one error per
bad line and nothing is published, so a client can fix and resend the batch
without creating duplicates. Otherwise every event is published to its kind
topic (key = ``customer_id``), acknowledged by Kafka, and the answer is 202
with the accepted ids. Events keep their exact bytes.

Every invalid line is also kept, as on the Kafka path: its exact bytes go to
the dead-letter topic with the reason, ``cx-dlq-origin: http`` and the line
number as its offset, acknowledged before the 400 is sent (a 503 if Kafka does
not take them, so the client retries). Refusals of the request itself (no
token, rate limit, body too large) name no event and are not dead-lettered.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from sinks import metrics
from streams.contract import Event, InvalidEvent, parse_event
from streams.dead_letters import Rejection
from streams.enriched import Origin
from streams.records import Record
from streams.settings import Settings

Publish = Callable[[list[tuple[Event, bytes]]], Awaitable[None]]
log = logging.getLogger(__name__)
DeadLetter = Callable[[list[Rejection]], Awaitable[None]]
HTTP_ORIGIN = "http"


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


def validate_lines(lines: list[tuple[int, bytes]]) -> tuple[list[tuple[Event, bytes]], list[Rejection]]:
    good, bad = [], []
    now = datetime.now(UTC)
    for n, line in lines:
        try:
            good.append((parse_event(line), line))
        except InvalidEvent as exc:
            bad.append(Rejection(Record(line, None, Origin(HTTP_ORIGIN, -1, n), now), exc.reason, exc.detail))
    return good, bad


async def ingest(settings: Settings, body: bytes, publish: Publish, dead_letter: DeadLetter) -> Reply:
    lines = split_lines(body)
    if not lines:
        return Reply(400, {"error": "empty body"})
    if len(lines) > settings.ingest_max_events:
        return Reply(413, {"error": f"{len(lines)} events > limit {settings.ingest_max_events}"})
    good, bad = validate_lines(lines)
    if bad:
        try:
            await dead_letter(bad)
        except Exception:  # the client is told to retry; nothing was accepted
            log.exception("could not dead-letter %d rejected HTTP lines", len(bad))
            return Reply(503, {"error": "invalid events could not be recorded; retry the request"})
        for r in bad:
            metrics.DEAD_LETTERS.labels(r.reason, HTTP_ORIGIN).inc()
        errors = [{"line": r.record.origin.offset, "reason": r.reason, "detail": r.detail} for r in bad]
        return Reply(400, {"error": f"{len(bad)} invalid line(s); nothing was accepted", "accepted": [],
                           "errors": errors})
    await publish(good)
    metrics.HTTP_EVENTS.inc(len(good))
    return Reply(202, {"accepted": [str(e.event_id) for e, _ in good]})
