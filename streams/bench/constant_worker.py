"""A worker whose sentiment is a constant: the framework's own ceiling.

Benchmark only (``cxpulse bench`` scenario 2): everything but the model runs
for real (Kafka, Faust, validation, redaction, ClickHouse writes).
Run as ``python -m streams.bench.constant_worker worker``.
"""

from __future__ import annotations

import numpy as np

from processors.sentiment import SentimentClassifier
from processors.sentiment.backend import Inference
from processors.sentiment.classifier import ModelInfo

DIM = 384  # the shipped encoder's width, so topic similarity costs what it costs


class ConstantBackend:
    labels = ("negative", "positive")

    def infer(self, texts: list[str]) -> Inference:
        vectors = np.full((len(texts), DIM), DIM**-0.5, dtype=np.float32)
        return Inference(np.full((len(texts), 2), 0.5, dtype=np.float32), vectors)


def _constant(value: str, threads: int | None = None, spinning: bool = False) -> SentimentClassifier:
    return SentimentClassifier(ConstantBackend(), ModelInfo("constant", 0.3))  # type: ignore[arg-type]


if __name__ == "__main__":
    SentimentClassifier.from_setting = staticmethod(_constant)  # type: ignore[method-assign]
    from streams.cli.main import cli

    cli()
