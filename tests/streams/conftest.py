"""Pipeline fixtures: the real model and a real embedded ClickHouse database.

``RecordingOutputs`` stands in for the Kafka producer seam only (dead letters
and ``cx.enriched``); the integration tests cover those topics on a real broker.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import orjson
import pytest
from clickhouse_connect.driver.client import Client

from sinks.clickhouse.writer import ClickHouseWriter
from streams.dead_letters import Rejection
from streams.enriched import EnrichedEvent, Origin
from streams.enrichment import Enricher
from streams.pipeline import Pipeline
from streams.records import Record
from streams.store import RetryingStore


class RecordingOutputs:
    def __init__(self) -> None:
        self.dead: list[Rejection] = []
        self.enriched_items: list[EnrichedEvent] = []
        self.replayed: frozenset[str] = frozenset()

    async def dead_letter(self, rejections: Sequence[Rejection]) -> None:
        self.dead += rejections

    async def enriched(self, items: Sequence[EnrichedEvent], replayed: frozenset[str] = frozenset()) -> None:
        self.enriched_items += items
        self.replayed |= replayed


@pytest.fixture
def outputs() -> RecordingOutputs:
    return RecordingOutputs()


@pytest.fixture
def pipeline(enricher: Enricher, store: Client, outputs: RecordingOutputs) -> Pipeline:
    return Pipeline(enricher, RetryingStore(ClickHouseWriter(store), 1.0), outputs, 1_048_576)


def record(data: dict | bytes, topic: str | None = None, offset: int = 0) -> Record:
    value = data if isinstance(data, bytes) else orjson.dumps(data)
    kind = None if isinstance(data, bytes) else data.get("kind")
    topic = topic or f"cx.{kind}"
    return Record(value, b"k", Origin(topic, 0, offset), datetime.now(UTC), topic.removeprefix("cx."))
