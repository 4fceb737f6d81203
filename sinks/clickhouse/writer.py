"""Batched, idempotent writes of enriched events to ClickHouse: an event with its turns, or neither.

Idempotency is decided here: before inserting, the writer asks which of the
batch's ``event_id`` values are already stored (a primary-key read) and skips
them, so the first write of an event wins and a replay or a retry after a
crash adds nothing: not to ``events``, not to ``turns``, and not to any
materialized view fed by them. ``ReplacingMergeTree`` on ``event_id`` is the
backstop for the one case the look-up cannot see (two writers racing on the
same id); queries that must be exact even then use ``FINAL``.

An event and its turns are stored together. ClickHouse has no transaction
across two tables, so the order makes it so: ``turns`` first, then
``events``, and an event counts as stored only once its ``events`` row is
there. A retry after a failure between the two inserts finds the event not
stored, sees its turns already there (another primary-key read) and inserts
only the ``events`` row; nothing is lost and no turn is written twice.

A value the store cannot take is isolated to its event: each row is checked
against the table's column types first (:mod:`sinks.clickhouse.columns`), and
an insert that still fails on its data (clickhouse-connect's ``DataError``)
is split in halves until the one event is found. Such events come back in
``WriteResult.unstorable`` for the caller to dead-letter, with their turns
removed if they were written; the rest of the batch is stored.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from clickhouse_connect.driver.client import Client
from clickhouse_connect.driver.exceptions import DataError

from sinks.base import BatchingSink
from sinks.clickhouse import rows
from sinks.clickhouse.columns import RowCheck
from streams.enriched import EnrichedEvent

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WriteResult:
    stored: int
    duplicates: int
    seconds: float
    replayed: frozenset[str] = frozenset()  # ids of the batch that were already stored
    unstorable: dict[str, str] = field(default_factory=dict)  # event_id -> why the store cannot take it


@dataclass(frozen=True, slots=True)
class _Rows:
    item: EnrichedEvent
    event: list[Any]
    turns: list[list[Any]]


class ClickHouseWriter(BatchingSink[EnrichedEvent]):
    def __init__(self, client: Client, max_items: int = 10_000, check_rows: bool = True) -> None:
        super().__init__(max_items)
        self.client = client
        self.check_rows = check_rows
        self.last: WriteResult | None = None
        self._checks: tuple[RowCheck, RowCheck] | None = None

    def write(self, batch: list[EnrichedEvent]) -> None:
        self.last = self.write_batch(batch)

    def write_batch(self, batch: Sequence[EnrichedEvent]) -> WriteResult:
        started = time.perf_counter()
        unstorable = {e.event_id: "event_id: not a UUID" for e in batch if not isinstance(e.event.event_id, UUID)}
        fresh = self._not_stored([e for e in _unique(batch) if e.event_id not in unstorable])
        fresh += [e for e in _unique(batch) if e.event_id in unstorable]  # counted as fresh, never inserted
        prepared = self._prepare(fresh, datetime.now(UTC), unstorable)
        if prepared:
            self._insert(prepared, unstorable)
        stored = len(fresh) - len(unstorable)
        replayed = frozenset(e.event_id for e in batch) - {e.event_id for e in fresh}
        duplicates = len(batch) - len(fresh)
        return WriteResult(stored, duplicates, time.perf_counter() - started, replayed, unstorable)

    def _prepare(self, fresh: list[EnrichedEvent], now: datetime, unstorable: dict[str, str]) -> list[_Rows]:
        events_check, turns_check = self._row_checks()
        out = []
        for item in fresh:
            if item.event_id in unstorable:
                continue
            try:
                prepared = _Rows(item, rows.event_row(item, now), rows.turn_rows(item))
            except Exception as exc:  # noqa: BLE001 - one event's odd data must not stop the batch
                unstorable[item.event_id] = f"row not built ({type(exc).__name__})"
                continue
            if self.check_rows and (problem := _problem(prepared, events_check, turns_check)):
                unstorable[item.event_id] = problem
                continue
            out.append(prepared)
        return out

    def _row_checks(self) -> tuple[RowCheck, RowCheck]:
        if self._checks is None:
            self._checks = (RowCheck.of_table(self.client, "events", rows.EVENT_COLUMNS),
                            RowCheck.of_table(self.client, "turns", rows.TURN_COLUMNS))
        return self._checks

    def _insert(self, group: list[_Rows], unstorable: dict[str, str]) -> None:
        """Turns, then events; a data error splits the group until the one bad event is found."""
        try:
            self._insert_once(group)
        except (DataError, UnicodeEncodeError) as exc:  # raised while serializing, before anything is sent
            if len(group) == 1:
                event_id = group[0].item.event_id
                self._forget_turns(event_id)
                unstorable[event_id] = f"the store refused a value ({_first_line(exc)})"
                log.warning("event %s not storable: %s", event_id, unstorable[event_id])
                return
            half = len(group) // 2
            self._insert(group[:half], unstorable)
            self._insert(group[half:], unstorable)

    def _insert_once(self, group: list[_Rows]) -> None:
        with_turns = [r for r in group if r.turns]
        if with_turns:
            done = self._turns_stored([r.item for r in with_turns])
            turns = [t for r in with_turns if r.item.event.event_id not in done for t in r.turns]
            if turns:
                self.client.insert("turns", turns, column_names=rows.TURN_COLUMNS)
        self.client.insert("events", [r.event for r in group], column_names=rows.EVENT_COLUMNS)

    def _forget_turns(self, event_id: str) -> None:
        """An event that cannot be stored leaves no turns behind (a lightweight delete; rare)."""
        if self.client.query("SELECT count() FROM turns WHERE event_id = {i:UUID}",
                             parameters={"i": event_id}).result_rows[0][0]:
            self.client.command("DELETE FROM turns WHERE event_id = {i:UUID}", parameters={"i": event_id})

    def _not_stored(self, batch: list[EnrichedEvent]) -> list[EnrichedEvent]:
        if not batch:
            return []
        seen = self._ids_in("events", batch)
        return [e for e in batch if e.event.event_id not in seen]

    def _turns_stored(self, batch: list[EnrichedEvent]) -> set[object]:
        return self._ids_in("turns", batch)

    def _ids_in(self, table: str, batch: list[EnrichedEvent]) -> set[object]:
        ids = [e.event.event_id for e in batch]
        known = self.client.query(f"SELECT DISTINCT event_id FROM {table} WHERE event_id IN {{ids:Array(UUID)}}",
                                  parameters={"ids": ids}).result_rows
        return {row[0] for row in known}


def _problem(prepared: _Rows, events: RowCheck, turns: RowCheck) -> str | None:
    if problem := events.problem(prepared.event):
        return problem
    return next((f"turn {t[1]}: {p}" for t in prepared.turns if (p := turns.problem(t))), None)


def _first_line(exc: Exception) -> str:
    """clickhouse-connect's message names the column; it does not quote the value."""
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _unique(batch: Sequence[EnrichedEvent]) -> list[EnrichedEvent]:
    """First occurrence of each event_id within the batch."""
    first: dict[object, EnrichedEvent] = {}
    for e in batch:
        first.setdefault(e.event.event_id, e)
    return list(first.values())
