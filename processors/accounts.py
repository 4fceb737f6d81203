"""Account health: an explainable at-risk score and customer turnover.

Example::

    from processors.accounts import AccountSignals, at_risk
    risk = at_risk(AccountSignals(contacts=6, negative_share=0.5, negative_trend=0.2,
                                  friction=3, repeats=1))
    risk.score            # 0..100
    risk.contributions    # {'contacts': 9.0, 'negative_share': 15.0, ...}

The score is a sum of capped, weighted signals, so it only ever rises when a
signal rises, and each part says how much it added. Signals cover the last
30 days: contacts, share of scored messages that were negative, the rise in
that share over the last 7 days against the 23 before, friction hits and
repeat contacts. The board's SQL view uses the same weights and caps
(tests/sinks/test_measure_sql.py holds the two together).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW, RECENT = timedelta(days=30), timedelta(days=7)

# signal -> (weight, value at which it reaches its full weight)
WEIGHTS: dict[str, tuple[float, float]] = {
    "contacts": (15.0, 10.0),
    "negative_share": (30.0, 1.0),
    "negative_trend": (20.0, 0.5),
    "friction": (20.0, 5.0),
    "repeats": (15.0, 3.0),
}


@dataclass(frozen=True, slots=True)
class AccountSignals:
    contacts: int = 0
    negative_share: float = 0.0  # 0..1
    negative_trend: float = 0.0  # -1..1, last 7 days minus the 23 before
    friction: int = 0
    repeats: int = 0


@dataclass(frozen=True, slots=True)
class AccountContact:
    """One customer contact of an account, as the risk signals need it."""

    at: datetime
    label: str  # "" when unscored
    friction: bool = False
    repeat: bool = False


def account_signals(contacts: Iterable[AccountContact], as_of: datetime) -> AccountSignals:
    """Signals over the 30 days before ``as_of``; the trend compares the last 7 with the 23 before."""
    window = [c for c in contacts if as_of - WINDOW <= c.at < as_of]
    recent = [c for c in window if c.at >= as_of - RECENT]
    older = [c for c in window if c.at < as_of - RECENT]
    return AccountSignals(len(window), _negative_share(window),
                          _negative_share(recent) - _negative_share(older),
                          sum(c.friction for c in window), sum(c.repeat for c in window))


def _negative_share(contacts: list[AccountContact]) -> float:
    scored = [c for c in contacts if c.label]
    return sum(c.label == "negative" for c in scored) / len(scored) if scored else 0.0


@dataclass(frozen=True, slots=True)
class RiskScore:
    score: float
    contributions: dict[str, float]

    @property
    def top_reason(self) -> str | None:
        best = max(self.contributions.items(), key=lambda kv: kv[1])
        return best[0] if best[1] > 0 else None


def at_risk(signals: AccountSignals) -> RiskScore:
    parts = {name: round(weight * _capped(getattr(signals, name), cap), 2)
             for name, (weight, cap) in WEIGHTS.items()}
    return RiskScore(round(sum(parts.values()), 2), parts)


def _capped(value: float, cap: float) -> float:
    return min(max(value, 0.0) / cap, 1.0)


def turnover_rate(closed: int, active_at_start: int) -> float | None:
    """% of the accounts active at the start of a period that closed during it."""
    return round(100 * closed / active_at_start, 2) if active_at_start else None
