from processors.detection.baseline import MIN_SEEN_VOLUME, Baseline, slot_keys
from tests.processors.detection.conftest import MONDAY


def test_slots_are_hour_of_week_hour_of_day_and_all() -> None:
    assert slot_keys(MONDAY + 10 * 3600 + 300) == ("w10", "d10", "a")
    assert slot_keys(MONDAY + 6 * 86400 + 23 * 3600) == ("w167", "d23", "a")  # Sunday 23:00


def test_volume_needs_a_whole_hour_of_the_day_and_follows_it() -> None:
    b = Baseline()
    for m in range(MIN_SEEN_VOLUME - 1):
        b.learn(MONDAY + 60 * m, {"contacts": 10.0})
    assert b.expected(MONDAY + 600, "contacts") is None
    b.learn(MONDAY + 60 * (MIN_SEEN_VOLUME - 1), {"contacts": 10.0})
    assert b.expected(MONDAY + 600, "contacts") == 10.0
    for m in range(60, 120):
        b.learn(MONDAY + 60 * m, {"contacts": 40.0})  # 01:00 is busier than 00:00
    assert b.expected(MONDAY + 3600, "contacts") == 40.0 and b.expected(MONDAY, "contacts") == 10.0


def test_rates_fall_back_to_all_hours_until_a_slot_has_enough_contacts() -> None:
    b = Baseline()
    for m in range(60):
        b.learn(MONDAY + 60 * m, {"contacts": 10.0, "negative": 2.0})
    assert b.rate(MONDAY + 7200, "negative", "contacts", min_mass=100) == 0.2  # unseen hour: all hours
    assert b.rate(MONDAY, "negative", "contacts", min_mass=10_000) is None


def test_round_trips_through_its_dict() -> None:
    b = Baseline()
    b.learn(MONDAY, {"contacts": 3.0})
    b.learned_until = MONDAY
    again = Baseline.from_dict(b.to_dict())
    assert again.to_dict() == b.to_dict() and again.minutes == 1
