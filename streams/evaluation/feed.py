"""Simulated contacts as the detector's input: per-kind minute buckets, snapshotted every step.

Example::

    for at_ms, changed in snapshots(sim.contacts(duration), step_seconds=15):
        detector.observe(changed)            # the same snapshots the worker's timer sends

The sentiment label is the simulator's intended mood (ground truth): the
evaluation scores the detector, not the model, whose accuracy is measured
on its own (docs/sentiment.md). Long queues count as friction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from processors.detection import Bucket
from processors.rollup import Fact
from streams.simulator.builders import Contact

SCORES = {"negative": -0.8, "neutral": 0.0, "positive": 0.8}


def fact(c: Contact) -> Fact:
    return Fact(c.channel, c.agent.team, (c.topic,), c.mood, SCORES[c.mood], ("long_wait",) if c.slow else ())


def snapshots(contacts: Iterable[Contact], step_seconds: int) -> Iterator[tuple[int, list[Bucket]]]:
    """(step end in ms, copies of the buckets that changed during the step)."""
    if 60 % step_seconds:
        raise ValueError("step_seconds must divide a minute (a step never spans two minutes)")
    step = step_seconds * 1000
    current: dict[str, Bucket] = {}
    changed: set[str] = set()
    boundary = 0
    for c in contacts:
        at = int(c.at.timestamp() * 1000)
        boundary = boundary or (at // step + 1) * step
        while at >= boundary:
            yield boundary, [current[k].copy() for k in sorted(changed)]
            changed, boundary = set(), boundary + step
        minute = at // 60_000 * 60
        if (b := current.get(c.channel)) is None or b.minute != minute:
            b = current[c.channel] = Bucket(c.channel, minute)
        b.add_contact(fact(c), at, c.customer.account_id)
        changed.add(c.channel)
