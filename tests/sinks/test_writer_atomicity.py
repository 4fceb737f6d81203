"""An event and its turns are stored together; a value the store cannot take isolates its event only.

Poisoned values reach the writer here by building enriched events directly
(the contract keeps them out of real input), one per column type of the
``events`` and ``turns`` tables, on a real embedded ClickHouse.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from clickhouse_connect.driver.client import Client

from processors.sentiment import Sentiment
from processors.topics import TopicMatch
from sinks.clickhouse import rows
from sinks.clickhouse.columns import RowCheck, value_check
from sinks.clickhouse.writer import ClickHouseWriter
from streams.enriched import EnrichedEvent, Turn
from tests import factories as f
from tests.helpers import enriched


def call_event(end_s: float = 2.0) -> EnrichedEvent:
    item = enriched(f.call())
    turns = (Turn(0, "customer", "I waited an hour", item.sentiment, 0.0, 1.5),
             Turn(1, "agent", "Sorry about that", None, 1.5, end_s))
    return dataclasses.replace(item, turns=turns)


def stored(store: Client, items: list[EnrichedEvent]) -> tuple[set[str], dict[str, int]]:
    ids = [i.event_id for i in items if isinstance(i.event.event_id, UUID)]
    events = {str(r[0]) for r in store.query("SELECT event_id FROM events WHERE event_id IN {i:Array(UUID)}",
                                             parameters={"i": ids}).result_rows}
    rows = store.query("SELECT toString(event_id), count() FROM turns WHERE event_id IN {i:Array(UUID)} "
                       "GROUP BY event_id", parameters={"i": ids}).result_rows
    turns: dict[str, int] = {i: n for i, n in rows}
    return events, turns


def _copy_event(item: EnrichedEvent, **update: Any) -> EnrichedEvent:
    return dataclasses.replace(item, event=item.event.model_copy(update=update), payload=b"")


S = Sentiment("negative", -0.5, "test@1")
POISONS: dict[str, Callable[[], EnrichedEvent]] = {
    "Float32 in events (sentiment_score)": lambda: dataclasses.replace(
        call_event(), sentiment=dataclasses.replace(S, score=1e300)),
    "Float32 in turns (end_s)": lambda: call_event(end_s=1e300),
    "UInt16 in turns (idx)": lambda: dataclasses.replace(
        call_event(), turns=(Turn(70_000, "customer", "x", None, 0.0, 1.0),)),
    "UInt16 in events (pii_redactions)": lambda: dataclasses.replace(call_event(), pii_redactions=-1),
    "String in events (text)": lambda: dataclasses.replace(call_event(), text="bad \ud800 text"),
    "String in turns (text)": lambda: dataclasses.replace(
        call_event(), turns=(Turn(0, "customer", "\udc00", None, 0.0, 1.0),)),
    "Array(LowCardinality(String)) (topics)": lambda: dataclasses.replace(
        call_event(), topics=(TopicMatch(5, "keyword:x"),)),  # type: ignore[arg-type]
    "DateTime64 (received_at)": lambda: dataclasses.replace(call_event(), received_at=datetime(2500, 1, 1, tzinfo=UTC)),
    "Int32 (source_partition)": lambda: dataclasses.replace(
        call_event(), origin=dataclasses.replace(call_event().origin, partition=2**40)),
    "Int64 (source_offset)": lambda: dataclasses.replace(
        call_event(), origin=dataclasses.replace(call_event().origin, offset=2**70)),
    "Nullable(UInt64) (social_followers)": lambda: _copy_event(enriched(f.social()), followers=-5),
    "Nullable(Int8) (survey_score)": lambda: _copy_event(enriched(f.survey()), score=300),
    "Nullable(Float64) (account_value)": lambda: _copy_event(
        enriched(f.envelope("account", {"account_id": "a-1", "status": "opened"})), monthly_value="lots"),
    "UUID (event_id)": lambda: _copy_event(call_event(), event_id="not-a-uuid"),
}


@pytest.mark.parametrize("poison", list(POISONS), ids=list(POISONS))
def test_a_value_the_store_cannot_take_isolates_its_event(store: Client, poison: str) -> None:
    good = [call_event() for _ in range(5)] + [enriched(f.chat()) for _ in range(5)]
    bad = POISONS[poison]()
    batch = [*good[:5], bad, *good[5:]]
    result = ClickHouseWriter(store).write_batch(batch)
    events, turns = stored(store, batch)
    assert result.stored == 10 and set(result.unstorable) == {bad.event_id}
    assert events == {g.event_id for g in good} and bad.event_id not in turns
    assert all(turns[g.event_id] == len(g.turns) for g in good)
    detail = result.unstorable[bad.event_id]
    assert ":" in detail and "\ud800" not in detail and "1e+300" not in detail


def test_the_issue_reproduction_12_calls_one_poisoned(store: Client) -> None:
    """Before: 12/12 events stored, 6/12 with their turns (events inserted, then turns failed)."""
    batch = [call_event() for _ in range(11)] + [call_event(end_s=1e300)]
    result = ClickHouseWriter(store).write_batch(batch)
    events, turns = stored(store, batch)
    assert len(events) == 11 and len(turns) == 11 and set(turns.values()) == {2}
    assert list(result.unstorable.values()) == ["turn 1: end_s: beyond Float32"]


@pytest.mark.parametrize("poison", ["Float32 in events (sentiment_score)", "Float32 in turns (end_s)",
                                    "UInt16 in turns (idx)", "String in turns (text)"])
def test_without_the_row_check_the_insert_is_split_until_the_event_is_found(store: Client, poison: str) -> None:
    good = [call_event() for _ in range(7)]
    bad = POISONS[poison]()
    batch = [*good[:3], bad, *good[3:]]
    result = ClickHouseWriter(store, check_rows=False).write_batch(batch)
    events, turns = stored(store, batch)
    assert set(result.unstorable) == {bad.event_id} and "store refused" in result.unstorable[bad.event_id]
    assert events == {g.event_id for g in good} and set(turns) == events  # no orphan turns of the bad one


def test_a_retry_after_turns_were_written_writes_the_event_once(store: Client) -> None:
    """A crash between the two inserts: the turns are there, the event is not."""
    item = call_event()
    store.insert("turns", rows.turn_rows(item), column_names=rows.TURN_COLUMNS)
    result = ClickHouseWriter(store).write_batch([item])
    events, turns = stored(store, [item])
    assert result.stored == 1 and events == {item.event_id} and turns == {item.event_id: 2}
    again = ClickHouseWriter(store).write_batch([item])
    assert again.stored == 0 and stored(store, [item])[1] == {item.event_id: 2}


def test_row_check_reads_the_real_column_types(store: Client) -> None:
    check = RowCheck.of_table(store, "events", rows.EVENT_COLUMNS)
    row = rows.event_row(call_event(), datetime.now(UTC))
    assert check.problem(row) is None
    poisoned = list(row)
    poisoned[rows.EVENT_COLUMNS.index("transfers")] = 70_000
    assert check.problem(poisoned) == "transfers: beyond UInt16"


@pytest.mark.parametrize(("type_name", "value", "problem"), [
    ("Nullable(Float32)", 3.5e38, "beyond Float32"), ("Float32", float("nan"), None), ("Float64", 1e300, None),
    ("UInt8", 256, "beyond UInt8"), ("Int8", -129, "beyond Int8"), ("UInt64", 2**64, "beyond UInt64"),
    ("LowCardinality(String)", 3, "not a string"), ("Array(String)", ["a", 1], "element: not a string"),
    ("DateTime64(3, 'UTC')", datetime(1899, 12, 31, tzinfo=UTC), "outside DateTime64's range (1900 to 2299)"),
    ("UUID", "x", "not a UUID"), ("Map(String, String)", object(), None),
])
def test_value_checks(type_name: str, value: object, problem: str | None) -> None:
    assert value_check(type_name)(value) == problem
