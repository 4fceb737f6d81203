"""Validated events in, enriched events out: redact, then score in one batch.

Redaction comes first, so nothing downstream (the model, its cache, logs,
sinks) ever sees personal data. All texts of a stream batch are scored in one
classifier call. Chats and calls are scored per customer turn; the
conversation score and its start/end trajectory come from those turns. The
same forward pass yields the text vectors that place an event in the topic
taxonomy; friction signals come from its words and metadata.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from processors.conversation import trajectory
from processors.sentiment import Sentiment, SentimentClassifier
from processors.text import latest_reply
from streams.contract import CallEvent, ChatEvent, EmailEvent, Event, SocialEvent, SurveyEvent
from streams.enriched import EnrichedEvent, Origin, Turn
from streams.records import Record
from streams.redact_event import EventRedactor
from streams.signals import Signals


@dataclass(frozen=True, slots=True)
class Incoming:
    event: Event
    record: Record

    @property
    def origin(self) -> Origin:
        return self.record.origin

    @property
    def received_at(self) -> datetime:
        return self.record.received_at


def scored_texts(event: Event) -> list[str]:
    """The texts the model scores for this event, in a fixed order."""
    match event:
        case ChatEvent():
            return [t.text for t in event.turns if t.speaker == "customer"]
        case CallEvent():
            return [u.text for u in event.utterances if u.speaker == "customer"]
        case EmailEvent() if event.direction == "inbound":
            return [f"{event.subject}\n{latest_reply(event.body)}".strip()]
        case SocialEvent() if not event.brand_reply:
            return [event.text]
        case SurveyEvent() if event.comment.strip():
            return [event.comment]
    return []


class Enricher:
    def __init__(self, classifier: SentimentClassifier, redactor: EventRedactor,
                 signals: Signals) -> None:
        self.classifier, self.redactor, self.signals = classifier, redactor, signals

    def enrich(self, batch: Sequence[Incoming]) -> list[EnrichedEvent]:
        redacted = self.redactor.many([item.event for item in batch])
        texts = [scored_texts(event) for event, _ in redacted]
        scores = iter(self.classifier.classify([t for ts in texts for t in ts]))
        out = []
        for item, (event, pii), own in zip(batch, redacted, texts, strict=True):
            out.append(self._assemble(item, event, pii, [next(scores) for _ in own], own))
        return out

    def _assemble(self, item: Incoming, event: Event, pii: int, scores: list[Sentiment],
                  texts: list[str]) -> EnrichedEvent:
        topics, friction = self.signals(event, texts, scores)
        base = EnrichedEvent(event, item.origin, item.received_at, "\n".join(texts),
                             scores[0] if scores else None, pii_redactions=pii, topics=topics,
                             friction=friction, payload=event.model_dump_json().encode())
        if not isinstance(event, ChatEvent | CallEvent):
            return base
        traj = trajectory([s.score for s in scores if s.scored])
        return replace(base, sentiment=self._conversation(scores, traj.score),
                       turns=_turns(event, iter(scores)), start=traj.start, end=traj.end)

    def _conversation(self, scores: list[Sentiment], mean: float | None) -> Sentiment | None:
        scored = [s for s in scores if s.scored]
        if mean is None or not scored:
            return scores[0] if scores else None
        return Sentiment(self.classifier.label_for(mean), mean, self.classifier.model, "en",
                         tuple(s.score for s in scored))


def _turns(event: ChatEvent | CallEvent, scores: Iterator[Sentiment]) -> tuple[Turn, ...]:
    if isinstance(event, ChatEvent):
        return tuple(Turn(i, t.speaker, t.text, next(scores) if t.speaker == "customer" else None)
                     for i, t in enumerate(event.turns))
    return tuple(Turn(i, u.speaker, u.text, next(scores) if u.speaker == "customer" else None,
                      u.start_s, u.end_s) for i, u in enumerate(event.utterances))
