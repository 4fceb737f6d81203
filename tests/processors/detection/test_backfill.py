"""A backfill in which one source partition is read far behind another.

After an outage the worker reads each kind topic's partitions at different
speeds: partition 0 can be an hour ahead of partition 1. A minute learned
before partition 1 delivered it holds half its contacts, and the complete
minutes after it then look like a doubling of volume.
"""

from __future__ import annotations

from processors.detection import Bucket, DetectorConfig, SpikeDetector
from tests.processors.detection.conftest import MONDAY, minute_buckets

WALL = (MONDAY + 3 * 3600) * 1000  # processing time, after the events: the whole backfill is read within seconds


def _with_parts(buckets: list[Bucket], parts: dict[str, int] | None) -> list[Bucket]:
    for b in buckets:
        b.parts = {p: (b.last_ms if ms < 0 else ms) for p, ms in (parts or {}).items()}
    return buckets


def backfill(detector: SpikeDetector, minutes: int, track_parts: bool) -> list[dict]:
    behind = {"0": -1, "1": MONDAY * 1000 + 30_000} if track_parts else None  # -1: this minute's last event
    caught_up = {"0": -1, "1": -1} if track_parts else None
    notes = []
    for m in range(minutes):  # partition 0's half of every minute arrives first ...
        half = minute_buckets(MONDAY + 60 * m, per_kind=6, negative=1)
        notes += detector.observe(_with_parts(half, behind), now_ms=WALL + m)
    for m in range(minutes):  # ... then partition 1 catches up: the windows are complete
        whole = minute_buckets(MONDAY + 60 * m, per_kind=12, negative=2)
        notes += detector.observe(_with_parts(whole, caught_up), now_ms=WALL + 1000 + m)
    for m in range(minutes, minutes + 30):  # then live traffic, as steady as before
        whole = minute_buckets(MONDAY + 60 * m, per_kind=12, negative=2)
        notes += detector.observe(_with_parts(whole, caught_up), now_ms=WALL + 2000 + m * 60_000)
    return [n for n in notes if n["change"] == "opened"]


def test_minutes_are_learned_only_once_every_source_partition_delivered_them(cfg: DetectorConfig) -> None:
    assert backfill(SpikeDetector(cfg, {}), 90, track_parts=True) == []


def test_without_partition_marks_the_same_backfill_pages_for_nothing(cfg: DetectorConfig) -> None:
    # What the partition watermark prevents (and proof the scenario above can fail).
    opened = backfill(SpikeDetector(cfg, {}), 90, track_parts=False)
    assert opened
