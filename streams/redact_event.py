"""Redact every free-text field of an event, returning a redacted copy."""

from __future__ import annotations

from processors.redaction import Redactor
from processors.text import clean
from streams.contract import AccountEvent, CallEvent, CaseEvent, ChatEvent, EmailEvent, Event, SocialEvent, SurveyEvent


class EventRedactor:
    """Cleans (control characters, length) and redacts personal data field by field."""

    def __init__(self, redactor: Redactor, max_chars: int) -> None:
        self.redactor, self.max_chars = redactor, max_chars
        self.count = 0

    def text(self, value: str) -> str:
        result = self.redactor.redact(clean(value, self.max_chars))
        self.count += result.total
        return result.text

    def __call__(self, event: Event) -> tuple[Event, int]:
        self.count = 0
        return self._copy(event), self.count

    def _copy(self, event: Event) -> Event:  # one branch per kind
        match event:
            case ChatEvent():
                turns = [t.model_copy(update={"text": self.text(t.text)}) for t in event.turns]
                return event.model_copy(update={"turns": turns})
            case CallEvent():
                utts = [u.model_copy(update={"text": self.text(u.text)}) for u in event.utterances]
                return event.model_copy(update={"utterances": utts})
            case EmailEvent():
                return event.model_copy(update={"subject": self.text(event.subject),
                                                "body": self.text(event.body)})
            case SocialEvent():
                return event.model_copy(update={"text": self.text(event.text)})
            case SurveyEvent():
                return event.model_copy(update={"comment": self.text(event.comment)})
            case CaseEvent():
                return event.model_copy(update={"subject": self.text(event.subject)})
            case AccountEvent():
                return event  # no free text
        raise TypeError(f"unknown event type {type(event).__name__}")
