"""Build enriched events for sink tests without running the stream."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from processors.sentiment import Sentiment
from streams.contract import validate_event
from streams.enriched import EnrichedEvent, Origin, Turn


def enriched(data: dict[str, Any], score: float = -0.5) -> EnrichedEvent:
    event = validate_event(data)
    s = Sentiment("negative" if score < 0 else "positive", score, "test@1")
    turns = tuple(Turn(i, t["speaker"], t["text"], s if t["speaker"] == "customer" else None)
                  for i, t in enumerate(data.get("turns", [])))
    return EnrichedEvent(event, Origin("cx." + event.kind, 0, 1), datetime.now(UTC), "text", s, turns)
