"""Repeat contacts: "customers repeating themselves".

Example::

    from processors.repeats import Contact, repeat_contacts
    repeat_contacts([Contact("e1", "cust-1", "chat", ("billing",), t0),
                     Contact("e2", "cust-1", "call", ("billing",), t0 + timedelta(days=3))])
    # {('e2', 'billing')}

A contact is a repeat for a topic when the same customer made an earlier
contact about that topic, on any channel, at most 7 days before (7 days
exactly still counts). Contacts at the same instant are ordered by event id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Contact:
    event_id: str
    customer_id: str
    channel: str
    topics: tuple[str, ...]
    at: datetime


def repeat_contacts(contacts: Iterable[Contact], window: timedelta = WINDOW) -> set[tuple[str, str]]:
    """(event_id, topic) for every contact that repeats an earlier one."""
    last: dict[tuple[str, str], datetime] = {}
    repeats = set()
    for c in sorted(contacts, key=lambda c: (c.at, c.event_id)):
        if not c.customer_id:
            continue
        for topic in c.topics:
            previous = last.get((c.customer_id, topic))
            if previous is not None and c.at - previous <= window:
                repeats.add((c.event_id, topic))
            last[(c.customer_id, topic)] = c.at
    return repeats
