"""Rolling aggregates for the terminal board, fed from ``cx.enriched`` messages."""

from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from processors import measures

WINDOW_SECONDS = 10.0


@dataclass
class BoardState:
    arrivals: deque[tuple[float, str]] = field(default_factory=deque)
    totals: Counter[str] = field(default_factory=Counter)
    labels: dict[str, Counter[str]] = field(default_factory=dict)
    recent_labels: deque[tuple[str, str]] = field(default_factory=lambda: deque(maxlen=400))
    surveys: dict[str, list[int]] = field(default_factory=lambda: {"nps": [], "csat": [], "ces": []})
    negatives: deque[str] = field(default_factory=lambda: deque(maxlen=4))
    topics: Counter[str] = field(default_factory=Counter)
    negative_topics: Counter[str] = field(default_factory=Counter)
    friction: Counter[str] = field(default_factory=Counter)

    def add(self, message: dict[str, Any], now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        event, sentiment = message["event"], message.get("sentiment")
        kind = event["kind"]
        self.arrivals.append((now, kind))
        self.totals[kind] += 1
        if kind == "survey":
            self.surveys[event["survey_type"]].append(event["score"])
        self._signals(message, sentiment)
        if sentiment and sentiment.get("scored"):
            self.labels.setdefault(kind, Counter())[sentiment["label"]] += 1
            self.recent_labels.append((kind, sentiment["label"]))
            if sentiment["label"] == "negative" and kind in ("social", "chat", "email"):
                self.negatives.append(_snippet(event))

    def _signals(self, message: dict[str, Any], sentiment: dict[str, Any] | None) -> None:
        if not message.get("contact"):
            return
        self.topics.update(message.get("topics", []))
        if sentiment and sentiment.get("label") == "negative":
            self.negative_topics.update(message.get("topics", []))
        self.friction.update({f["signal"] for f in message.get("friction", [])})

    def rates(self, now: float | None = None) -> dict[str, float]:
        now = time.monotonic() if now is None else now
        while self.arrivals and self.arrivals[0][0] < now - WINDOW_SECONDS:
            self.arrivals.popleft()
        counts = Counter(kind for _, kind in self.arrivals)
        return {k: counts[k] / WINDOW_SECONDS for k in self.totals}

    def recent_negative_rate(self) -> float | None:
        return measures.negative_rate([label for _, label in self.recent_labels])

    def survey_measures(self) -> dict[str, float | None]:
        s = self.surveys
        return {"NPS": measures.nps(s["nps"]), "CSAT %": measures.csat(s["csat"]),
                "CES": measures.ces_mean(s["ces"])}


def _snippet(event: dict[str, Any]) -> str:
    text = event.get("text") or event.get("comment") or event.get("body") or ""
    if event["kind"] == "chat":
        text = next((t["text"] for t in event["turns"] if t["speaker"] == "customer"), "")
    text = " ".join(line for line in text.splitlines() if line.strip() and line.strip() != "Hello,")
    return f"[{event['kind']}] {text[:90]}"
