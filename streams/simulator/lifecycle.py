"""Case life cycles and the surveys that follow resolution."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from streams.simulator.builders import Builders, Contact, iso

SURVEY_RANGE = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


class Lifecycle:
    def __init__(self, rng: random.Random, build: Builders) -> None:
        self.rng, self.build = rng, build

    def new_case_id(self) -> str:
        return f"case-{self.rng.getrandbits(32):08x}"

    def case(self, c: Contact) -> list[tuple[datetime, dict[str, Any]]]:
        t, out = c.at, []
        subject = self.build.texts.opener(c.topic, "neutral")
        for status in self._path(c):
            t += self._gap(status, c)
            out.append((t, self._event(c, status, t, subject)))
            if status == "resolved" and self.rng.random() < 0.35:
                out.append(self.survey(c, t))
        return out

    def _path(self, c: Contact) -> list[str]:
        path = ["opened", "assigned", "resolved"]
        if self.rng.random() > c.agent.skill * 0.9 + 0.05:
            path += ["reopened", "resolved"]
        return [*path, "closed"]

    def _gap(self, status: str, c: Contact) -> timedelta:
        minutes = {"opened": 0.0, "assigned": self.rng.uniform(0.5, 10),
                   "resolved": self.rng.lognormvariate(3.0 + (1 - c.agent.skill), 1.0),
                   "reopened": self.rng.uniform(60, 3 * 24 * 60), "closed": 24 * 60}[status]
        return timedelta(minutes=minutes)

    def _event(self, c: Contact, status: str, t: datetime, subject: str) -> dict[str, Any]:
        ev = self.build.envelope(c, "case", "salesforce")
        return ev | {"occurred_at": iso(t), "status": status,
                     "priority": "high" if c.mood == "negative" else "normal",
                     "subject": subject, "contact_channel": c.channel}

    def survey(self, c: Contact, after: datetime) -> tuple[datetime, dict[str, Any]]:
        """A survey sent after ``after`` (a resolution or the end of a chat or call)."""
        kind = self.rng.choice(["nps", "csat", "ces"])
        low, high = SURVEY_RANGE[kind]
        quality = c.agent.skill * (0.6 if c.mood == "negative" else 1.0) * (0.6 if c.slow else 1.0)
        q = min(1.0, max(0.0, self.rng.gauss(quality, 0.2)))
        score = round(low + (high - low) * (1 - q if kind == "ces" else q))
        comment = self.build.texts.follow_up(q > 0.6, c.agent.name) if self.rng.random() < 0.5 else ""
        ev = self.build.envelope(c, "survey", "qualtrics")
        at = after + timedelta(minutes=self.rng.uniform(1, 30))
        return at, ev | {"occurred_at": iso(at), "survey_type": kind, "score": score, "comment": comment}
