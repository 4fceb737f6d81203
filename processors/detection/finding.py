"""One window of one metric compared with its baseline.

Example::

    f = rate_finding("channel:email", NEGATIVE, window=5, hits=18, base=30, p0=0.2, cfg=DetectorConfig())
    f.observed, f.expected, f.p_value          # 0.6, 0.2, ~4e-7
    f.ratio_low                                # 95% lower bound / baseline: ~2.1

A finding exists only when the window passes the guards (enough contacts,
enough excess, a large enough ratio); below them the window is normal
whatever its p-value, so three messages never page anyone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from processors.detection.config import DetectorConfig
from processors.detection.series import Metric
from processors.detection.significance import binomial_tail, nb_head, nb_tail, poisson_interval, wilson

RATE_FLOOR = 0.01  # a baseline that never saw a hit is not "0%": one hit would be infinitely surprising


@dataclass(frozen=True, slots=True)
class Finding:
    series: str
    metric: str
    window: int  # minutes
    hits: int
    base: int  # contacts in the window for rates; 0 for volumes
    observed: float  # the rate, or contacts per minute
    expected: float  # the baseline's rate, or contacts per minute
    low: float  # 95% interval of observed
    high: float
    p_value: float

    @property
    def ratio(self) -> float:
        return self.observed / self.expected if self.expected else float("inf")

    @property
    def ratio_low(self) -> float:
        """The conservative magnitude: the interval's lower end over the baseline."""
        return self.low / self.expected if self.expected else float("inf")

    @property
    def excess(self) -> float:
        """Hits beyond what the baseline expects in the window."""
        return self.hits - self.expected * (self.base if self.base else self.window)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(**data)


def rate_finding(series: str, metric: Metric, window: int, hits: int, base: int, p0: float,
                 cfg: DetectorConfig) -> Finding | None:
    p0 = max(p0, RATE_FLOOR)
    if base < cfg.min_contacts or hits < base * p0 + cfg.min_excess or hits < base * p0 * cfg.min_ratio:
        return None
    low, high = wilson(hits, base)
    return Finding(series, metric.name, window, hits, base, hits / base, p0, low, high,
                   binomial_tail(hits, base, p0))


def volume_finding(series: str, metric: Metric, window: int, hits: int, mean: float,
                   cfg: DetectorConfig, dispersion: float = 0.0) -> Finding | None:
    """``hits`` contacts in ``window`` complete minutes where the baseline expects ``mean``, tested
    against the series' own dispersion (negative binomial; 0 is Poisson)."""
    if hits < mean + cfg.min_excess or hits < mean * cfg.min_ratio or window <= 0:
        return None
    low, high = poisson_interval(hits)
    return Finding(series, metric.name, window, hits, 0, hits / window, mean / window,
                   low / window, high / window, nb_tail(hits, mean, dispersion))


def drop_finding(series: str, metric: Metric, window: int, hits: int, mean: float,
                 cfg: DetectorConfig, dispersion: float = 0.0) -> Finding | None:
    """Far fewer contacts than expected: ``hits`` in ``window`` minutes at most ``1/drop_ratio`` of
    ``mean`` and ``min_excess`` short of it, p = P(X <= hits) under the same negative binomial."""
    if window <= 0 or hits > mean / cfg.drop_ratio or hits > mean - cfg.min_excess:
        return None
    low, high = poisson_interval(hits)
    return Finding(series, metric.name, window, hits, 0, hits / window, mean / window,
                   low / window, high / window, nb_head(hits, mean, dispersion))
