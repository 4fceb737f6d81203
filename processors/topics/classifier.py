"""Classify a message into the taxonomy: keyword rules, then example similarity.

Example::

    from processors.sentiment import SentimentClassifier
    from processors.topics import TopicClassifier, load_taxonomy

    clf = SentimentClassifier.default()
    topics = TopicClassifier(load_taxonomy(), clf.vectors)
    [s] = clf.classify(["the parcel never came"])
    topics.classify("the parcel never came", s.vector)
    # (TopicMatch(topic='delivery', rule='keyword:parcel'),)

Keywords are precise and explainable, so they decide when they fire (every
matching topic, multi-label). Otherwise the message's encoder vector (the
sentiment model's own, computed in the same forward pass) is compared with
each topic's example phrases; the nearest topic wins if it is similar enough.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from processors.topics.keywords import keyword_pattern
from processors.topics.taxonomy import Taxonomy

Vectors = Callable[[list[str]], Sequence[np.ndarray | None]]


@dataclass(frozen=True, slots=True)
class TopicMatch:
    topic: str
    rule: str  # "keyword:<matched text>", "similar:<cosine>" or "fallback"


class TopicClassifier:
    def __init__(self, taxonomy: Taxonomy, vectors: Vectors | None = None) -> None:
        self.taxonomy = taxonomy
        self.patterns = {name: keyword_pattern(t.keywords) for name, t in taxonomy.topics.items()}
        self.examples, self.owners = self._embed_examples(vectors)

    def _embed_examples(self, vectors: Vectors | None) -> tuple[np.ndarray | None, list[str]]:
        pairs = [(name, ex) for name, t in self.taxonomy.topics.items() for ex in t.examples]
        if vectors is None or not pairs:
            return None, []
        found = list(vectors([ex for _, ex in pairs]))
        kept = [(name, v) for (name, _), v in zip(pairs, found, strict=True) if v is not None]
        if not kept:
            return None, []
        return np.stack([v for _, v in kept]), [name for name, _ in kept]

    def classify(self, text: str, vector: np.ndarray | None = None) -> tuple[TopicMatch, ...]:
        hits = self.keywords(text)
        if hits:
            return hits
        if (similar := self.similar(vector)) is not None:
            return (similar,)
        return (TopicMatch(self.taxonomy.fallback, "fallback"),)

    def keywords(self, text: str) -> tuple[TopicMatch, ...]:
        out = []
        for name, pattern in self.patterns.items():
            if pattern is not None and (m := pattern.search(text)):
                out.append(TopicMatch(name, f"keyword:{m.group(0).lower()}"))
        return tuple(out)

    def similar(self, vector: np.ndarray | None) -> TopicMatch | None:
        if vector is None or self.examples is None:
            return None
        sims = self.examples @ vector
        best = int(sims.argmax())
        if sims[best] < self.taxonomy.min_similarity:
            return None
        return TopicMatch(self.owners[best], f"similar:{sims[best]:.2f}")
