"""Bursts of negative contacts from one account.

Example::

    index = AccountIndex()
    index.add(bucket)                                   # per kind and minute, replaces
    account_finding("acct-7", index, newest_ms, cfg)    # a Finding once cfg.account_burst is reached

Per account there is no meaningful baseline (most accounts write once a
month), so the rule is a plain threshold over a sliding window: three
negative contacts within an hour from one account is worth a look by its
account manager, whatever the channel.
"""

from __future__ import annotations

from collections import defaultdict

from processors.detection.bucket import Bucket
from processors.detection.config import DetectorConfig
from processors.detection.finding import Finding

METRIC = "negative_contacts"


class AccountIndex:
    """Negative contacts per account, per (kind, minute): a view over the stored buckets."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[tuple[str, int], int]] = defaultdict(dict)

    def add(self, bucket: Bucket) -> None:
        for account, n in bucket.accounts.items():
            self.counts[account][(bucket.kind, bucket.minute)] = n

    def drop(self, kind: str, minute: int, accounts: list[str]) -> None:
        for account in accounts:
            self.counts[account].pop((kind, minute), None)
            if not self.counts[account]:
                del self.counts[account]

    def total(self, account: str, since_minute: int) -> int:
        return sum(n for (_, minute), n in self.counts.get(account, {}).items() if minute >= since_minute)


def account_finding(account: str, index: AccountIndex, now_ms: int, cfg: DetectorConfig) -> Finding | None:
    window = cfg.account_window_minutes
    total = index.total(account, (now_ms // 60_000 - window + 1) * 60)
    if total < cfg.account_burst:
        return None
    return Finding(f"account:{account}", METRIC, window, total, 0, total / window,
                   cfg.account_burst / window, total / window, total / window, 0.0)
