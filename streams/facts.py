"""Enriched events as the plain inputs the measure processors take.

The live per-minute aggregate uses :func:`fact`; the others let any consumer
of ``cx.enriched`` compute the boards' measures from the stream with the
same definitions the ClickHouse views implement.
"""

from __future__ import annotations

from processors.accounts import AccountContact
from processors.cases import CaseChange
from processors.repeats import Contact
from processors.rollup import Fact
from processors.social import Post
from streams.contract import CaseEvent, SocialEvent
from streams.enriched import EnrichedEvent
from streams.signals import is_contact


def _label(item: EnrichedEvent) -> str:
    s = item.sentiment
    return s.label if s is not None and s.scored else ""


def _score(item: EnrichedEvent) -> float | None:
    s = item.sentiment
    return s.score if s is not None and s.scored else None


def topics(item: EnrichedEvent) -> tuple[str, ...]:
    return tuple(t.topic for t in item.topics)


def fact(item: EnrichedEvent) -> Fact | None:
    """The per-minute aggregate's input; None for events that are not customer contacts."""
    if not is_contact(item.event):
        return None
    return Fact(item.event.kind, item.event.team or "", topics(item), _label(item), _score(item),
                tuple(h.signal for h in item.friction))


def contact(item: EnrichedEvent) -> Contact | None:
    e = item.event
    if not is_contact(e):
        return None
    return Contact(str(e.event_id), e.customer_id or "", e.kind, topics(item) or ("other",), e.occurred_at)


def case_change(item: EnrichedEvent) -> CaseChange | None:
    e = item.event
    if not isinstance(e, CaseEvent):
        return None
    return CaseChange(e.case_id, e.status, e.occurred_at, e.agent_id or "", e.team or "")


def post(item: EnrichedEvent) -> Post | None:
    e = item.event
    if not isinstance(e, SocialEvent):
        return None
    return Post(str(e.event_id), _score(item), e.followers, _label(item), e.public, e.brand_reply,
                e.in_reply_to or "")


def account_contact(item: EnrichedEvent, repeat: bool) -> AccountContact:
    return AccountContact(item.event.occurred_at, _label(item), bool(item.friction), repeat)
