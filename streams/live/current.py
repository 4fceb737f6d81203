"""Make one event of a batch Faust's current event while its table writes happen.

Faust tables take two things from ``faust.current_event()``: the changelog
partition (co-partitioned with the source topic) and, for windowed tables,
the event's time. Events from ``stream.take_events`` are consumed by a
background task, so inside the batch loop no event is current; this sets one
for a block. Faust has no public setter, so it uses the same context variable
Faust's own stream iteration sets; tests/integration/test_live_minute.py
(counts and changelog recovery on a real broker) pins the behaviour.

Example::

    async for events in stream.take_events(512, 0.5):
        with as_current(events[-1]):
            table[key] = value   # changelog partition and window of events[-1]
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from faust import streams


@contextmanager
def as_current(event: Any) -> Iterator[None]:
    token = streams._current_event.set(weakref.ref(event))  # private: see module docstring
    try:
        yield
    finally:
        streams._current_event.reset(token)
