"""Ten simulated days (about 10k events, an incident on day 4) enriched by the real enricher.

Shared by the measure tests (tests/sinks) and the board tests (tests/grafana)
through the session fixture ``sample`` in tests/conftest.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson

from streams.contract import validate_event
from streams.enriched import EnrichedEvent, Origin
from streams.enrichment import Enricher, Incoming
from streams.records import Record
from streams.simulator import Incident, SimConfig, Simulator

SAMPLE_START = datetime(2026, 10, 1, tzinfo=UTC)
SAMPLE_DAYS = 10  # longer than the 7-day repeat window


def enriched_sample(enricher: Enricher) -> list[EnrichedEvent]:
    """Ten simulated days (about 10k events) with an incident, enriched as the worker would."""
    sim = Simulator(SimConfig(seed=11, start=SAMPLE_START, rate_per_minute=1.2,
                              incident=Incident(start=timedelta(days=4), duration=timedelta(hours=2),
                                                extra_per_minute=4)))
    events = [validate_event(e) for e in sim.events(timedelta(days=SAMPLE_DAYS))]
    now = datetime.now(UTC)
    batch = [Incoming(e, Record(orjson.dumps({}), None, Origin(f"cx.{e.kind}", 0, i), now, e.kind))
             for i, e in enumerate(events)]
    return [item for start in range(0, len(batch), 512) for item in enricher.enrich(batch[start:start + 512])]


