"""One contact -> one contract-v1 event dict per channel."""

from __future__ import annotations

import math
import random
import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from streams.simulator import phrases as P
from streams.simulator.texts import TextMaker
from streams.simulator.world import Agent, Customer


@dataclass(frozen=True, slots=True)
class Contact:
    at: datetime
    channel: str
    topic: str
    mood: str  # negative | neutral | positive (the opening mood)
    customer: Customer
    agent: Agent
    slow: bool = False  # during an incident queues are long
    case_id: str | None = None  # the case this contact belongs to, if any


def iso(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Builders:
    def __init__(self, rng: random.Random, texts: TextMaker) -> None:
        self.rng, self.texts = rng, texts

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def envelope(self, c: Contact, kind: str, source: str) -> dict[str, Any]:
        return {"event_id": self.new_id(), "kind": kind, "occurred_at": iso(c.at), "source": source,
                "customer_id": c.customer.customer_id, "account_id": c.customer.account_id,
                "agent_id": c.agent.agent_id, "team": c.agent.team, "case_id": c.case_id}

    def resolved(self, c: Contact) -> bool:
        return c.mood != "negative" or self.rng.random() < c.agent.skill * (0.5 if c.slow else 1.0)

    def chat(self, c: Contact) -> dict[str, Any]:
        turns = []
        if self.rng.random() < 0.3:
            turns += [{"speaker": "bot", "text": self.rng.choice(P.BOT_LINES)}]
        turns += [{"speaker": "customer", "text": self.texts.opener(c.topic, c.mood)},
                  {"speaker": "agent", "text": self.texts.agent_line()}]
        if c.mood != "positive":
            turns += [{"speaker": "customer", "text": self.texts.follow_up(self.resolved(c), c.agent.name)}]
        return self.envelope(c, "chat", "livechat") | {"turns": turns}

    def email(self, c: Contact) -> dict[str, Any]:
        subject, body = self.texts.email(c.topic, c.mood)
        return self.envelope(c, "email", "zendesk") | {"subject": subject, "body": body}

    def call(self, c: Contact) -> dict[str, Any]:
        wait = self.rng.expovariate(1 / (600 if c.slow else 90))
        lines = [("ivr", self.rng.choice(P.IVR_LINES))] if self.rng.random() < 0.6 else []
        lines += [("customer", self.texts.opener(c.topic, c.mood)), ("agent", self.texts.agent_line()),
                  ("customer", self.texts.follow_up(self.resolved(c), c.agent.name))]
        utterances, t = [], 0.0
        for speaker, text in lines:
            dur = 2 + len(text) / 15
            utterances.append({"speaker": speaker, "text": text, "start_s": round(t, 1),
                               "end_s": round(t + dur, 1)})
            t += dur + self.rng.uniform(0.5, 3)
        transfers = int(self.rng.random() > c.agent.skill) + int(self.rng.random() < 0.1)
        return self.envelope(c, "call", "genesys") | {
            "utterances": utterances, "wait_seconds": round(wait, 1), "handle_seconds": round(t, 1),
            "transfers": transfers, "ivr_used": bool(lines and lines[0][0] == "ivr"),
            "bot_used": self.rng.random() < 0.2}

    def social(self, c: Contact) -> dict[str, Any]:
        followers = int(math.exp(self.rng.gauss(5.5, 2.0)))
        handle = f"@user{self.rng.randint(1000, 99999)}"
        return self.envelope(c, "social", "brandwatch") | {
            "platform": self.rng.choice(["x", "x", "facebook", "instagram", "reddit", "trustpilot"]),
            "author_handle": handle, "followers": followers, "public": True,
            "url": f"https://social.example/{handle[1:]}/{self.rng.getrandbits(40)}",
            "text": self.texts.social(c.topic, c.mood)} | {"agent_id": None, "team": None,
                                                            "case_id": None}

    def brand_reply(self, c: Contact, post: dict[str, Any], at: datetime) -> dict[str, Any]:
        return self.social(c) | {
            "occurred_at": iso(at), "author_handle": "@AcmeHelp", "followers": 52_000,
            "brand_reply": True, "in_reply_to": post["event_id"], "agent_id": c.agent.agent_id,
            "team": c.agent.team, "text": f"{post['author_handle']} {self.texts.agent_line()} DM us."}

    def account(self, c: Contact, status: str, at: datetime, reason: str | None = None) -> dict[str, Any]:
        return {"event_id": self.new_id(), "kind": "account", "occurred_at": iso(at),
                "source": "billing-system", "account_id": c.customer.account_id, "status": status,
                "monthly_value": c.customer.monthly_value, "close_reason": reason,
                "owner": account_owner(c.customer.account_id)}


def account_owner(account_id: str) -> str:
    """The simulated account manager of an account: one of eight, fixed per account (no randomness drawn)."""
    return f"am-{zlib.crc32(account_id.encode()) % 8 + 1:02d}"
