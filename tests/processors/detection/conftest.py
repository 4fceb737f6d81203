"""Synthetic minute buckets for detector tests: steady traffic plus whatever a test injects."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from processors.detection import Bucket, DetectorConfig, SpikeDetector
from processors.rollup import Fact

MONDAY = 1_767_571_200  # 2026-01-05 00:00 UTC, epoch seconds
TOPICS = ("billing", "delivery", "account")


def minute_buckets(minute: int, per_kind: int = 12, negative: int = 3, kinds: tuple[str, ...] = ("chat", "email"),
                   angry: dict[str, int] | None = None, topic: str = "delivery") -> list[Bucket]:
    """Steady contacts per kind (spread over topics, ``negative`` of them negative), plus ``angry``
    extra negative contacts per kind about ``topic``; every 15 s of the minute is one snapshot."""
    out = []
    for kind in kinds:
        b = Bucket(kind, minute)
        for i in range(per_kind):
            label = "negative" if i < negative else "neutral"
            b.add_contact(Fact(kind, "", (TOPICS[i % 3],), label, -0.5 if i < negative else 0.0),
                          (minute + i * 60 // per_kind) * 1000, f"acct-{minute}-{kind}-{i}")
        for i in range((angry or {}).get(kind, 0)):
            b.add_contact(Fact(kind, "", (topic,), "negative", -0.9), (minute + 59) * 1000, f"angry-{minute}-{kind}-{i}",
                          f"furious message {i}")
        b.last_ms = (minute + 59) * 1000
        out.append(b)
    return out


def run(detector: SpikeDetector, start: int, minutes: int, **kw: object) -> Iterator[dict]:
    for m in range(minutes):
        yield from detector.observe(minute_buckets(start + 60 * m, **kw))  # type: ignore[arg-type]


@pytest.fixture
def cfg() -> DetectorConfig:
    return DetectorConfig(board_url="https://grafana.example/d/cx?from={from}&to={to}")


@pytest.fixture
def warm(cfg: DetectorConfig) -> tuple[SpikeDetector, dict, int]:
    """A detector that has seen two calm hours; returns it, its state and the next minute."""
    state: dict = {}
    detector = SpikeDetector(cfg, state)
    assert list(run(detector, MONDAY, 120)) == []
    return detector, state, MONDAY + 120 * 60
