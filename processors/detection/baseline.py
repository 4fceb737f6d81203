"""The expected per-minute counts of one series, learned online with the week's rhythm.

Example::

    b = Baseline()
    for minute in range(start, start + 3 * 3600, 60):      # epoch seconds
        b.learn(minute, {"contacts": 12, "negative": 2})
    b.expected(minute, "contacts")                          # ~12 per minute
    b.rate(minute, "negative", "contacts", min_mass=50)     # ~0.17

Each minute updates three running means: its hour of the week, its hour of
the day and all hours. Lookups use the most specific one that has seen
enough (hour of week after a week, hour of day after a day, all hours at
first), so Monday 10:00 is compared with earlier Mondays 10:00 once there
are some. The means are exponentially weighted: after ``memory`` minutes a
slot forgets old minutes, so the baseline follows slow drift.

Real counts are overdispersed (bursts, a rhythm the slots only roughly
follow), so the baseline also learns each series' **dispersion**: per
window length ``w`` (complete minutes), the negative-binomial ``a`` in
variance = mean + a * mean**2, by the moment estimator
sum((X - mean)**2 - mean) / sum(mean**2) over exponentially weighted minutes
(slot ``x``, three days' memory), shrunk toward ``DISPERSION_PRIOR`` while it
has seen little, each residual capped at ``DISPERSION_CAP`` standard
deviations so that one incident does not make the series look noisy.
:meth:`clip` is the robust side of learning: a minute is learned at most
``sd`` standard deviations from its expected count, so spikes teach the
baseline little while it goes on learning (also while the series alerts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MIN_SEEN = 30  # minutes a slot must have learned before its rates are used ...
MIN_SEEN_VOLUME = 60  # ... and its volume: a whole hour, or the hour's ramp would look like a spike
# (prefix, memory in minutes): two weeks of an hour-of-week, three days of an hour-of-day, six hours
LEVELS = (("w", 120), ("d", 180), ("a", 360))
SLOTS = (*(f"w{h}" for h in range(168)), *(f"d{h}" for h in range(24)), "a", "x")
DISPERSION_SLOT, DISPERSION_MEMORY = "x", 3 * 1440  # minutes
DISPERSION_PRIOR, PRIOR_MINUTES = 0.05, 120  # what a series is assumed to be before it has shown its own
DISPERSION_CAP = 2.5  # standard deviations a residual counts for at most


def slot_keys(minute: int) -> tuple[str, str, str]:
    hour = minute // 3600
    week_hour = (hour + 72) % 168  # epoch day 0 was a Thursday: 0 = Monday 00:00 UTC
    return f"w{week_hour}", f"d{hour % 24}", "a"


@dataclass(slots=True)
class Slot:
    seen: int = 0
    means: dict[str, float] = field(default_factory=dict)

    def learn(self, counts: dict[str, float], memory: int) -> None:
        self.seen += 1
        weight = 1.0 / min(self.seen, memory)
        for name in counts.keys() | self.means.keys():
            mean = self.means.get(name, 0.0)
            self.means[name] = mean + (counts.get(name, 0.0) - mean) * weight


@dataclass(slots=True)
class Baseline:
    slots: dict[str, Slot] = field(default_factory=dict)
    learned_until: int | None = None  # the last minute learned (epoch seconds)
    # Lookups memoized per (what, hour, ...): the slots change only when a minute is learned.
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    def learn(self, minute: int, counts: dict[str, float]) -> None:
        self.memo.clear()
        for key, (_, memory) in zip(slot_keys(minute), LEVELS, strict=True):
            self.slots.setdefault(key, Slot()).learn(counts, memory)

    @property
    def minutes(self) -> int:
        return self.slots["a"].seen if "a" in self.slots else 0

    def expected(self, minute: int, name: str) -> float | None:
        """Per-minute mean from a seasonal slot; None until this hour of day has been seen."""
        memo = ("e", minute // 3600, name)
        if memo not in self.memo:
            self.memo[memo] = self._expected(minute, name)
        return self.memo[memo]

    def _expected(self, minute: int, name: str) -> float | None:
        for key in slot_keys(minute)[:2]:
            slot = self.slots.get(key)
            if slot is not None and slot.seen >= MIN_SEEN_VOLUME:
                return slot.means.get(name, 0.0)
        return None

    def rate(self, minute: int, hits: str, base: str, min_mass: float) -> float | None:
        """hits/base from the most specific slot that has seen ``min_mass`` of ``base``."""
        memo = ("r", minute // 3600, hits, base, min_mass)
        if memo not in self.memo:
            self.memo[memo] = self._rate(minute, hits, base, min_mass)
        return self.memo[memo]

    def _rate(self, minute: int, hits: str, base: str, min_mass: float) -> float | None:
        for key in slot_keys(minute):
            slot = self.slots.get(key)
            if slot is None or slot.seen < MIN_SEEN:
                continue
            denominator = slot.means.get(base, 0.0)
            if denominator * min(slot.seen, dict(LEVELS)[key[0]]) >= min_mass:
                return slot.means.get(hits, 0.0) / denominator
        return None

    def dispersion(self, window: int) -> float:
        """Negative-binomial ``a`` of a ``window``-minute count (0 = Poisson), shrunk toward the prior."""
        memo = ("x", window)
        if memo not in self.memo:
            self.memo[memo] = self._dispersion(window)
        return self.memo[memo]

    def _dispersion(self, window: int) -> float:
        slot = self.slots.get(DISPERSION_SLOT)
        if slot is None or f"d{window}" not in slot.means or slot.means[f"d{window}"] <= 0:
            return DISPERSION_PRIOR
        m = min(slot.seen, DISPERSION_MEMORY)
        own = max(0.0, slot.means[f"n{window}"] / slot.means[f"d{window}"])
        return (own * m + DISPERSION_PRIOR * PRIOR_MINUTES) / (m + PRIOR_MINUTES)

    def learn_dispersion(self, samples: dict[int, tuple[float, float]], cap: float = DISPERSION_CAP) -> None:
        """One minute's (observed, expected) count per window length ending at that minute."""
        if not samples:
            return
        self.memo.clear()
        values: dict[str, float] = {}
        for window, (x, mu) in samples.items():
            sd = (mu + self.dispersion(window) * mu * mu) ** 0.5
            r = max(-cap * sd, min(cap * sd, x - mu))
            values[f"n{window}"], values[f"d{window}"] = r * r - mu, mu * mu
        self.slots.setdefault(DISPERSION_SLOT, Slot()).learn(values, DISPERSION_MEMORY)

    def clip(self, minute: int, name: str, value: float, sd: float) -> float:
        """``value`` limited to ``sd`` standard deviations around what the baseline expects then."""
        mu = self.expected(minute, name)
        if mu is None:
            return value
        half = sd * (mu + self.dispersion(1) * mu * mu) ** 0.5 + 1.0
        return max(mu - half, min(mu + half, value))

    def rescale(self, name: str, factor: float) -> None:
        """A learned level shift: every slot's mean of ``name`` times ``factor``."""
        self.memo.clear()
        for key, slot in self.slots.items():
            if key != DISPERSION_SLOT and name in slot.means:
                slot.means[name] *= factor

    def slot_dict(self, key: str) -> list[Any]:
        slot = self.slots[key]
        return [slot.seen, dict(slot.means)]

    def to_dict(self) -> dict[str, Any]:
        return {"until": self.learned_until, "slots": {k: self.slot_dict(k) for k in self.slots}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Baseline:
        return cls({k: Slot(seen, dict(means)) for k, (seen, means) in data["slots"].items()}, data["until"])
