"""Incidents the simulator injects: what changes, where, and for how long.

Example::

    outage = Incident(start=timedelta(hours=2), topic="delivery", channels=("email", "chat"))
    angry = Incident(start=timedelta(hours=5), extra_per_minute=0, negative_factor=3.0,
                     channels=("chat",), topic="billing")

An incident can add contacts about its topic on its channels, mostly
negative, with long queues (``extra_per_minute``, an outage), and/or
multiply the chance that ordinary contacts on its channels are negative
(``negative_factor``, e.g. 3.0 triples a channel's negative rate), steering
``topic_share`` of them to its topic. Start is relative to the simulation's
start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class Incident:
    start: timedelta = timedelta(minutes=1)
    duration: timedelta = timedelta(minutes=15)
    topic: str = "delivery"
    channels: tuple[str, ...] = ("email", "chat", "social")
    extra_per_minute: float = 20.0
    negative_share: float = 0.9  # of the extra contacts
    negative_factor: float = 1.0  # on ordinary contacts of its channels
    topic_share: float = 0.5  # of the ordinary contacts it makes negative

    def active(self, elapsed: timedelta) -> bool:
        return self.start <= elapsed < self.start + self.duration

    @property
    def end(self) -> timedelta:
        return self.start + self.duration


def active(incidents: Sequence[Incident], elapsed: timedelta) -> list[Incident]:
    return [i for i in incidents if i.active(elapsed)]


def peak_extra(incidents: Sequence[Incident]) -> float:
    """The most extra contacts per minute that overlapping incidents can add."""
    return sum(i.extra_per_minute for i in incidents)
