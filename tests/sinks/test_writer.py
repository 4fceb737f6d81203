"""The writer is idempotent on event_id: first write wins, replays add nothing."""

from clickhouse_connect.driver.client import Client

from sinks.clickhouse.writer import ClickHouseWriter
from tests import factories as f
from tests.helpers import enriched


def counts(store: Client) -> tuple[int, int, int]:
    row = store.query("SELECT count(), uniqExact(event_id), (SELECT count() FROM turns) "
                      "FROM events").result_rows[0]
    return row[0], row[1], row[2]


def test_each_kind_is_written_with_its_columns(store: Client) -> None:
    batch = [enriched(build()) for build in f.ALL.values()]
    result = ClickHouseWriter(store).write_batch(batch)
    assert result.stored == 6 and result.duplicates == 0
    row = store.query("SELECT wait_seconds, transfers, ivr_used FROM events WHERE kind = 'call'").result_rows
    assert row == [(3600.0, 2, 1)]
    survey = store.query("SELECT survey_type, survey_score FROM events WHERE kind = 'survey'").result_rows
    assert survey == [("nps", 9)]
    assert counts(store) == (6, 6, 3)  # the chat's three turns


def test_replay_adds_nothing(store: Client) -> None:
    batch = [enriched(f.chat()) for _ in range(50)]
    writer = ClickHouseWriter(store)
    writer.write_batch(batch)
    again = writer.write_batch(batch)
    assert again.stored == 0 and again.duplicates == 50
    assert counts(store) == (50, 50, 150)


def test_partial_replay_writes_only_new_events(store: Client) -> None:
    old = [enriched(f.email()) for _ in range(5)]
    writer = ClickHouseWriter(store)
    writer.write_batch(old[:3])
    result = writer.write_batch(old)
    assert (result.stored, result.duplicates) == (2, 3)
    assert counts(store)[:2] == (5, 5)


def test_first_write_wins_for_a_reused_id(store: Client) -> None:
    first = f.survey(score=2)
    writer = ClickHouseWriter(store)
    writer.write_batch([enriched(first)])
    writer.write_batch([enriched(first | {"score": 10})])
    assert store.query("SELECT survey_score FROM events").result_rows == [(2,)]


def test_duplicates_inside_one_batch_are_written_once(store: Client) -> None:
    item = enriched(f.social())
    assert ClickHouseWriter(store).write_batch([item, item, item]).stored == 1
    assert counts(store)[:2] == (1, 1)


def test_batching_sink_flushes_on_size_and_close(store: Client) -> None:
    writer = ClickHouseWriter(store, max_items=4)
    for _ in range(5):
        writer.add(enriched(f.case()))
    assert counts(store)[0] == 4
    writer.close()
    assert counts(store)[0] == 5
