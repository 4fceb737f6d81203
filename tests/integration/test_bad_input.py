"""The bad-input corpus (tests/bad_input.py) through a real broker and a real worker, and over HTTP.

Expect: every bad message in the dead-letter topic with its reason and its
original bytes, every bad HTTP line answered 400 with its reason and kept in
the dead-letter topic too (origin http), valid and
odd-but-valid events stored once with their text cleaned, the worker alive
and its memory bounded throughout.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import Counter

import orjson
import psutil
import pytest

from streams.bench.kafka_io import publish, publish_raw, read_topic, wait_enriched
from streams.bench.processes import WorkerProcess, store_rows
from streams.dead_letters import read_headers
from streams.settings import Settings
from tests.bad_input import ACCEPTED, INVISIBLE, corpus, event_id
from tests.integration.faults import every_kind, stored

pytestmark = pytest.mark.integration
MB = 1 << 20


def test_bad_input_is_dead_lettered_or_refused_and_harms_nothing(settings: Settings,
                                                                worker: WorkerProcess) -> None:
    worker.start()
    steady = psutil.Process(worker.pid).memory_info().rss
    valid = every_kind(5)
    via_kafka = corpus()
    publish(settings, valid[:15])
    publish_raw(settings, [(settings.topic(c.kind), c.value) for c in via_kafka])
    publish(settings, valid[15:])

    via_http = corpus()
    # Over HTTP the kind picks the topic, so a "wrong topic" cannot happen: that case is valid there.
    http_ok = [c for c in via_http if c.outcome in (ACCEPTED, "wrong_topic")]
    for case in via_http:
        status, body = worker.post(case.value)
        if case in http_ok:
            assert status == 202, (case.name, body)
        else:
            assert status == 400 and body["errors"][0]["reason"] == case.outcome, (case.name, body)
    assert worker.post(orjson.dumps({"text": "x" * (2 * MB)}))[0] == 413  # over the body limit

    accepted = [c for c in via_kafka if c.outcome == ACCEPTED] + http_ok
    wait_enriched(settings, {e["event_id"] for e in valid} | {event_id(c) for c in accepted})  # type: ignore[misc]
    bad = [c for c in via_kafka if c.outcome != ACCEPTED]
    http_bad = [c for c in via_http if c not in http_ok]
    everything = read_topic(settings, settings.deadletter_topic, until=len(bad) + len(http_bad))
    dead = [r for r in everything if read_headers(r.headers)["cx-dlq-origin"] == "kafka"]
    http_dead = [r for r in everything if read_headers(r.headers)["cx-dlq-origin"] == "http"]
    peak = psutil.Process(worker.pid).memory_info().rss
    assert worker.proc is not None and worker.proc.poll() is None  # never crashed
    worker.stop()

    reasons = Counter(read_headers(r.headers)["cx-dlq-reason"] for r in dead)
    assert reasons == Counter(c.outcome for c in bad)
    assert {r.value for r in dead} == {c.value for c in bad}  # the original bytes, for a fix and a replay
    assert all(read_headers(r.headers)["cx-dlq-topic"].startswith(settings.topic_prefix) for r in dead)
    # HTTP rejections are kept too (README: every invalid event is in the dead-letter topic).
    assert Counter(read_headers(r.headers)["cx-dlq-reason"] for r in http_dead) == Counter(c.outcome for c in http_bad)
    assert sorted(r.value for r in http_dead) == sorted(c.value for c in http_bad)
    assert stored(settings) == (len(valid) + len(accepted),) * 2
    texts = [t for [t] in store_rows(settings.dsn, "SELECT text FROM events UNION ALL SELECT text FROM turns")]
    assert any("DROP TABLE events" in t and "<script>" in t for t in texts)  # stored as data, verbatim
    assert not [t for t in texts if any(ch in t for ch in INVISIBLE)]
    print(f"\nRSS {steady / MB:.0f} MB at start, {peak / MB:.0f} MB after the corpus")
    assert peak < steady + 300 * MB


def test_requests_beyond_the_rate_limit_get_429_with_retry_after(env: dict[str, str], tmp_path) -> None:
    worker = WorkerProcess(env | {"CXPULSE_INGEST_RATE_LIMIT": "5/second"}, tmp_path / "w.log").start()
    try:
        answers = [_post_status(worker) for _ in range(12)]
    finally:
        worker.stop()
    codes = [code for code, _ in answers]
    assert codes[:5] == [400] * 5 and 429 in codes  # 400: an empty batch; the sixth in a second is refused
    assert all(int(retry) >= 1 for code, retry in answers if code == 429)


def _post_status(worker: WorkerProcess) -> tuple[int, str]:
    req = urllib.request.Request(f"{worker.url}/v1/events", data=b"\n", method="POST",
                                 headers={"Authorization": "Bearer it-token"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, ""
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Retry-After", "")
