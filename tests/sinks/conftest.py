"""Sink fixtures: simulated traffic enriched by the real enricher; a real incident's notifications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest

from processors.detection import DetectorConfig, SpikeDetector
from streams.contract import validate_event
from streams.enriched import EnrichedEvent, Origin
from streams.enrichment import Enricher, Incoming
from streams.records import Record
from streams.simulator import Incident, SimConfig, Simulator
from tests.processors.detection.conftest import MONDAY, run

SAMPLE_START = datetime(2026, 10, 1, tzinfo=UTC)
SAMPLE_DAYS = 10  # longer than the 7-day repeat window


@pytest.fixture(scope="session")
def sample(enricher: Enricher) -> list[EnrichedEvent]:
    """Ten simulated days (about 10k events) with an incident, enriched as the worker would."""
    sim = Simulator(SimConfig(seed=11, start=SAMPLE_START, rate_per_minute=1.2,
                              incident=Incident(start=timedelta(days=4), duration=timedelta(hours=2),
                                                extra_per_minute=4)))
    events = [validate_event(e) for e in sim.events(timedelta(days=SAMPLE_DAYS))]
    now = datetime.now(UTC)
    batch = [Incoming(e, Record(orjson.dumps({}), None, Origin(f"cx.{e.kind}", 0, i), now, e.kind))
             for i, e in enumerate(events)]
    return [item for start in range(0, len(batch), 512) for item in enricher.enrich(batch[start:start + 512])]


@pytest.fixture(scope="session")
def notes() -> list[dict[str, Any]]:
    detector = SpikeDetector(DetectorConfig(board_url="https://grafana.example/d/cx?from={from}&to={to}"), {})
    assert list(run(detector, MONDAY, 120)) == []
    start = MONDAY + 7200
    out = list(run(detector, start, 5, angry={"chat": 10, "email": 10}))
    out += detector.refresh()
    out += run(detector, start + 300, 40)
    assert out[0]["change"] == "opened" and out[-1]["change"] == "resolved"
    return out
