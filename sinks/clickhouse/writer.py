"""Batched, idempotent writes of enriched events to ClickHouse.

Idempotency is decided here: before inserting, the writer asks which of the
batch's ``event_id`` values are already stored (a primary-key read) and skips
them, so the first write of an event wins and a replay or a retry after a
crash adds nothing: not to ``events``, not to ``turns``, and not to any
materialized view fed by them. ``ReplacingMergeTree`` on ``event_id`` is the
backstop for the one case the look-up cannot see (two writers racing on the
same id); queries that must be exact even then use ``FINAL``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from clickhouse_connect.driver.client import Client

from sinks.base import BatchingSink
from sinks.clickhouse import rows
from streams.enriched import EnrichedEvent


@dataclass(frozen=True, slots=True)
class WriteResult:
    stored: int
    duplicates: int
    seconds: float
    replayed: frozenset[str] = frozenset()  # ids of the batch that were already stored


class ClickHouseWriter(BatchingSink[EnrichedEvent]):
    def __init__(self, client: Client, max_items: int = 10_000) -> None:
        super().__init__(max_items)
        self.client = client
        self.last: WriteResult | None = None

    def write(self, batch: list[EnrichedEvent]) -> None:
        self.last = self.write_batch(batch)

    def write_batch(self, batch: Sequence[EnrichedEvent]) -> WriteResult:
        started = time.perf_counter()
        fresh = self._not_stored(_unique(batch))
        now = datetime.now(UTC)
        if fresh:
            self.client.insert("events", [rows.event_row(e, now) for e in fresh],
                               column_names=rows.EVENT_COLUMNS)
            turns = [r for e in fresh for r in rows.turn_rows(e)]
            if turns:
                self.client.insert("turns", turns, column_names=rows.TURN_COLUMNS)
        replayed = frozenset(e.event_id for e in batch) - {e.event_id for e in fresh}
        return WriteResult(len(fresh), len(batch) - len(fresh), time.perf_counter() - started, replayed)

    def _not_stored(self, batch: list[EnrichedEvent]) -> list[EnrichedEvent]:
        if not batch:
            return []
        ids = [e.event.event_id for e in batch]
        known = self.client.query("SELECT event_id FROM events WHERE event_id IN {ids:Array(UUID)}",
                                  parameters={"ids": ids}).result_rows
        seen = {row[0] for row in known}
        return [e for e in batch if e.event.event_id not in seen]


def _unique(batch: Sequence[EnrichedEvent]) -> list[EnrichedEvent]:
    """First occurrence of each event_id within the batch."""
    first: dict[object, EnrichedEvent] = {}
    for e in batch:
        first.setdefault(e.event.event_id, e)
    return list(first.values())
