"""Count-aware tests: how surprising is this many negatives, or this many contacts?

Example::

    binomial_tail(12, 20, 0.2)   # P(X >= 12 | n=20, p=0.2), about 1e-4
    poisson_tail(30, 10.0)       # P(X >= 30 | mean 10), about 1e-7
    nb_tail(30, 10.0, 0.5)       # the same with overdispersion (variance 10 + 0.5 * 10**2): about 0.02
    wilson(12, 20)               # (0.39, 0.78): 95% interval for 12 of 20

A rate over three messages is never significant at a small alpha, which is
the point: the tests carry the volume guard in them, not just the ratio.
"""

from __future__ import annotations

import math

from scipy.special import bdtrc, betainc, pdtrc


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    if k > n or p <= 0.0:
        return 0.0
    return float(bdtrc(k - 1, n, min(p, 1.0)))  # bdtrc(j, n, p) = P(X > j)


def poisson_tail(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean)."""
    if k <= 0:
        return 1.0
    if mean <= 0.0:
        return 0.0
    return float(pdtrc(k - 1, mean))  # pdtrc(j, m) = P(X > j)


def nb_tail(k: int, mean: float, dispersion: float) -> float:
    """P(X >= k) for a negative binomial of ``mean`` and variance ``mean + dispersion * mean**2``.

    The gamma-Poisson mixture: the rate itself wanders by a factor (a real
    feed's bursts, a baseline that is only roughly right), so big counts are
    much likelier than Poisson says. ``dispersion`` 0 is Poisson.
    """
    if dispersion <= 1e-9:
        return poisson_tail(k, mean)
    if k <= 0:
        return 1.0
    if mean <= 0.0:
        return 0.0
    size = 1.0 / dispersion
    return float(betainc(k, size, mean / (size + mean)))  # 1 - I_q(size, k), q = size / (size + mean)


def nb_head(k: int, mean: float, dispersion: float) -> float:
    """P(X <= k) for the same negative binomial: how surprising is so few."""
    return 1.0 - nb_tail(k + 1, mean, dispersion)


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for the rate k/n (well-behaved at small n and at 0 or n)."""
    if n <= 0:
        return 0.0, 1.0
    p, z2 = k / n, z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def poisson_interval(k: int, z: float = 1.96) -> tuple[float, float]:
    """Approximate interval for a Poisson mean from one count (Wilson-Hilferty)."""
    low = 0.0 if k == 0 else k * (1 - 1 / (9 * k) - z / (3 * math.sqrt(k))) ** 3
    k1 = k + 1
    high = k1 * (1 - 1 / (9 * k1) + z / (3 * math.sqrt(k1))) ** 3
    return max(0.0, low), high
