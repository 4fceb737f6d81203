"""The bench's floors forward every event on the real broker: aiokafka alone and Faust alone.

What ``cxpulse bench`` reads every scenario against (docs/performance.md); a floor
that lost events would make the framework look cheaper than it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.bench.kafka_io import publish, wait_enriched
from streams.bench.processes import WorkerProcess
from streams.bench.scenarios import FLOORS
from streams.settings import Settings
from tests.integration.faults import every_kind

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("which", sorted(FLOORS))
def test_a_floor_forwards_every_event_to_enriched(which: str, settings: Settings, env: dict[str, str],
                                                  tmp_path: Path) -> None:
    floor = WorkerProcess(env, tmp_path / f"{which}.log", FLOORS[which]).start()
    try:
        events = every_kind(50)
        publish(settings, events)
        seen = wait_enriched(settings, {str(e["event_id"]) for e in events}, timeout=120)
    finally:
        floor.stop()
    assert set(seen) == {str(e["event_id"]) for e in events}
