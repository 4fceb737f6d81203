"""Known personal data through every channel, then a scan of everything cxpulse wrote.

Scanned: every column of every ClickHouse table, every topic cxpulse derives
(``cx.enriched``, ``cx.minutes``, ``cx.alerts`` and the tables' changelogs),
the worker's log at INFO and its metrics. Not scanned: the kind topics and
``cx.deadletter``, which hold input exactly as it was published (the dead
letter so it can be fixed and replayed; README, Personal data). Secrets (the
ingest token, the webhook URL) must not appear in the log or ``/health``.
"""

from __future__ import annotations

import asyncio
import urllib.request

import orjson
import pytest
from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient

from streams.bench.kafka_io import publish, wait_enriched
from streams.bench.processes import WorkerProcess, store_queries, store_rows
from streams.settings import Settings
from tests import factories as f

pytestmark = pytest.mark.integration
PII = {"email": "jane.doe@example.com", "phone": "+44 20 7946 0958", "card": "4111 1111 1111 1111",
       "iban": "GB82 WEST 1234 5698 7654 32", "name": "Janet Smithers", "other_name": "Dóra Kovács",
       "national_phone": "020 7123 4567", "address": "221B Baker Street", "nino": "QQ 12 34 56 C",
       "dob": "14/03/1985", "ip": "203.0.113.77"}
# Identifiers that are personal data: pseudonymised, so neither they nor their parts may appear.
IDS = {"customer_id": "janet.customer@example.org", "account_id": "+447700900123", "author_handle": "@jsmithers_99"}
FORMS = [*PII.values(), *IDS.values(), "4111111111111111", "GB82WEST12345698765432", "7946 0958", "Smithers",
         "Kovács", "Baker Street", "7700900123", "jsmithers_99"]
TEXT = (f"This is useless and I am furious. My name is {PII['name']}, mail {PII['email']}, "
        f"call {PII['phone']} or {PII['national_phone']}, card {PII['card']}, IBAN {PII['iban']}. "
        f"I live at {PII['address']}, London. {PII['other_name']} from my office had the same problem. "
        f"NI number {PII['nino']}, DOB {PII['dob']}, it fails from {PII['ip']}.")
WEBHOOK_SECRET = "T0ps3cr3t-hook-path"


def every_channel() -> list[dict]:
    ids = {"customer_id": IDS["customer_id"], "account_id": IDS["account_id"]}
    return [f.chat(TEXT, **ids), f.email(TEXT, subject=f"Refund for {PII['email']}", **ids), f.call(TEXT, **ids),
            f.social(TEXT, author_handle=IDS["author_handle"], url=f"https://x.com/{IDS['author_handle'][1:]}/status/1",
                     **ids),
            f.survey(score=2, comment=TEXT, **ids), f.case(subject=f"Call back {PII['phone']}", **ids)]


def test_no_personal_data_in_storage_topics_logs_or_metrics(env: dict[str, str], settings: Settings,
                                                            tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CXTEST_LOGLEVEL", "info")
    env = env | {"CXPULSE_DETECT_ENABLED": "true", "CXPULSE_DETECT_SNAPSHOT_SECONDS": "0.5",
                 "CXPULSE_ALERT_WEBHOOK_URL": f"http://127.0.0.1:9/{WEBHOOK_SECRET}"}
    worker = WorkerProcess(env, tmp_path / "worker.log").start()
    try:
        via_kafka = every_channel() * 3
        publish(settings, via_kafka)
        via_http = every_channel()
        assert worker.post(b"\n".join(orjson.dumps(e) for e in via_http))[0] == 202
        wait_enriched(settings, {e["event_id"] for e in via_kafka + via_http})
        metrics = urllib.request.urlopen(f"{worker.url}/metrics", timeout=10).read().decode()
        health = urllib.request.urlopen(f"{worker.url}/health", timeout=10).read().decode()
        topics = asyncio.run(derived_topics(settings))
    finally:
        worker.stop()
    tables = store_dump(settings)
    found = {where: leaks(text) for where, text in [("log", worker.log.read_text(errors="replace")),
                                                     ("metrics", metrics), *tables.items(), *topics.items()]}
    assert {where: hits for where, hits in found.items() if hits} == {}
    for token in ("[EMAIL]", "[CARD]", "[NAME]", "[ADDRESS]", "[NATIONAL_ID]", "[DOB]", "[IP]", "[PHONE]"):
        assert token in tables["events"], token  # it was there, and redacted
    assert '"p-' in tables["events"]  # the identifiers were there, as pseudonyms
    assert any(t.endswith("changelog") for t in topics) and f"{settings.topic_prefix}minutes" in topics
    secrets = ["it-token", WEBHOOK_SECRET]
    assert not [s for s in secrets if s in health or s in worker.log.read_text(errors="replace")]


def leaks(text: str) -> list[str]:
    return [p for p in FORMS if p in text]


def store_dump(settings: Settings) -> dict[str, str]:
    """Every row of every table (views only compute from these), as JSON text per table."""
    names = [n for [n] in store_rows(settings.dsn, "SELECT name FROM system.tables WHERE database = currentDatabase()"
                                     " AND engine NOT LIKE '%View'")]
    # toString: aggregate states (rollups) come back as their serialized bytes, texts included.
    dumps = store_queries(settings.dsn, [f"SELECT * APPLY toString FROM `{name}`" for name in names])
    return {name: orjson.dumps(rows, default=str).decode() for name, rows in zip(names, dumps, strict=True)}


async def derived_topics(settings: Settings) -> dict[str, str]:
    """Every message of every topic cxpulse writes (not the input topics), as text per topic."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    await admin.start()
    try:
        every = await admin.list_topics()
    finally:
        await admin.close()
    inputs = {*settings.kind_topics, settings.deadletter_topic}
    ours = [t for t in every if (t.startswith((settings.topic_prefix, settings.app_id)))
            and t not in inputs]
    consumer = AIOKafkaConsumer(*ours, bootstrap_servers=settings.kafka_bootstrap, auto_offset_reset="earliest",
                                enable_auto_commit=False, group_id=None)
    await consumer.start()
    out: dict[str, list[bytes]] = {t: [] for t in ours}
    try:
        quiet = 0
        while quiet < 4:
            batch = await consumer.getmany(timeout_ms=500)
            quiet = 0 if batch else quiet + 1
            for tp, records in batch.items():
                out[tp.topic] += [(r.key or b"") + b" " + (r.value or b"") for r in records]
    finally:
        await consumer.stop()
    return {t: b"\n".join(v).decode(errors="replace") for t, v in out.items()}
