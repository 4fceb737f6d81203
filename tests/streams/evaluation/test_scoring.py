from datetime import timedelta

from streams.evaluation.run import START
from streams.evaluation.schedule import Planned, schedule
from streams.evaluation.scoring import Alert, Scorer
from streams.simulator import Incident

INC = Planned(Incident(timedelta(hours=30), timedelta(minutes=15), "billing", ("chat",), 0.0, negative_factor=3.0),
              "negative")


def at(delta: timedelta) -> int:
    return int((START + delta).timestamp() * 1000)


def test_a_matching_alert_is_a_detection_with_its_delay() -> None:
    scorer = Scorer([INC], START, 2, [Alert(at(timedelta(hours=30, seconds=90)), frozenset({"channel:chat"}))])
    report = scorer.report()
    assert report["target"] == {"incidents": 1, "detected": 1, "recall": 1.0, "median_delay_s": 90.0,
                                "p90_delay_s": 90.0}
    assert report["false_alerts"] == 0 and report["precision"] == 1.0


def test_alerts_elsewhere_or_later_are_false() -> None:
    wrong_channel = Alert(at(timedelta(hours=30, minutes=2)), frozenset({"channel:email"}))
    too_late = Alert(at(timedelta(hours=31)), frozenset({"channel:chat"}))
    report = Scorer([INC], START, 2, [wrong_channel, too_late]).report()
    assert report["false_alerts"] == 2 and report["false_alerts_per_day"] == 1.0
    assert report["target"]["recall"] == 0.0 and report["missed"] == [INC.label]


def test_schedule_is_seeded_varied_and_leaves_the_warmup_day_alone() -> None:
    planned = schedule(10, seed=3)
    assert planned == schedule(10, seed=3)
    assert {p.kind for p in planned} == {"negative", "outage"} and any(p.target for p in planned)
    assert all(p.incident.start >= timedelta(days=1) for p in planned)
    assert all(7 <= (p.incident.start.seconds // 3600) <= 22 for p in planned)
