"""The whole pipeline on a real broker, real worker processes and embedded ClickHouse."""

from __future__ import annotations

import time

import orjson
import pytest

from streams.bench.kafka_io import enriched_ids, publish, publish_raw, read_topic
from streams.bench.processes import WorkerProcess
from streams.dead_letters import read_headers
from streams.settings import Settings
from tests import factories as f
from tests.integration.faults import Trickle, every_kind, stored, wait_all

pytestmark = pytest.mark.integration


def test_kafka_and_http_events_arrive_exactly_once(settings: Settings, worker: WorkerProcess) -> None:
    worker.start()
    via_kafka = every_kind(10)  # personal data: tests/integration/test_personal_data.py
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


def test_graceful_restart_mid_stream_loses_nothing(settings: Settings, worker: WorkerProcess) -> None:
    # kill -9, a broker or store outage, a rebalance and a replay: tests/integration/test_faults_*.py
    events = every_kind(40)
    worker.start()
    sender = Trickle(settings, events, chunk=12)
    sender.start()
    time.sleep(2.0)
    worker.stop()
    worker.start()
    sender.join()
    wait_all(settings, events, worker)
    worker.stop()
    assert stored(settings) == (len(events), len(events))
