"""Per-minute contact counts: the stream's live aggregate, the same numbers
as the ``contact_minute`` rollup in ClickHouse.

Example::

    from processors.rollup import Fact, MinuteStats
    stats = MinuteStats()
    stats.add(Fact(channel="chat", team="billing", topics=("billing",), label="negative",
                   score=-0.8, friction=("long_wait",)))
    stats.contacts, stats.negative, stats.friction["long_wait"]     # 1, 1, 1

A contact counts once in ``contacts``; per-topic stats (``by_topic``) count
it under each of its topics, as ``mentions`` does in SQL.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from processors.friction.rules import SIGNALS


@dataclass(frozen=True, slots=True)
class Fact:
    """One customer contact, reduced to what the per-minute aggregate needs."""

    channel: str
    team: str
    topics: tuple[str, ...]
    label: str  # "" when unscored
    score: float | None
    friction: tuple[str, ...] = ()


@dataclass(slots=True)
class MinuteStats:
    contacts: int = 0
    scored: int = 0
    negative: int = 0
    positive: int = 0
    sentiment_sum: float = 0.0
    friction: Counter[str] = field(default_factory=Counter)
    by_topic: Counter[str] = field(default_factory=Counter)
    negative_by_topic: Counter[str] = field(default_factory=Counter)
    with_friction: int = 0  # contacts with at least one friction signal
    friction_by_topic: Counter[str] = field(default_factory=Counter)

    def add(self, fact: Fact) -> MinuteStats:
        self.contacts += 1
        self.scored += fact.score is not None
        self.negative += fact.label == "negative"
        self.positive += fact.label == "positive"
        self.sentiment_sum += fact.score or 0.0
        self.friction.update(s for s in set(fact.friction) if s in SIGNALS)
        topics = fact.topics or ("other",)
        self.by_topic.update(topics)
        if fact.label == "negative":
            self.negative_by_topic.update(topics)
        if any(s in SIGNALS for s in fact.friction):
            self.with_friction += 1
            self.friction_by_topic.update(topics)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"contacts": self.contacts, "scored": self.scored, "negative": self.negative,
                "positive": self.positive, "sentiment_sum": round(self.sentiment_sum, 6),
                "friction": dict(self.friction), "by_topic": dict(self.by_topic),
                "negative_by_topic": dict(self.negative_by_topic), "with_friction": self.with_friction,
                "friction_by_topic": dict(self.friction_by_topic)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MinuteStats:
        return cls(data["contacts"], data["scored"], data["negative"], data["positive"],
                   data["sentiment_sum"], Counter(data["friction"]), Counter(data["by_topic"]),
                   Counter(data["negative_by_topic"]), data.get("with_friction", 0),
                   Counter(data.get("friction_by_topic", {})))
