"""The sentiment classifier used by the stream agents and by embedders.

Example::

    from processors.sentiment import SentimentClassifier

    clf = SentimentClassifier.default()          # shipped int8 ONNX model
    [s] = clf.classify(["I've been on hold for two hours"])
    s.label, s.score                              # ('negative', -0.97)

Any local Hugging Face sequence-classification folder works the same way
(``SentimentClassifier.from_path(folder)``). Identical texts (reposts,
templated replies) are answered from an LRU cache.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from cachetools import LRUCache

from processors.sentiment.backend import Backend, load_backend, unit_mean
from processors.sentiment.chunking import aggregate, split_chunks
from processors.sentiment.language import detect_language
from processors.sentiment.result import Label, Sentiment, unscored

ARTIFACT = Path(__file__).with_name("artifact")
DEFAULT_BAND = 0.3


@dataclass(frozen=True, slots=True)
class ModelInfo:
    name: str
    neutral_band: float

    @classmethod
    def read(cls, folder: Path) -> ModelInfo:
        meta = folder / "cxpulse.json"
        data = json.loads(meta.read_text()) if meta.exists() else {}
        name = f"{data['name']}@{data['version']}" if "name" in data else folder.name
        return cls(name, float(data.get("neutral_band", DEFAULT_BAND)))


class SentimentClassifier:
    """Batched, cached polarity for short and long texts."""

    def __init__(self, backend: Backend, info: ModelInfo, cache_size: int = 20_000) -> None:
        self.backend, self.info = backend, info
        self.cache: LRUCache[str, Sentiment] = LRUCache(maxsize=cache_size)
        self._pos = backend.labels.index("positive")
        self._neg = backend.labels.index("negative")

    @classmethod
    def default(cls, threads: int | None = None, spinning: bool = False) -> SentimentClassifier:
        return cls.from_path(ARTIFACT, threads, spinning)

    @classmethod
    def from_path(cls, folder: str | Path, threads: int | None = None,
                  spinning: bool = False) -> SentimentClassifier:
        folder = Path(folder)
        return cls(load_backend(folder, threads, spinning), ModelInfo.read(folder))

    @classmethod
    def from_setting(cls, value: str, threads: int | None = None,
                     spinning: bool = False) -> SentimentClassifier:
        """``default`` for the shipped model, otherwise a folder path."""
        folder = ARTIFACT if value == "default" else Path(value)
        return cls.from_path(folder, threads, spinning)

    @property
    def model(self) -> str:
        return self.info.name

    def classify(self, texts: list[str]) -> list[Sentiment]:
        results: dict[int, Sentiment] = {}
        pending: dict[str, list[str]] = {}
        for i, text in enumerate(texts):
            if (hit := self.cache.get(text)) is not None:
                results[i] = hit
            elif text not in pending:
                pending[text] = self._chunks_or_result(text, results, i)
        self._score(pending)
        return [results.get(i) or self.cache[t] for i, t in enumerate(texts)]

    def _chunks_or_result(self, text: str, results: dict[int, Sentiment], i: int) -> list[str]:
        language = detect_language(text)
        if language != "en":
            results[i] = self.cache.setdefault(text, unscored(self.model, language))
            return []
        return split_chunks(text)

    def _score(self, pending: dict[str, list[str]]) -> None:
        flat = [c for chunks in pending.values() for c in chunks]
        out = self.backend.infer(flat)
        at = 0
        for text, chunks in pending.items():
            if chunks:
                span = slice(at, at + len(chunks))
                vectors = None if out.vectors is None else out.vectors[span]
                self.cache[text] = self._combine(chunks, out.probabilities[span], vectors)
                at += len(chunks)

    def _combine(self, chunks: list[str], probs: np.ndarray, vectors: np.ndarray | None) -> Sentiment:
        scores = [float(p[self._pos] - p[self._neg]) for p in probs]
        score = max(-1.0, min(1.0, aggregate(scores, chunks)))
        return Sentiment(self._label(score, probs), round(score, 4), self.model, "en",
                         tuple(round(s, 4) for s in scores),
                         vector=None if vectors is None else unit_mean(vectors))

    def _label(self, score: float, probs: np.ndarray) -> Label:
        if "neutral" in self.backend.labels:
            return self.backend.labels[int(probs.mean(axis=0).argmax())]
        return self.label_for(score)

    def vectors(self, texts: list[str]) -> list[np.ndarray | None]:
        """Encoder vectors of ``texts`` (None where unscored or not exposed)."""
        return [s.vector for s in self.classify(texts)]

    def label_for(self, score: float) -> Label:
        """The label of an aggregated score (e.g. a conversation's mean)."""
        if abs(score) < self.info.neutral_band:
            return "neutral"
        return "positive" if score > 0 else "negative"
