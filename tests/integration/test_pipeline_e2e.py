"""The whole pipeline on a real broker, real worker processes and embedded ClickHouse."""

from __future__ import annotations

import threading
import time

import orjson
import pytest

from streams.dead_letters import read_headers
from streams.settings import Settings
from tests import factories as f
from streams.bench.kafka_io import enriched_ids, publish, publish_raw, read_topic, wait_enriched
from streams.bench.processes import WorkerProcess, store_rows

pytestmark = pytest.mark.integration
PII = ("jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111")
PII_TEXT = "The parcel is late. Mail jane.doe@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111."


def stored(settings: Settings) -> tuple[int, int]:
    [[total, unique]] = store_rows(settings.dsn, "SELECT count(), uniqExact(event_id) FROM events")
    return total, unique


def every_kind(n: int, text: str = "My order is late again") -> list[dict]:
    builders = [lambda: f.chat(text), lambda: f.email(text), lambda: f.call(text),
                lambda: f.social(text), lambda: f.survey(comment=text), f.case]
    return [build() for _ in range(n) for build in builders]


def test_kafka_and_http_events_arrive_exactly_once(settings: Settings, worker: WorkerProcess) -> None:
    worker.start()
    via_kafka = every_kind(10, PII_TEXT)
    publish(settings, via_kafka)
    via_http = every_kind(3)
    status, body = worker.post(b"\n".join(orjson.dumps(e) for e in via_http))
    assert status == 202 and len(body["accepted"]) == 18
    publish_raw(settings, [(settings.topic("chat"), b"{broken"),
                           (settings.topic("survey"), orjson.dumps(f.survey(score=11))),
                           (settings.topic("email"), orjson.dumps(f.chat()))])
    ids = enriched_ids(settings, until=78)
    dead = read_topic(settings, settings.deadletter_topic, until=3)
    worker.stop()
    assert set(ids) == {e["event_id"] for e in via_kafka + via_http}
    assert stored(settings) == (78, 78)
    # the agent's two actors share one queue: every event was handled once, not once per actor
    assert enriched_ids(settings, until=79, timeout=5).total() == 78
    reasons = sorted(read_headers(r.headers)["cx-dlq-reason"] for r in dead)
    assert reasons == ["malformed_json", "schema_violation", "wrong_topic"]
    assert b"{broken" in [r.value for r in dead]
    dump = orjson.dumps(store_rows(settings.dsn, "SELECT * FROM events") +
                        store_rows(settings.dsn, "SELECT * FROM turns")).decode()
    assert not [p for p in PII if p in dump]


def test_replay_from_offset_zero_adds_nothing(settings: Settings, env: dict, tmp_path) -> None:  # type: ignore[no-untyped-def]
    events = every_kind(5)
    publish(settings, events)
    first = WorkerProcess(env, tmp_path / "first.log").start()
    enriched_ids(settings, until=30)
    first.stop()
    # A new consumer group reads every topic from offset 0 again.
    replay = WorkerProcess(env | {"CXPULSE_APP_ID": env["CXPULSE_APP_ID"] + "-replay"},
                           tmp_path / "replay.log").start()
    ids = enriched_ids(settings, until=60)
    replay.stop()
    assert sum(ids.values()) == 60 and set(ids.values()) == {2}
    assert stored(settings) == (30, 30)


@pytest.mark.parametrize("how", ["stop", "kill"])
def test_worker_restart_mid_stream_loses_nothing(settings: Settings, worker: WorkerProcess,
                                                 how: str) -> None:
    events = every_kind(40)
    worker.start()
    sender = threading.Thread(target=_trickle, args=(settings, events))
    sender.start()
    time.sleep(2.0)
    worker.stop() if how == "stop" else worker.kill()
    worker.start()
    sender.join()
    expected = {e["event_id"] for e in events}
    ids = wait_enriched(settings, expected)
    worker.stop()
    assert expected <= set(ids)
    assert stored(settings) == (len(events), len(events))


def _trickle(settings: Settings, events: list[dict]) -> None:
    for i in range(0, len(events), 12):
        publish(settings, events[i : i + 12])
        time.sleep(0.1)
