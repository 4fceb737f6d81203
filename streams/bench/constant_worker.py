"""A worker whose sentiment is a constant: the framework's own ceiling.

Benchmark only (``cxpulse bench`` scenario 2): everything but the model runs
for real (Kafka, Faust, validation, redaction, ClickHouse writes).
Run as ``python -m streams.bench.constant_worker worker``.
"""

from __future__ import annotations

import numpy as np

from processors.sentiment import SentimentClassifier
from processors.sentiment.classifier import ModelInfo


class ConstantBackend:
    labels = ("negative", "positive")

    def probabilities(self, texts: list[str]) -> np.ndarray:
        return np.full((len(texts), 2), 0.5, dtype=np.float32)


def _constant(value: str, threads: int | None = None, spinning: bool = False) -> SentimentClassifier:
    return SentimentClassifier(ConstantBackend(), ModelInfo("constant", 0.3))  # type: ignore[arg-type]


if __name__ == "__main__":
    SentimentClassifier.from_setting = staticmethod(_constant)  # type: ignore[method-assign]
    from streams.cli.main import cli

    cli()
