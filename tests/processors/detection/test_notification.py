"""How a finding's size reads in a notification title."""

import re

from processors.detection.finding import Finding
from processors.detection.notification import magnitude


def finding(observed: float, expected: float) -> Finding:
    return Finding("all", "volume", 5, 40, 0, observed, expected, observed * 0.8, observed * 1.2, 1e-9)


def test_ratio_to_the_baseline() -> None:
    assert magnitude(finding(12.0, 4.0)) == "3.0x baseline"


def test_a_zero_baseline_has_no_ratio() -> None:
    assert magnitude(finding(8.0, 0.0)) == "above a zero baseline"


def test_titles_and_summaries_use_words_not_series_ids(warm) -> None:
    """Slack turns ':email:' into an emoji: no series id reaches a title or summary line."""
    from tests.processors.detection.conftest import run

    detector, _, start = warm
    notes = list(run(detector, start, 20, angry={"chat": 8, "email": 8}))
    assert notes
    for n in notes:
        assert "channel:" not in n["title"] and "topic:" not in n["title"], n["title"]
        assert not re.search(r":[a-z_]+:", n["summary"]), n["summary"]  # an emoji shortcode in Slack
        assert "95% interval" in n["summary"] and "baseline" in n["summary"]
        labels = n["labels"]
        assert {"severity", "team", "channel", "topic"} <= set(labels) and labels["severity"] == n["severity"]


def test_a_rate_reads_with_its_interval_and_window() -> None:
    from processors.detection.notification import describe

    f = Finding("channel:email", "negative_rate", 5, 18, 30, 0.6, 0.2, 0.42, 0.75, 1e-7)
    assert describe(f) == ("negative rate on the email channel: 60% (95% interval 42%-75%) vs 20% baseline, "
                           "18 of 30 contacts over 5 min")
