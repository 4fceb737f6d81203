"""The detector's memory: typed access to one MutableMapping of JSON values.

Example::

    state = DetectorState({})           # the worker passes a Faust table instead
    state.put_bucket(bucket)
    state.buckets_at(minute, kinds)     # what was stored for that minute

Everything the detector knows is under one mapping with string keys, so a
Faust table (changelog-backed) makes it survive restarts. Parsed objects are
cached; :meth:`reset` drops the cache when the mapping may have changed
behind our back (a rebalance gave the table to another worker and back).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, MutableMapping
from typing import Any

from processors.detection.accounts import AccountIndex, History, Population
from processors.detection.baseline import DISPERSION_SLOT, SLOTS, Baseline, slot_keys
from processors.detection.bucket import Bucket
from processors.detection.clock import Clock
from processors.detection.incident import Incident
from processors.detection.lifecycle import AlertState


class DetectorState:
    def __init__(self, data: MutableMapping[str, Any]) -> None:
        self.data = data
        self.reset()

    def reset(self) -> None:
        self.cache: dict[str, Any] = {}
        self._accounts: AccountIndex | None = None
        self._totals: dict[tuple[int, str | None], Counter[tuple[str, str | None]]] = {}

    @property
    def accounts(self) -> AccountIndex:
        """Negative contacts per account over the stored buckets (rebuilt after a reset)."""
        if self._accounts is None:
            self._accounts = AccountIndex()
            for kind, minute in self.bucket_keys():  # what is held, whatever event time did
                if (bucket := self.bucket(kind, minute)) is not None:
                    self._accounts.add(bucket)
        return self._accounts

    def bucket_keys(self) -> list[tuple[str, int]]:
        """(kind, minute) of every stored bucket."""
        return [(k, int(m)) for key in list(self.data.keys()) if isinstance(key, str) and key.startswith("m|")
                for _, k, m in [key.split("|", 2)]]

    def _get(self, key: str, parse: Any) -> Any:
        if key not in self.cache:
            raw = self.data.get(key)
            self.cache[key] = None if raw is None else parse(raw)
        return self.cache[key]

    def _put(self, key: str, obj: Any, raw: Any) -> None:
        self.cache[key] = obj
        self.data[key] = raw

    def _drop(self, key: str) -> None:
        self.cache.pop(key, None)
        if key in self.data:
            del self.data[key]

    def clock(self) -> Clock:
        return self._get("clock", Clock.from_dict) or Clock()

    def put_clock(self, clock: Clock) -> None:
        self._put("clock", clock, clock.to_dict())

    def bucket(self, kind: str, minute: int) -> Bucket | None:
        return self._get(f"m|{kind}|{minute}", Bucket.from_dict)

    def buckets_at(self, minute: int, kinds: Iterable[str]) -> list[Bucket]:
        return [b for k in kinds if (b := self.bucket(k, minute)) is not None]

    def totals(self, minute: int, kind: str | None, kinds: Iterable[str]) -> Counter[tuple[str, str | None]]:
        """Counters of one minute, (name, topic) -> n, for one kind or (kind None) all of ``kinds``."""
        if (minute, kind) not in self._totals:
            total: Counter[tuple[str, str | None]] = Counter()
            for bucket in self.buckets_at(minute, [kind] if kind else kinds):
                total.update(bucket.flat())
            self._totals[(minute, kind)] = total
        return self._totals[(minute, kind)]

    def put_bucket(self, bucket: Bucket) -> None:
        self.accounts.add(bucket)
        self._forget_totals(bucket.kind, bucket.minute)
        self._put(f"m|{bucket.kind}|{bucket.minute}", bucket, bucket.to_dict())

    def drop_bucket(self, kind: str, minute: int) -> None:
        """Let a minute go; its accounts' contacts become their history first."""
        self._forget_totals(kind, minute)
        if (bucket := self.bucket(kind, minute)) is not None:
            self._learn_accounts(bucket)
            self.accounts.drop(kind, minute, list({*bucket.accounts, *bucket.account_contacts}))
            self._drop(f"m|{kind}|{minute}")

    def _learn_accounts(self, bucket: Bucket) -> None:
        at_ms, new = (bucket.minute + 60) * 1000, 0
        for account in {*bucket.accounts, *bucket.account_contacts}:
            old = self.account_history(account)
            new += old is None
            negative = bucket.accounts.get(account, 0)
            h = (old or History()).add(negative, max(negative, bucket.account_contacts.get(account, 0)), at_ms)
            self._put(f"h|{account}", h, h.to_list())
        if new or bucket.accounts:
            pop = self.population().add(sum(bucket.accounts.values()), new, at_ms)
            self._put("population", pop, [pop.negative, pop.accounts, pop.first_ms, pop.at_ms])

    def account_history(self, account: str) -> History | None:
        return self._get(f"h|{account}", History.from_list)

    def population(self) -> Population:
        return self._get("population", lambda d: Population(float(d[0]), int(d[1]), int(d[2]), int(d[3]))) \
            or Population()

    def _forget_totals(self, kind: str, minute: int) -> None:
        self._totals.pop((minute, kind), None)
        self._totals.pop((minute, None), None)

    def baseline(self, series: str) -> Baseline:
        """Stored slot by slot, so learning a minute writes three small values, not the profile."""
        key = f"b|{series}"
        if key not in self.cache:
            slots = {k: raw for k in SLOTS if (raw := self.data.get(f"{key}|{k}")) is not None}
            self.cache[key] = Baseline.from_dict({"until": self.data.get(f"{key}|until"), "slots": slots})
        return self.cache[key]

    def drop_baseline(self, series: str) -> None:
        key = f"b|{series}"
        self.cache[key] = Baseline()
        for slot in (*SLOTS, "until"):
            if f"{key}|{slot}" in self.data:
                del self.data[f"{key}|{slot}"]

    def put_baseline(self, series: str, baseline: Baseline, minutes: Iterable[int] | None) -> None:
        """Write the slots that ``minutes`` touched (and the dispersion); every slot for None."""
        key = f"b|{series}"
        self.cache[key] = baseline
        touched = set(baseline.slots) if minutes is None else {k for m in minutes for k in slot_keys(m)}
        if DISPERSION_SLOT in baseline.slots:
            touched.add(DISPERSION_SLOT)
        for slot in touched:
            self.data[f"{key}|{slot}"] = baseline.slot_dict(slot)
        self.data[f"{key}|until"] = baseline.learned_until

    def alert(self, key: str) -> AlertState:
        return self._get(f"a|{key}", AlertState.from_dict) or AlertState(key)

    def put_alert(self, alert: AlertState) -> None:
        self._put(f"a|{alert.key}", alert, alert.to_dict())

    def incident(self, group: str) -> Incident | None:
        """The group's latest incident (open or resolved)."""
        return self._get(f"i|{group}", Incident.from_dict)

    def put_incident(self, incident: Incident) -> None:
        self._put(f"i|{incident.group}", incident, incident.to_dict())

    def open_incidents(self) -> list[Incident]:
        groups = self.data.get("open") or []
        return [i for g in groups if (i := self.incident(g)) is not None and i.status == "firing"]

    def set_open(self, group: str, is_open: bool) -> None:
        groups = set(self.data.get("open") or [])
        self.data["open"] = sorted(groups | {group} if is_open else groups - {group})

    def watched_accounts(self) -> set[str]:
        return set(self.data.get("accounts") or [])

    def set_watched_accounts(self, accounts: set[str]) -> None:
        if accounts != self.watched_accounts():
            self.data["accounts"] = sorted(accounts)
