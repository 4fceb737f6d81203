"""One kind's minute of traffic, as the spike detector sees it.

Example::

    from processors.detection import Bucket
    from processors.rollup import Fact
    b = Bucket("chat", minute=1_700_000_040)
    b.add_contact(Fact("chat", "", ("delivery",), "negative", -0.9), at_ms=1_700_000_052_000,
                  account="acct-7", text="where is my parcel")
    b.count("negative"), b.count("contacts", topic="delivery")     # 1, 1

The live table keeps one per kind and minute; snapshots of it are what the
detector consumes, so applying the same snapshot twice changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from processors.rollup import Fact, MinuteStats

EXAMPLES = 3  # negative messages kept per kind and minute, newest first
ACCOUNTS = 200  # accounts with negative contacts kept per kind and minute
EXAMPLE_CHARS = 280
DETRACTOR_MAX, CSAT_LOW_MAX = 6, 2  # NPS 0-6 detract; CSAT 1-2 of 5 is unsatisfied


@dataclass(slots=True)
class Bucket:
    kind: str
    minute: int  # epoch seconds of the minute's start
    stats: MinuteStats = field(default_factory=MinuteStats)
    surveys: Counter[str] = field(default_factory=Counter)  # nps, nps_detractor, csat, csat_low
    examples: list[dict[str, Any]] = field(default_factory=list)
    accounts: Counter[str] = field(default_factory=Counter)  # negative contacts per account
    account_contacts: Counter[str] = field(default_factory=Counter)  # every contact per account (its size)
    account_topics: dict[str, Counter[str]] = field(default_factory=dict)  # account -> topics of its negatives
    account_examples: dict[str, dict[str, Any]] = field(default_factory=dict)  # account -> newest negative
    last_ms: int = 0  # newest event time seen in this minute
    parts: dict[str, int] = field(default_factory=dict)  # source partition -> its newest event time here

    def add_contact(self, fact: Fact, at_ms: int, account: str = "", text: str = "") -> None:
        self.stats.add(fact)
        self.last_ms = max(self.last_ms, at_ms)
        kept = bool(account) and (account in self.account_contacts or len(self.account_contacts) < ACCOUNTS)
        if kept:
            self.account_contacts[account] += 1
        if fact.label != "negative":
            return
        topic = (fact.topics or ("other",))[0]
        example = {"text": text[:EXAMPLE_CHARS], "channel": fact.channel, "account": account, "topic": topic,
                   "at_ms": at_ms}
        if kept:
            self.accounts[account] += 1
            self.account_topics.setdefault(account, Counter())[topic] += 1
            if text:
                self.account_examples[account] = example
        if text:
            self.examples = [example, *self.examples][:EXAMPLES]

    def add_survey(self, survey_type: str, score: int, at_ms: int) -> None:
        self.last_ms = max(self.last_ms, at_ms)
        if survey_type == "nps":
            self.surveys.update(nps=1, nps_detractor=int(score <= DETRACTOR_MAX))
        elif survey_type == "csat":
            self.surveys.update(csat=1, csat_low=int(score <= CSAT_LOW_MAX))

    def saw(self, part: str, at_ms: int) -> None:
        """Note the source partition an event came from: the detector's watermark is the
        slowest partition's, so a backfill does not make minutes final that are still arriving."""
        self.parts[part] = max(self.parts.get(part, 0), at_ms)

    def count(self, name: str, topic: str | None = None) -> int:
        """A counter of this minute: contacts, negative, friction or a survey counter."""
        return self.flat().get((name, topic), 0)

    def flat(self) -> dict[tuple[str, str | None], int]:
        """Every counter keyed by (name, topic or None): the detector sums these."""
        s = self.stats
        out: dict[tuple[str, str | None], int] = {
            ("contacts", None): s.contacts, ("negative", None): s.negative, ("friction", None): s.with_friction,
            **{(name, None): n for name, n in self.surveys.items()}}
        for name, by in (("contacts", s.by_topic), ("negative", s.negative_by_topic),
                         ("friction", s.friction_by_topic)):
            out.update(((name, t), n) for t, n in by.items())
        return out

    def copy(self) -> Bucket:
        return Bucket.from_dict(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "minute": self.minute, "stats": self.stats.to_dict(),
                "surveys": dict(self.surveys), "examples": self.examples,
                "accounts": dict(self.accounts), "account_contacts": dict(self.account_contacts),
                "account_topics": {a: dict(t) for a, t in self.account_topics.items()},
                "account_examples": self.account_examples, "last_ms": self.last_ms, "parts": self.parts}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Bucket:
        return cls(data["kind"], data["minute"], MinuteStats.from_dict(data["stats"]),
                   Counter(data.get("surveys", {})), list(data.get("examples", [])),
                   Counter(data.get("accounts", {})), Counter(data.get("account_contacts", {})),
                   {a: Counter(t) for a, t in data.get("account_topics", {}).items()},
                   dict(data.get("account_examples", {})), data.get("last_ms", 0), dict(data.get("parts", {})))
