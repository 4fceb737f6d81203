from processors.detection.bucket import Bucket
from processors.detection.clock import IDLE_MS, Clock
from processors.detection.series import ALL, channel

MINUTE = 1_767_571_200


def bucket(kind: str, minute: int, parts: dict[str, int]) -> Bucket:
    b = Bucket(kind, minute, last_ms=max(parts.values()))
    b.parts = dict(parts)
    return b


def test_settled_time_is_the_slowest_partition_that_still_moves() -> None:
    clock = Clock()
    clock.tick(1_000)
    clock.advance(bucket("chat", MINUTE, {"0": MINUTE * 1000 + 50_000, "1": MINUTE * 1000 + 5_000}))
    assert clock.time(channel("chat")) == MINUTE * 1000 + 50_000  # detection runs on the newest
    assert clock.settled(channel("chat")) == MINUTE * 1000 + 5_000  # learning waits for partition 1
    assert clock.settled(ALL) == MINUTE * 1000 + 5_000


def test_a_partition_idle_in_processing_time_stops_holding_the_kind_back() -> None:
    clock = Clock()
    clock.tick(1_000)
    clock.advance(bucket("chat", MINUTE, {"0": MINUTE * 1000, "1": MINUTE * 1000}))
    clock.tick(1_000 + IDLE_MS + 1)
    later = (MINUTE + 3600) * 1000
    clock.advance(bucket("chat", MINUTE + 3600, {"0": later}))
    assert clock.settled(channel("chat")) == later


def test_old_state_without_partitions_falls_back_to_the_kind_mark() -> None:
    clock = Clock.from_dict({"marks": {"chat": 5}, "moved": {"chat": 0}})
    assert clock.settled(channel("chat")) == 5
