"""Events far from the detector's clock: bounded work and memory, no learning back to them, no page.

A valid event dated 2000-01-02 once froze a fresh worker for 43 s (loops over
every minute since the first event seen); one dated 9 days ago taught the
baseline 9.5 days of silence. Both are ignored now, counted, and cost one step.
"""

from __future__ import annotations

import time

from processors.detection import Bucket, DetectorConfig, SpikeDetector
from processors.rollup import Fact
from tests.processors.detection.conftest import MONDAY, minute_buckets

Y2K = 946_771_200  # 2000-01-02 00:00 UTC, epoch seconds


def old_event(minute: int) -> Bucket:
    b = Bucket("chat", minute)
    b.add_contact(Fact("chat", "", ("billing",), "negative", -0.9), minute * 1000 + 5_000, "acct-old", "late")
    return b


def live(detector: SpikeDetector, start: int, minutes: int) -> list[dict]:
    notes = []
    for m in range(minutes):
        minute = start + 60 * m
        notes += detector.observe(minute_buckets(minute), now_ms=(minute + 60) * 1000)
    return notes


def test_a_year_2000_event_then_live_traffic_costs_one_step_and_pages_nothing(cfg: DetectorConfig) -> None:
    state: dict = {}
    detector = SpikeDetector(cfg, state)
    began = time.process_time()
    assert detector.observe([old_event(Y2K)], now_ms=MONDAY * 1000) == []
    notes = live(detector, MONDAY, 180)
    assert time.process_time() - began < 10  # 180 live minutes; the old event adds one step, not 26 years
    assert [n for n in notes if n["change"] == "opened"] == []
    clock = detector.state.clock()
    assert clock.out_of_horizon == 1 and clock.first >= MONDAY
    assert len([k for k in state if k.startswith("m|")]) <= 2 * (cfg.keep_minutes + 2)  # 2 kinds x the minutes held
    assert all(int(k.split("|")[2]) >= MONDAY for k in state if k.startswith("m|"))


def test_an_old_event_reaching_a_simulation_first_does_not_make_it_learn_the_gap(cfg: DetectorConfig) -> None:
    # Without processing time (a replay) the first event is the clock: the jump to live traffic is bounded.
    state: dict = {}
    detector = SpikeDetector(cfg, state)
    detector.observe([old_event(Y2K)])
    began = time.process_time()
    notes = [n for m in range(150) for n in detector.observe(minute_buckets(MONDAY + 60 * m))]
    assert time.process_time() - began < 10
    assert [n for n in notes if n["change"] == "opened"] == []
    assert detector.state.baseline("all").minutes <= 150  # learned live minutes only, not 26 years of zeros
    assert all(int(k.split("|")[2]) >= MONDAY for k in state if k.startswith("m|"))


def test_an_event_nine_days_old_is_ignored_by_a_live_detector(cfg: DetectorConfig) -> None:
    detector = SpikeDetector(cfg, {})
    detector.observe([old_event(MONDAY - 9 * 86_400)], now_ms=MONDAY * 1000)
    notes = live(detector, MONDAY, 150)
    assert [n for n in notes if n["change"] == "opened"] == []
    assert detector.state.baseline("all").minutes <= 150 and detector.state.clock().out_of_horizon == 1
