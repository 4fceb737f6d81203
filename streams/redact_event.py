"""Redact every free-text field of a batch of events and pseudonymise its
personal-looking identifiers, returning redacted copies.

The batch's texts go to the redactor together, so the name model runs once per
stream batch rather than once per field. Identifiers (docs/privacy.md):
``customer_id``, ``account_id``, ``agent_id``, ``case_id`` and ``thread_id``
are replaced by a keyed hash when they look like an email or a phone number;
a social post's ``author_handle`` always is, and its ``url`` loses the handle
and any email. ``owner`` (an account manager's id, used to route their pages),
``team`` and ``source`` are kept as published.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from processors.redaction import Redactor
from processors.redaction.contact import EMAIL
from processors.redaction.identifiers import Pseudonymiser
from processors.text import clean
from streams.contract import AccountEvent, CallEvent, CaseEvent, ChatEvent, EmailEvent, Event, SocialEvent, SurveyEvent


def free_text(event: Event) -> list[str]:
    """The event's free-text fields, in the order ``_rebuilt`` puts them back."""
    match event:
        case ChatEvent():
            return [t.text for t in event.turns]
        case CallEvent():
            return [u.text for u in event.utterances]
        case EmailEvent():
            return [event.subject, event.body]
        case SocialEvent():
            return [event.text]
        case SurveyEvent():
            return [event.comment]
        case CaseEvent():
            return [event.subject]
        case AccountEvent():
            return []  # no free text
    raise TypeError(f"unknown event type {type(event).__name__}")


def _rebuilt(event: Event, texts: Iterator[str]) -> Event:  # one branch per kind
    match event:
        case ChatEvent():
            return event.model_copy(update={"turns": [t.model_copy(update={"text": next(texts)})
                                                      for t in event.turns]})
        case CallEvent():
            return event.model_copy(update={"utterances": [u.model_copy(update={"text": next(texts)})
                                                           for u in event.utterances]})
        case EmailEvent():
            return event.model_copy(update={"subject": next(texts), "body": next(texts)})
        case SocialEvent():
            return event.model_copy(update={"text": next(texts)})
        case SurveyEvent():
            return event.model_copy(update={"comment": next(texts)})
        case CaseEvent():
            return event.model_copy(update={"subject": next(texts)})
    return event


ID_FIELDS = ("customer_id", "account_id", "agent_id", "case_id", "thread_id")


def pseudonymised(event: Event, ids: Pseudonymiser) -> Event:
    """The event with its personal-looking ids (and a social author's handle) replaced."""
    update: dict[str, str] = {}
    for name in ID_FIELDS:
        value = getattr(event, name, None)
        if isinstance(value, str) and (hashed := ids(value)) != value:
            update[name] = hashed
    if isinstance(event, SocialEvent):
        update["author_handle"] = ids(event.author_handle, always=True)
        if event.url:
            handle = event.author_handle.lstrip("@")
            url = EMAIL.pattern.sub("[EMAIL]", event.url)
            update["url"] = url.replace(handle, update["author_handle"]) if len(handle) >= 2 else url
    return event.model_copy(update=update) if update else event


class EventRedactor:
    """Cleans (control characters, length) and redacts personal data field by field."""

    def __init__(self, redactor: Redactor, max_chars: int, ids: Pseudonymiser | None = None) -> None:
        self.redactor, self.max_chars, self.ids = redactor, max_chars, ids

    def __call__(self, event: Event) -> tuple[Event, int]:
        return self.many([event])[0]

    def many(self, events: Sequence[Event]) -> list[tuple[Event, int]]:
        """Each event's redacted copy and how many values were removed from it."""
        fields = [free_text(e) for e in events]
        results = iter(self.redactor.redact_many([clean(t, self.max_chars) for f in fields for t in f]))
        out = []
        for event, own in zip(events, fields, strict=True):
            mine = [next(results) for _ in own]
            clean_event = _rebuilt(event, iter(r.text for r in mine))
            if self.ids is not None:
                clean_event = pseudonymised(clean_event, self.ids)
            out.append((clean_event, sum(r.total for r in mine)))
        return out
