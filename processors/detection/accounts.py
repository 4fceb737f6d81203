"""Bursts of negative contacts from one account, judged against the account's own history and size.

Example::

    index = AccountIndex()
    index.add(bucket)                                        # per kind and minute, replaces
    account_finding("acct-7", index, history, now_ms, cfg)   # a Finding, or None

An account manager wants to hear about an account when something is wrong
with *that* account, not when a large customer writes as often as it always
does. So a window of ``account_window_minutes`` is a finding only when all hold:

- at least ``account_burst`` negative contacts (three angry messages are a
  conversation, not an incident);
- at least ``account_share`` of the account's contacts in the window are
  negative (its size: 6 negatives among 200 contacts of a big customer are normal);
- the count is improbable under the account's own usual rate of negative
  contacts (Poisson tail below ``account_alpha``). The usual rate is learned
  from every minute the detector lets go of, forgetting with a 30-day time
  constant, and shrunk toward the average account's rate over one day of
  prior weight, so a new account is judged like the average one.

The detector only raises account findings while it is live (event time
within ``account_live_seconds`` of processing time): a backfill teaches the
history but pages no account manager about last week.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from processors.detection.bucket import Bucket
from processors.detection.config import DetectorConfig
from processors.detection.finding import Finding
from processors.detection.significance import poisson_interval, poisson_tail

METRIC = "negative_contacts"
TAU_MINUTES = 30 * 1440  # history forgets with a 30-day time constant
PRIOR_MINUTES = 1440  # a new account counts as one day of the average account's rate


@dataclass(slots=True)
class History:
    """One account's negatives and contacts, exponentially decayed to ``at_ms``."""

    negative: float = 0.0
    contacts: float = 0.0
    at_ms: int = 0

    def decayed(self, now_ms: int) -> History:
        k = math.exp(-max(0, now_ms - self.at_ms) / 60_000 / TAU_MINUTES) if self.at_ms else 1.0
        return History(self.negative * k, self.contacts * k, max(now_ms, self.at_ms))

    def add(self, negative: int, contacts: int, now_ms: int) -> History:
        h = self.decayed(now_ms)
        return History(h.negative + negative, h.contacts + contacts, h.at_ms)

    def to_list(self) -> list[float]:
        return [self.negative, self.contacts, self.at_ms]

    @classmethod
    def from_list(cls, data: list[float]) -> History:
        return cls(float(data[0]), float(data[1]), int(data[2]))


@dataclass(slots=True)
class Population:
    """Every account together: negatives learned, distinct accounts, since when (for the prior)."""

    negative: float = 0.0
    accounts: int = 0
    first_ms: int = 0
    at_ms: int = 0

    def per_account_minute(self, now_ms: int) -> float:
        """The average account's negatives per minute (0 before anything was learned)."""
        if not self.first_ms or not self.accounts:
            return 0.0
        k = math.exp(-max(0, now_ms - self.at_ms) / 60_000 / TAU_MINUTES)
        return self.negative * k / _elapsed(self.first_ms, now_ms) / self.accounts

    def add(self, negative: int, new_accounts: int, now_ms: int) -> Population:
        k = math.exp(-max(0, now_ms - self.at_ms) / 60_000 / TAU_MINUTES) if self.at_ms else 1.0
        return Population(self.negative * k + negative, self.accounts + new_accounts, self.first_ms or now_ms,
                          max(now_ms, self.at_ms))


def _elapsed(first_ms: int, now_ms: int) -> float:
    """Decayed minutes of history since ``first_ms`` (what a decayed count is a count over)."""
    minutes = max(1.0, (now_ms - first_ms) / 60_000)
    return TAU_MINUTES * (1 - math.exp(-minutes / TAU_MINUTES))


def usual_per_minute(history: History | None, population: Population, now_ms: int) -> float:
    """The account's own usual negatives per minute, shrunk toward the average account's."""
    prior = population.per_account_minute(now_ms)
    if history is None or not population.first_ms:
        return prior
    h = history.decayed(now_ms)
    return (h.negative + prior * PRIOR_MINUTES) / (_elapsed(population.first_ms, now_ms) + PRIOR_MINUTES)


class AccountIndex:
    """Negative and all contacts per account, per (kind, minute): a view over the stored buckets."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[tuple[str, int], tuple[int, int]]] = defaultdict(dict)

    def add(self, bucket: Bucket) -> None:
        for account in {*bucket.accounts, *bucket.account_contacts}:
            n = bucket.accounts.get(account, 0)
            self.counts[account][(bucket.kind, bucket.minute)] = (n, max(n, bucket.account_contacts.get(account, 0)))

    def drop(self, kind: str, minute: int, accounts: list[str]) -> None:
        for account in accounts:
            self.counts[account].pop((kind, minute), None)
            if not self.counts[account]:
                del self.counts[account]

    def total(self, account: str, since_minute: int) -> int:
        return self.window(account, since_minute)[0]

    def window(self, account: str, since_minute: int) -> tuple[int, int]:
        """(negative, all) contacts of the account from ``since_minute`` on."""
        held = [v for (_, minute), v in self.counts.get(account, {}).items() if minute >= since_minute]
        return sum(n for n, _ in held), sum(c for _, c in held)


def account_finding(account: str, index: AccountIndex, usual: float, now_ms: int,
                    cfg: DetectorConfig) -> Finding | None:
    """``usual``: the account's usual negatives per minute (:func:`usual_per_minute`)."""
    window = cfg.account_window_minutes
    negative, contacts = index.window(account, (now_ms // 60_000 - window + 1) * 60)
    if negative < cfg.account_burst or negative < cfg.account_share * contacts:
        return None
    expected = usual * window
    p = poisson_tail(negative, expected) if expected > 0 else 0.0
    if p >= cfg.account_alpha:
        return None
    low, high = poisson_interval(negative)
    return Finding(f"account:{account}", METRIC, window, negative, 0, negative / window, usual, low / window,
                   high / window, p)
