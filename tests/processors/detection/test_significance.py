import math

import pytest

from processors.detection.significance import binomial_tail, poisson_interval, poisson_tail, wilson


def direct_binomial(k: int, n: int, p: float) -> float:
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k, n + 1))


@pytest.mark.parametrize(("k", "n", "p"), [(12, 20, 0.2), (3, 10, 0.3), (0, 5, 0.5), (5, 5, 0.9), (40, 100, 0.3)])
def test_binomial_tail_is_the_upper_tail(k: int, n: int, p: float) -> None:
    assert binomial_tail(k, n, p) == pytest.approx(direct_binomial(k, n, p), rel=1e-9)


def test_poisson_tail_is_the_upper_tail() -> None:
    direct = 1 - sum(math.exp(-10) * 10**j / math.factorial(j) for j in range(30))
    assert poisson_tail(30, 10.0) == pytest.approx(direct, rel=1e-6)
    assert poisson_tail(0, 3.0) == 1.0 and poisson_tail(1, 0.0) == 0.0


def test_three_of_three_is_not_significant_at_the_paging_bar() -> None:
    assert binomial_tail(3, 3, 0.25) > 1e-5  # the volume guard is in the test itself


def test_wilson_interval_contains_the_rate_and_behaves_at_the_edges() -> None:
    low, high = wilson(12, 20)
    assert low < 0.6 < high and low == pytest.approx(0.387, abs=1e-3)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0 and wilson(0, 0) == (0.0, 1.0)


def test_poisson_interval_brackets_the_count() -> None:
    low, high = poisson_interval(25)
    assert low < 25 < high and low == pytest.approx(16.2, abs=0.3) and high == pytest.approx(36.9, abs=0.3)
