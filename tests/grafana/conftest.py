"""Board fixtures: the shared simulated sample in ClickHouse, with the detector's incidents and an outage.

The sample's incident (day 4, 00:00-02:00: four extra angry contacts a minute)
is fed minute by minute to the real detector, and its notifications are
stored by the real alert writer, so the incident panels, annotations and
alert rules read what the worker would have written.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from clickhouse_connect.driver.client import Client

from processors.detection import Bucket, DetectorConfig, SpikeDetector
from sinks.clickhouse.alerts import AlertWriter
from sinks.clickhouse.client import connect
from sinks.clickhouse.migrations import migrate
from sinks.clickhouse.writer import ClickHouseWriter
from streams.bench.board_data import generate
from streams.contract import SurveyEvent
from streams.enriched import EnrichedEvent
from streams.facts import fact
from tests.sample import SAMPLE_START

INCIDENT = SAMPLE_START + timedelta(days=4)
BUSY_DAY = datetime(2026, 9, 1, tzinfo=UTC)
# Publishers "stop" for an hour on day 6: those events are never stored.
OUTAGE = SAMPLE_START + timedelta(days=6, hours=12)
OUTAGE_END = OUTAGE + timedelta(hours=1)
BOARD_URL = "http://127.0.0.1:3000/d/cx-overview?from={from}&to={to}"


def minute_buckets(sample: list[EnrichedEvent], start: datetime, end: datetime) -> dict[int, list[Bucket]]:
    """Each minute's per-kind buckets, as the worker's live table holds them at the minute's end."""
    minutes: dict[int, dict[str, Bucket]] = defaultdict(dict)
    for item in sample:
        e = item.event
        if not start <= e.occurred_at < end:
            continue
        at_ms = int(e.occurred_at.timestamp() * 1000)
        minute = at_ms // 60_000 * 60
        bucket = minutes[minute].setdefault(e.kind, Bucket(e.kind, minute))
        if (f := fact(item)) is not None:
            bucket.add_contact(f, at_ms, e.account_id or "", item.text)
        elif isinstance(e, SurveyEvent):
            bucket.add_survey(e.survey_type, e.score, at_ms)
    return {m: list(by_kind.values()) for m, by_kind in minutes.items()}


def incident_notes(sample: list[EnrichedEvent]) -> list[dict[str, Any]]:
    """The detector's notifications over the day before the incident and its first hours."""
    detector = SpikeDetector(DetectorConfig(board_url=BOARD_URL), {})
    buckets = minute_buckets(sample, INCIDENT - timedelta(days=1), INCIDENT + timedelta(hours=4))
    notes: list[dict[str, Any]] = []
    for minute in sorted(buckets):
        notes += detector.observe(buckets[minute], now_ms=(minute + 65) * 1000)
    return notes


@pytest.fixture(scope="session")
def notes_of_sample(sample: list[EnrichedEvent]) -> list[dict[str, Any]]:
    return incident_notes(sample)


@pytest.fixture(scope="module")
def boards_db(chdb_dsn: str, sample: list[EnrichedEvent], notes_of_sample: list[dict[str, Any]]) -> Iterator[Client]:
    client = connect(chdb_dsn, database=f"g_{uuid.uuid4().hex[:12]}")
    migrate(client)
    writer = ClickHouseWriter(client)
    stored = [e for e in sample if not OUTAGE <= e.event.occurred_at < OUTAGE_END]
    for start in range(0, len(stored), 2_000):
        writer.write_batch(stored[start:start + 2_000])
    AlertWriter(client).write(notes_of_sample)
    yield client
    client.command(f"DROP DATABASE IF EXISTS {client.database}")


@pytest.fixture(scope="module")
def busy_calm_db(chdb_dsn: str) -> Iterator[Client]:
    """One calm day at ~10 events a minute (the board benchmark's generator): enough volume per
    channel that threshold rules with volume guards really judge it."""
    client = connect(chdb_dsn, database=f"c_{uuid.uuid4().hex[:12]}")
    migrate(client)
    generate(client, BUSY_DAY, days=1, n=15_000)
    yield client
    client.command(f"DROP DATABASE IF EXISTS {client.database}")
