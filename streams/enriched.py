"""What an agent hands to the sinks: a validated, redacted, scored event.

Plain data (no Faust, no ClickHouse): sinks turn it into rows or messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from processors.friction import FrictionHit
from processors.sentiment import Sentiment
from processors.topics import TopicMatch
from streams.contract import Event


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the event was read: the Kafka coordinates, or 'http'."""

    topic: str
    partition: int = -1
    offset: int = -1


@dataclass(frozen=True, slots=True)
class Turn:
    idx: int
    speaker: str
    text: str
    sentiment: Sentiment | None
    start_s: float | None = None
    end_s: float | None = None


@dataclass(frozen=True, slots=True)
class EnrichedEvent:
    """``event`` has its personal data already redacted; ``text`` is what was scored."""

    event: Event
    origin: Origin
    received_at: datetime
    text: str
    sentiment: Sentiment | None
    turns: tuple[Turn, ...] = ()
    start: float | None = None
    end: float | None = None
    pii_redactions: int = 0
    topics: tuple[TopicMatch, ...] = ()
    friction: tuple[FrictionHit, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)
    payload: bytes = b""  # the redacted event as JSON, serialized once for every sink

    @property
    def event_id(self) -> str:
        return str(self.event.event_id)

    def event_json(self) -> bytes:
        return self.payload or self.event.model_dump_json().encode()
