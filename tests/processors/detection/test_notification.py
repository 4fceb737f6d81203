"""How a finding's size reads in a notification title."""

from processors.detection.finding import Finding
from processors.detection.notification import magnitude


def finding(observed: float, expected: float) -> Finding:
    return Finding("all", "volume", 5, 40, 0, observed, expected, observed * 0.8, observed * 1.2, 1e-9)


def test_ratio_to_the_baseline() -> None:
    assert magnitude(finding(12.0, 4.0)) == "3.0x baseline"


def test_a_zero_baseline_has_no_ratio() -> None:
    assert magnitude(finding(8.0, 0.0)) == "above a zero baseline"
