"""Sink fixtures: a real incident's notifications."""

from __future__ import annotations

from typing import Any

import pytest

from processors.detection import DetectorConfig, SpikeDetector
from tests.processors.detection.conftest import MONDAY, run


@pytest.fixture(scope="session")
def notes() -> list[dict[str, Any]]:
    detector = SpikeDetector(DetectorConfig(board_url="https://grafana.example/d/cx?from={from}&to={to}"), {})
    assert list(run(detector, MONDAY, 120)) == []
    start = MONDAY + 7200
    out = list(run(detector, start, 5, angry={"chat": 10, "email": 10}))
    out += detector.refresh()
    out += run(detector, start + 300, 90)  # resolved after an episode gap of calm (DetectorConfig)
    assert out[0]["change"] == "opened" and out[-1]["change"] == "resolved"
    return out
