"""Which incidents an evaluation injects: seeded, varied, with calm days between.

Example::

    planned = schedule(days=7, seed=3)       # [Planned(incident, kind, day), ...]
    [p.kind for p in planned]                 # 'negative' (x2, x3, x4 rate) or 'outage' (extra contacts)

Incidents start between 07:00 and 21:00 (when support works and volume
makes a 15-minute spike measurable), at least two hours apart; about a
quarter of the days stay calm. The first ``warmup_days`` carry none: the
detector is learning its baseline then.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from streams.simulator import Incident
from streams.simulator.traffic import CHANNELS, TOPICS

DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Planned:
    incident: Incident
    kind: str  # "negative" or "outage"

    @property
    def target(self) -> bool:
        """The issue's target class: a channel's negative rate tripled (or more) for 15+ minutes."""
        return self.kind == "negative" and self.incident.negative_factor >= 3 and \
            self.incident.duration >= timedelta(minutes=15)

    @property
    def label(self) -> str:
        i = self.incident
        size = f"x{i.negative_factor:g}" if self.kind == "negative" else f"+{i.extra_per_minute:g}/min"
        return f"{self.kind} {size} {int(i.duration.total_seconds() // 60)}min {'+'.join(i.channels)} {i.topic}"


def schedule(days: int, seed: int, warmup_days: int = 1) -> list[Planned]:
    rng = random.Random(seed)
    out: list[Planned] = []
    for day in range(warmup_days, warmup_days + days):
        if rng.random() < 1 / 4:
            continue  # a calm day
        starts = sorted(rng.sample(range(7 * 60, 21 * 60, 120), rng.randint(2, 4)))
        out += [_incident(rng, DAY * day + timedelta(minutes=m + rng.randint(0, 60))) for m in starts]
    return out


def _incident(rng: random.Random, start: timedelta) -> Planned:
    channels = tuple(sorted(rng.sample(list(CHANNELS), rng.choice((1, 1, 2, 3)))))
    topic = rng.choice([t for t in TOPICS if t != "other"])
    if rng.random() < 0.75:
        minutes, factor = rng.choice((10, 15, 15, 30)), rng.choice((2.0, 3.0, 3.0, 4.0))
        return Planned(Incident(start, timedelta(minutes=minutes), topic, channels, extra_per_minute=0.0,
                                negative_factor=factor), "negative")
    minutes, extra = rng.choice((10, 20, 30)), rng.choice((5.0, 10.0, 20.0))
    return Planned(Incident(start, timedelta(minutes=minutes), topic, channels, extra_per_minute=extra), "outage")
