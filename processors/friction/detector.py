"""Detect friction in one contact from its words and its metadata.

Example::

    from processors.friction import ContactFacts, FrictionDetector
    detect = FrictionDetector()
    detect(ContactFacts("I was on hold for two hours", wait_seconds=95))
    # (FrictionHit(signal='long_wait', rule='phrase', evidence='on hold for two hours'),)

Metadata rules: a call waited longer than the SLA (long wait), two or more
transfers (skill gap), three or more bot/IVR turns (trapped in self-service),
a repeat contact about the same topic within 7 days (repeating themselves;
known where the customer's history is, i.e. in ClickHouse).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from processors.friction.rules import FrictionRules, load_rules

EVIDENCE_CHARS = 80


@dataclass(frozen=True, slots=True)
class ContactFacts:
    customer_text: str
    agent_text: str = ""
    wait_seconds: float | None = None
    transfers: int = 0
    bot_turns: int = 0
    repeat_contact: bool = False


@dataclass(frozen=True, slots=True)
class FrictionHit:
    signal: str
    rule: str  # phrase | agent_phrase | wait_over_sla | transfers | bot_loop | repeat_contact
    evidence: str


class FrictionDetector:
    def __init__(self, rules: FrictionRules | None = None, wait_sla_seconds: float = 300.0,
                 max_transfers: int = 1, max_bot_turns: int = 2) -> None:
        rules = rules or load_rules()
        self.customer = {s: _compile(r.phrases) for s, r in rules.signals.items()}
        self.agent = {s: _compile(r.agent_phrases) for s, r in rules.signals.items()}
        self.wait_sla, self.max_transfers, self.max_bot_turns = wait_sla_seconds, max_transfers, max_bot_turns

    def __call__(self, facts: ContactFacts) -> tuple[FrictionHit, ...]:
        hits = [*self._metadata(facts), *_phrases(self.customer, facts.customer_text, "phrase"),
                *_phrases(self.agent, facts.agent_text, "agent_phrase")]
        first: dict[str, FrictionHit] = {}
        for hit in hits:
            first.setdefault(hit.signal, hit)  # metadata first: the strongest evidence
        return tuple(first.values())

    def _metadata(self, f: ContactFacts) -> Iterable[FrictionHit]:
        if f.wait_seconds is not None and f.wait_seconds > self.wait_sla:
            yield FrictionHit("long_wait", "wait_over_sla", f"waited {f.wait_seconds:.0f}s, SLA {self.wait_sla:.0f}s")
        if f.transfers > self.max_transfers:
            yield FrictionHit("skill_gap", "transfers", f"{f.transfers} transfers")
        if f.bot_turns > self.max_bot_turns:
            yield FrictionHit("trapped_self_service", "bot_loop", f"{f.bot_turns} bot/IVR turns")
        if f.repeat_contact:
            yield FrictionHit("repeating_themselves", "repeat_contact", "same topic within 7 days")


def signals_of(hits: Iterable[FrictionHit]) -> tuple[str, ...]:
    return tuple(sorted({h.signal for h in hits}))


@dataclass(frozen=True, slots=True)
class _Phrases:
    any: re.Pattern[str]  # one pass to decide whether the signal fires at all
    each: tuple[re.Pattern[str], ...]  # then the longest match is the evidence

    def evidence(self, text: str) -> str | None:
        if not self.any.search(text):
            return None
        found = [m.group(0) for p in self.each if (m := p.search(text))]
        return max(found, key=len)[:EVIDENCE_CHARS]


def _compile(patterns: Iterable[str]) -> _Phrases | None:
    patterns = list(patterns)
    if not patterns:
        return None
    joined = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return _Phrases(joined, tuple(re.compile(p, re.IGNORECASE) for p in patterns))


def _phrases(table: dict[str, _Phrases | None], text: str, rule: str) -> Iterable[FrictionHit]:
    if not text:
        return
    for signal, phrases in table.items():
        if phrases is not None and (evidence := phrases.evidence(text)) is not None:
            yield FrictionHit(signal, rule, evidence)
