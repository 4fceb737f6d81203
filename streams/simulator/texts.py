"""Assemble varied customer, agent and email texts from the phrase banks."""

from __future__ import annotations

import random

from streams.simulator import phrases as P


class TextMaker:
    def __init__(self, rng: random.Random, pii_rate: float) -> None:
        self.rng, self.pii_rate = rng, pii_rate

    def fill(self, template: str, agent: str = "Maria") -> str:
        r = self.rng
        return template.format(order=f"#{r.randint(100000, 999999)}", days=r.randint(2, 14),
                               hours=r.choice(["two", "three", "1.5"]), agent=agent,
                               amount=f"£{r.randint(5, 300)}", product=r.choice(P.PRODUCTS))

    def opener(self, topic: str, mood: str) -> str:
        if mood == "positive":
            return self.fill(self.rng.choice(P.POS))
        bank = P.NEG_OPEN if mood == "negative" else P.NEU_OPEN
        text = self.fill(self.rng.choice(bank[topic]))
        text = text[0].upper() + text[1:] + ("." if mood == "negative" else "?")
        if mood == "negative":
            text = " ".join(t for t in (text, self.fill(self.rng.choice(P.NEG_DETAIL)),
                                        self.rng.choice(P.NEG_CLOSE)) if t)
        return self._maybe_pii(text)

    def follow_up(self, resolved: bool, agent: str) -> str:
        if resolved:
            return self.fill(self.rng.choice(P.POS), agent)
        return self.fill(self.rng.choice(P.NEG_DETAIL[:6] + P.NEG_CLOSE[:5]))

    def agent_line(self) -> str:
        return self.rng.choice(P.AGENT_LINES)

    def email(self, topic: str, mood: str) -> tuple[str, str]:
        subject = f"{topic.capitalize()} - {self.fill('order {order}')}"
        body = f"Hello,\n\n{self.opener(topic, mood)}\n{self.opener(topic, mood)}"
        if self.rng.random() < 0.4:
            body += f"\n\nOn Mon, Support <support@acme.example> wrote:\n> {self.agent_line()}\n> Kind regards"
        return subject, body + self.rng.choice(P.SIGNATURES)

    def social(self, topic: str, mood: str) -> str:
        return f"@AcmeHelp {self.opener(topic, mood)} {self.rng.choice(P.SOCIAL_TAGS)}".strip()

    def _maybe_pii(self, text: str) -> str:
        if self.rng.random() < self.pii_rate:
            return f"{text} {self.rng.choice(P.PII_SNIPPETS)}"
        return text
