"""A message as read from Kafka (or received over HTTP), before decoding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from streams.enriched import Origin


@dataclass(frozen=True, slots=True)
class Record:
    value: bytes
    key: bytes | None
    origin: Origin
    received_at: datetime
    kind_hint: str | None = None  # the kind its topic carries, if any
