"""A NAB series as the detector's input: each row's count becomes contacts in event time.

Example::

    for at_ms, changed in row_snapshots(series, step_seconds=15):
        detector.observe(changed)          # the same snapshots the worker's timer would send

A row of ``v`` mentions over a period of ``p`` minutes is ``p`` minutes of
contacts, ``v`` spread as evenly as integers allow (minute ``j`` gets
``floor((j+1)v/p) - floor(jv/p)``), each minute's contacts evenly spaced over
its seconds, all on one channel (``social``: mentions are social posts) with
no topic and a neutral label (NAB has volumes only). A row starts at its
timestamp's minute. Snapshots are taken every ``step_seconds`` of event time,
like the worker's timer; a minute without contacts sends nothing, so event
time stands still until the next mention, as it does in the worker.
"""

from __future__ import annotations

from collections.abc import Iterator

from processors.detection import Bucket
from processors.rollup import Fact
from streams.evaluation.nab_data import NabSeries

KIND = "social"
FACT = Fact(KIND, "", (), "neutral", 0.0)


def minute_counts(series: NabSeries) -> Iterator[tuple[int, int]]:
    """(minute start in epoch ms, contacts) for every minute the rows cover."""
    period = max(1, series.period_ms // 60_000)
    for at, value in series.rows:
        start = at // 60_000 * 60_000
        for j in range(period):
            yield start + j * 60_000, (j + 1) * value // period - j * value // period


def row_snapshots(series: NabSeries, step_seconds: int = 15) -> Iterator[tuple[int, list[Bucket]]]:
    """(step end in ms, the buckets that changed in the step: a copy of the current minute's)."""
    if 60 % step_seconds:
        raise ValueError("step_seconds must divide a minute")
    steps = 60 // step_seconds
    for minute_ms, n in minute_counts(series):
        bucket = Bucket(KIND, minute_ms // 1000)
        added = 0
        for s in range(steps):
            end = minute_ms + (s + 1) * step_seconds * 1000
            # contact i arrives at second i*60/n of the minute
            due = min(n, -(-(s + 1) * step_seconds * n // 60))
            for i in range(added, due):
                bucket.add_contact(FACT, minute_ms + i * 60_000 // n)
            if due > added:
                added = due
                yield end, [bucket.copy()]
