"""A stream batch end to end on the real model and embedded ClickHouse."""

import asyncio
import dataclasses

import orjson
from clickhouse_connect.driver.client import Client

from sinks.clickhouse.writer import ClickHouseWriter
from streams.enrichment import Enricher
from streams.pipeline import Pipeline
from streams.store import RetryingStore
from tests import factories as f
from tests.streams.conftest import RecordingOutputs, record

PII = ["jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00",
       "Anna Keller"]
PII_TEXT = ("My parcel is late. Reach me at jane.doe@example.com or +44 20 7946 0958, "
            "refund card 4111 1111 1111 1111 or DE89 3704 0044 0532 0130 00. My name is Anna Keller.")


def run(pipeline: Pipeline, records: list) -> object:
    return asyncio.run(pipeline.handle(records))


def test_every_kind_is_stored_once_with_sentiment(pipeline: Pipeline, store: Client) -> None:
    records = [record(build(), offset=i) for i, build in enumerate(f.ALL.values())]
    result = run(pipeline, records)
    assert (result.stored, result.duplicates, result.dead_letters) == (6, 0, 0)  # type: ignore[attr-defined]
    rows: dict[str, str] = {k: v for k, v in store.query("SELECT kind, sentiment_label FROM events").result_rows}
    assert rows["social"] == "negative" and rows["survey"] == "positive" and rows["case"] == ""


def test_chat_gets_turn_scores_and_trajectory(pipeline: Pipeline, store: Client) -> None:
    run(pipeline, [record(f.chat("This is the third time I ask, it's still broken and I'm furious"))])
    start, end = store.query("SELECT sentiment_start, sentiment_end FROM events").result_rows[0]
    assert start < 0 < end
    speakers = store.query("SELECT speaker, sentiment_label != '' FROM turns ORDER BY idx").result_rows
    assert speakers == [("customer", 1), ("agent", 0), ("customer", 1)]


def test_replayed_batch_adds_nothing(pipeline: Pipeline, store: Client, outputs: RecordingOutputs) -> None:
    records = [record(f.email(), offset=i) for i in range(20)]
    run(pipeline, records)
    assert outputs.replayed == frozenset()
    again = run(pipeline, records)
    assert again.stored == 0 and again.duplicates == 20  # type: ignore[attr-defined]
    assert store.query("SELECT count() FROM events").result_rows == [(20,)]
    assert outputs.replayed == {orjson.loads(r.value)["event_id"] for r in records}  # marked for live counts


def test_topics_and_friction_are_stored_with_evidence(pipeline: Pipeline, store: Client) -> None:
    run(pipeline, [record(f.chat("I was charged twice and I have been on hold for two hours"))])
    [(contact, topics, friction, evidence)] = store.query(
        "SELECT contact, topics, friction, friction_evidence FROM events").result_rows
    assert contact == 1 and topics == ["billing"] and "long_wait" in friction
    assert {"signal": "long_wait", "rule": "phrase", "evidence": "on hold for two hours"} in orjson.loads(evidence)


def test_invalid_input_is_dead_lettered_with_reason_and_origin(
        pipeline: Pipeline, store: Client, outputs: RecordingOutputs) -> None:
    records = [record(b"{not json", "cx.chat", 7), record(f.survey(score=11), offset=8),
               record(f.chat(), "cx.email", 9), record(f.case(), offset=10)]
    result = run(pipeline, records)
    assert result.dead_letters == 3 and result.stored == 1  # type: ignore[attr-defined]
    reasons = {r.reason: dict(r.headers()) for r in outputs.dead}
    assert set(reasons) == {"malformed_json", "schema_violation", "wrong_topic"}
    assert reasons["wrong_topic"]["cx-dlq-topic"] == b"cx.email"
    assert reasons["wrong_topic"]["cx-dlq-offset"] == b"9"
    assert outputs.dead[0].record.value == b"{not json"  # original bytes kept


def test_personal_data_never_reaches_any_column(pipeline: Pipeline, store: Client,
                                                outputs: RecordingOutputs) -> None:
    events = [f.chat(PII_TEXT), f.email(PII_TEXT), f.call(PII_TEXT), f.social(PII_TEXT),
              f.survey(comment=PII_TEXT), f.case(subject=PII_TEXT[:200])]
    run(pipeline, [record(e, offset=i) for i, e in enumerate(events)])
    for table in ("events", "turns"):
        dump = orjson.dumps(store.query(f"SELECT * FROM {table}").result_rows, default=str).decode()
        leaks = [p for p in PII if p in dump or p.replace(" ", "") in dump]
        assert not leaks, f"{table} holds {leaks}"
    published = b"".join(orjson.dumps(i.event.model_dump(mode="json")) for i in outputs.enriched_items)
    assert not [p for p in PII if p.encode() in published]


def test_a_failing_event_is_isolated_not_fatal(pipeline: Pipeline, store: Client,
                                               outputs: RecordingOutputs) -> None:
    original = pipeline.enricher.enrich

    def flaky(batch):
        if any(i.event.source == "broken" for i in batch):
            raise RuntimeError("boom")
        return original(batch)

    pipeline.enricher.enrich = flaky  # type: ignore[method-assign]
    result = run(pipeline, [record(f.chat(source="broken")), record(f.email()), record(f.case())])
    assert result.stored == 2 and [d.reason for d in outputs.dead] == ["processing_error"]  # type: ignore[attr-defined]


def test_store_outage_is_retried_until_it_succeeds(pipeline: Pipeline, store: Client) -> None:
    writer = pipeline.store.writer
    real, calls = writer.write_batch, []

    def down_twice(batch):
        calls.append(1)
        if len(calls) <= 2:
            raise ConnectionError("ClickHouse unavailable")
        return real(batch)

    writer.write_batch = down_twice  # type: ignore[method-assign]
    result = run(pipeline, [record(f.social())])
    assert result.stored == 1 and len(calls) == 3  # type: ignore[attr-defined]


class _Poisoning:
    """The real enricher, with one event's trajectory start set beyond what a Float32 column holds."""

    def __init__(self, inner: object, bad_id: str) -> None:
        self.inner, self.bad_id = inner, bad_id

    def enrich(self, batch: list) -> list:
        out = self.inner.enrich(batch)  # type: ignore[attr-defined]
        return [dataclasses.replace(e, start=1e300) if e.event_id == self.bad_id else e for e in out]


def test_an_unstorable_event_is_dead_lettered_and_the_rest_stored(
        enricher: Enricher, store: Client, outputs: RecordingOutputs) -> None:
    events = [f.chat() for _ in range(6)]
    poisoned = _Poisoning(enricher, events[2]["event_id"])
    pipeline = Pipeline(poisoned, RetryingStore(ClickHouseWriter(store), 1.0), outputs, 1_048_576)  # type: ignore[arg-type]
    result = run(pipeline, [record(e, offset=i) for i, e in enumerate(events)])
    assert (result.stored, result.dead_letters) == (5, 1)  # type: ignore[attr-defined]
    [dead] = outputs.dead
    assert dead.reason == "unstorable" and dead.detail == "sentiment_start: beyond Float32"
    assert orjson.loads(dead.record.value)["event_id"] == events[2]["event_id"]  # the original bytes
    assert events[2]["event_id"] not in {i.event_id for i in outputs.enriched_items}
    assert store.query("SELECT count(), (SELECT count() FROM turns) FROM events").result_rows == [(5, 15)]
