from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from streams.contract import validate_event
from streams.simulator import Incident, SimConfig, Simulator

START = datetime(2026, 11, 20, 10, tzinfo=UTC)


def run(**kw) -> list[dict]:
    return list(Simulator(SimConfig(seed=3, start=START, **kw)).events(timedelta(minutes=60)))


def test_seeded_and_deterministic() -> None:
    assert run() == run()
    assert run() != list(Simulator(SimConfig(seed=4, start=START)).events(timedelta(minutes=60)))


def test_every_event_is_valid_and_time_ordered() -> None:
    events = run()
    for e in events:
        validate_event(e)
    times = [e["occurred_at"] for e in events]
    assert times == sorted(times)
    assert set(Counter(e["kind"] for e in events)) == {"chat", "email", "call", "social", "survey", "case",
                                                       "account"}


def test_texts_vary() -> None:
    # Some posts repeat on purpose (reposts, short stock phrases): most must not.
    texts = [e["text"] for e in run() if e["kind"] == "social"]
    assert len(set(texts)) > 0.6 * len(texts)
    bodies = [e["body"] for e in run() if e["kind"] == "email"]
    assert len(set(bodies)) > 0.9 * len(bodies)


def test_diurnal_volume() -> None:
    night = Simulator(SimConfig(seed=1, start=START.replace(hour=3))).events(timedelta(hours=1))
    day = Simulator(SimConfig(seed=1, start=START.replace(hour=10))).events(timedelta(hours=1))
    assert len(list(day)) > 5 * len(list(night))


def test_incident_raises_negative_topic_volume_on_its_channels() -> None:
    inc = Incident(start=timedelta(minutes=20), duration=timedelta(minutes=20))
    events = run(incident=inc)
    window = [e for e in events if "2026-11-20T10:20" <= e["occurred_at"] < "2026-11-20T10:40"]
    calm = [e for e in events if "2026-11-20T10:40" <= e["occurred_at"] < "2026-11-20T11:00"]
    def social(es: list) -> int:
        return sum(e["kind"] == "social" for e in es)
    assert social(window) > 2 * social(calm)


def test_repeat_contacts_happen() -> None:
    contacts = [e for e in run() if e["kind"] in ("chat", "email", "call")]
    per_customer = Counter(e["customer_id"] for e in contacts)
    assert sum(1 for n in per_customer.values() if n > 1) >= 5


def test_cases_follow_their_life_cycle() -> None:
    events = [e for e in run() if e["kind"] == "case"]
    by_case: dict[str, list[str]] = {}
    for e in events:
        by_case.setdefault(e["case_id"], []).append(e["status"])
    assert all(s[0] == "opened" for s in by_case.values())
    assert any("resolved" in s for s in by_case.values())


def test_default_start_never_publishes_future_events() -> None:
    from datetime import UTC, datetime

    from streams.cli.data import default_start

    now = datetime.now(UTC)
    for minutes, speed in ((30, 60), (30, 1), (30, 0), (10, 0.5)):
        start = default_start(minutes, speed)
        for t in (0.0, minutes / 2, minutes):  # simulated minutes since start
            occurred = start + timedelta(minutes=t)
            published = now + timedelta(minutes=t / speed if speed > 0 else 0)
            assert occurred <= published + timedelta(seconds=1)


def test_catch_up_pacing_plays_fast_until_wall_time_and_never_ahead_of_it() -> None:
    """``cxpulse demo``'s live traffic: 5 minutes behind at 30x, then as it happens."""
    from streams.cli.publishing import _due

    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    cfg = SimConfig(start=start)

    def due(minutes: float) -> float:
        at = (start + timedelta(minutes=minutes)).isoformat()
        return _due({"occurred_at": at}, cfg, 30.0, behind=300.0)

    assert due(3) == pytest.approx(6.0)  # still catching up: 30x
    assert due(5) == pytest.approx(10.0)  # caught up after 10 s (5 min at 30x) ...
    assert due(8) == pytest.approx(180.0)  # ... then published when it happens: 8 min - 5 min behind
    assert _due({"occurred_at": (start + timedelta(minutes=8)).isoformat()}, cfg, 30.0) == pytest.approx(16.0)
