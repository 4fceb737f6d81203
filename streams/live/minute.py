"""The ``cx-minute`` agent: contacts per minute and kind in a windowed table.

It reads ``cx.enriched`` (keyed by event kind) and keeps one
:class:`~processors.detection.Bucket` (a :class:`~processors.rollup.MinuteStats`
plus survey scores, negative contacts per account and example messages)
per kind and one-minute window of event time, for two hours. The spike
detector reads snapshots of these windows (``streams.detect.snapshots``).
The table is co-partitioned with the topic, so each worker holds the kinds of
the partitions it owns. Events are taken in batches and each window is written
once per batch: a table write is a changelog message, and one per event cost
more CPU (worker and broker) than the rest of the pipeline around the model.

Counted once: events marked ``cx-replay`` were counted when first published,
and each window remembers the highest source offset it has applied, so a
restart that replays uncommitted messages skips the ones already in the
table. The same numbers, exact and kept for good, are the ``contact_minute``
and ``topic_minute`` rollups in ClickHouse.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import faust
import orjson

from processors.detection import Bucket
from processors.rollup import Fact
from streams.live.current import as_current
from streams.live.headers import OCCURRED_MS, REPLAY, SOURCE, header
from streams.settings import Settings

WINDOW_SECONDS = 60.0
KEEP = timedelta(hours=2)
COUNTED = frozenset({"chat", "email", "call", "social", "survey"})  # cases, accounts: never
Item = tuple[dict[str, Any], int, int, str]  # an enriched message's doc, event time (ms), offset, source partition


def fact_from_json(value: bytes) -> Fact | None:
    """The aggregate's input from a ``cx.enriched`` message; None for non-contacts."""
    return fact_from_doc(orjson.loads(value))


def fact_from_doc(doc: dict[str, Any]) -> Fact | None:
    if not doc.get("contact"):
        return None
    event, s = doc["event"], doc.get("sentiment") or {}
    scored = bool(s.get("scored"))
    return Fact(event["kind"], event.get("team") or "", tuple(doc.get("topics", [])),
                s.get("label", "") if scored else "", s.get("score") if scored else None,
                tuple(f["signal"] for f in doc.get("friction", [])))


def apply(current: dict[str, Any] | None, kind: str, doc: dict[str, Any], at_ms: int,
          offset: int) -> dict[str, Any] | None:
    """The window's new value, or None when this offset is already in it (or nothing to count)."""
    return apply_all(current, kind, [(doc, at_ms, offset, "")])


def apply_all(current: dict[str, Any] | None, kind: str, items: Sequence[Item]) -> dict[str, Any] | None:
    """The window's value after ``items`` (doc, event ms, offset, source partition; in offset order);
    None when every offset is already in it or nothing counts."""
    applied = current.get("offset", -1) if current else -1
    bucket, last = None, applied
    for doc, at_ms, offset, part in items:
        if offset <= applied:
            continue
        if bucket is None:
            bucket = Bucket.from_dict(current) if current else Bucket(kind, at_ms // 60_000 * 60)
        if _add(bucket, doc, at_ms):
            last = offset
            if part:
                bucket.saw(part, at_ms)
    return None if bucket is None or last == applied else {**bucket.to_dict(), "offset": last}


def _add(bucket: Bucket, doc: dict[str, Any], at_ms: int) -> bool:
    event = doc["event"]
    if (fact := fact_from_doc(doc)) is not None:
        bucket.add_contact(fact, at_ms, event.get("account_id") or "", doc.get("text", ""))
    elif event["kind"] == "survey":
        bucket.add_survey(event["survey_type"], event["score"], at_ms)
    else:
        return False
    return True


def window_groups(events: Sequence[Any]) -> list[tuple[Any, str, list[Item]]]:
    """A batch's countable events grouped by kind and minute, in offset order:
    (the group's last event, kind, items). Replays and kinds that never count are left out."""
    groups: dict[tuple[str, int], list[Any]] = {}
    for event in events:
        m = event.message
        kind = m.key.decode()
        if kind in COUNTED and not header(m.headers, REPLAY):
            groups.setdefault((kind, _event_ms(m.headers) // 60_000), []).append(event)
    return [(group[-1], kind, [(orjson.loads(e.value), _event_ms(e.message.headers), e.message.offset,
                                (header(e.message.headers, SOURCE) or b"").decode()) for e in group])
            for (kind, _), group in groups.items()]


def _event_ms(headers: Any) -> int:
    raw = header(headers, OCCURRED_MS)
    return int(raw) if raw else 0


def _event_time(event: Any) -> float:
    return _event_ms(event.message.headers) / 1000 if event is not None else 0.0


def register(app: Any, settings: Settings) -> Any:
    """Add the table and its agent; returns the windowed table."""
    # JSON keys: windowed keys are (key, window) pairs, which raw bytes cannot carry
    # through the changelog (recovered keys would come back as "b'chat'").
    schema: faust.Schema = faust.Schema(key_type=str, key_serializer="json", value_serializer="json")
    table = app.Table("cx-minute", default=dict, partitions=settings.topic_partitions, schema=schema,
                      ).tumbling(WINDOW_SECONDS, expires=KEEP).relative_to(_event_time)
    source = app.topic(settings.enriched_topic, key_type=bytes, value_type=bytes,
                       key_serializer="raw", value_serializer="raw")

    @app.agent(source, name="cx-minute")
    async def live(stream: Any) -> None:
        # One table write per kind and minute per batch, not per event: each write is
        # a changelog message. The group's last event is made current, so the write
        # lands in its window and its partition's changelog.
        async for events in stream.take_events(settings.batch_size, settings.batch_within_seconds):
            for last, kind, items in window_groups(events):
                with as_current(last):
                    # value(), not current(): current() ignores relative_to and uses the message time.
                    new = apply_all(table[kind].value(), kind, items)
                    if new is not None:
                        table[kind] = new

    return table


def windows(table: Any) -> dict[str, list[dict[str, Any]]]:
    """Every window this worker holds, per kind, oldest first (for the live view)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for (kind, (start, _end)), value in sorted(table.table.data.items(), key=lambda kv: kv[0][1]):
        out.setdefault(kind, []).append({"start": start, **value})
    return out
