"""A short evaluation end to end (the full one is ``cxpulse eval detect``; docs/detection.md)."""

from pathlib import Path

from streams.evaluation.plot import plot_incident
from streams.evaluation.run import evaluate


def test_both_detectors_are_scored_on_the_same_incidents_and_the_plot_is_drawn(tmp_path: Path) -> None:
    result = evaluate(days=2, seed=3)
    ours, theirs = result.report["detectors"]["cxpulse"], result.report["detectors"]["river-halfspacetrees"]
    assert ours["all"]["incidents"] == theirs["all"]["incidents"] > 0
    assert ours["all"]["recall"] >= theirs["all"]["recall"] and ours["false_alerts_per_day"] <= 1
    assert set(result.report["targets"]) == {"target_recall_at_least_0.95", "median_delay_at_most_120s",
                                             "false_alerts_per_day_at_most_1"}
    assert result.trace is not None and result.trace.minutes
    png = plot_incident(result.trace, tmp_path / "incident.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
