import pytest

from processors.stats import coefficient_of_variation, quantile, share


def test_quantile_interpolates_between_order_statistics() -> None:
    assert quantile([1, 2, 3, 4], 0.5) == 2.5
    assert quantile([10, 0, 20], 0.9) == pytest.approx(18.0)
    assert quantile([7], 0.9) == 7 and quantile([], 0.5) is None


def test_coefficient_of_variation() -> None:
    assert coefficient_of_variation([5, 5, 5]) == 0.0
    assert coefficient_of_variation([0, 10]) == pytest.approx(1.0)
    assert coefficient_of_variation([]) is None and coefficient_of_variation([0, 0]) is None


def test_share() -> None:
    assert share(1, 3) == 33.33 and share(0, 0) is None
