"""Values in snapshots read like Grafana shows them."""

from datetime import datetime

from grafana.draw import duration, series
from grafana.frames import Frame


def test_durations_use_a_readable_unit() -> None:
    assert [duration(s) for s in (42, 2_012, 36_000, 3_998_269)] == ["42.0 s", "33.5 min", "10.0 h", "46.3 days"]


def test_long_results_become_one_series_per_label() -> None:
    t0, t1 = datetime(2026, 10, 5, 0, 0), datetime(2026, 10, 5, 0, 1)
    frame = Frame(("time", "channel", "contacts"), ("DateTime", "LowCardinality(String)", "UInt64"),
                  ((t0, "chat", 3), (t0, "email", 1), (t1, "chat", 4)))
    assert series(frame) == {"chat": ([t0, t1], [3.0, 4.0]), "email": ([t0], [1.0])}
