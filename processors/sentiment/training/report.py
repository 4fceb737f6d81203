"""Evaluate the shipped artifact against VADER and write its model card."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from processors.sentiment.classifier import SentimentClassifier
from processors.sentiment.training import scoring
from processors.sentiment.training.sources import SOURCE_LICENCES, Example
from processors.sentiment.training.splits import Splits

SUPPORT_SET = Path(__file__).parents[1] / "data" / "support_messages.jsonl"
Scorer = Callable[[list[str]], list[float]]


def model_scorer(artifact: Path) -> Scorer:
    clf = SentimentClassifier.from_path(artifact)
    return lambda texts: [s.score for s in clf.classify(texts)]


def vader_scorer() -> Scorer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return lambda texts: [sia.polarity_scores(t)["compound"] for t in texts]


def calibrate_band(artifact: Path, train: list[Example], sample: int = 4000) -> float:
    graded = [ex for ex in train if ex.graded][:: max(1, len(train) // sample)]
    scores = model_scorer(artifact)([ex.text for ex in graded])
    return scoring.best_band(scores, [ex.rating for ex in graded])


def source_metrics(rows: list[Example], scores: Sequence[float]) -> dict[str, float | int]:
    polar = [(ex, s) for ex, s in zip(rows, scores, strict=True) if scoring.is_polar(ex.rating, ex.graded)]
    gold = ["positive" if ex.rating > 0 else "negative" for ex, _ in polar]
    pred = ["positive" if s >= 0 else "negative" for _, s in polar]
    return {"rows": len(polar), "accuracy": round(scoring.accuracy(gold, pred), 4),
            "macro_f1": round(scoring.macro_f1(gold, pred), 4)}


def three_class(rows: list[Example], scores: Sequence[float], band: float) -> float:
    graded = [(ex, s) for ex, s in zip(rows, scores, strict=True) if ex.graded]
    gold = [scoring.gold3(ex.rating) for ex, _ in graded]
    return round(scoring.macro_f1(gold, scoring.by_band([s for _, s in graded], band)), 4)


def compare(rows: list[Example], scorer: Scorer, band: float) -> dict[str, object]:
    scores = scorer([ex.text for ex in rows])
    per_source = {src: source_metrics([ex for ex in rows if ex.source == src],
                                      [s for ex, s in zip(rows, scores, strict=True) if ex.source == src])
                  for src in dict.fromkeys(ex.source for ex in rows)}
    mean_acc = sum(m["accuracy"] for m in per_source.values()) / len(per_source)
    return {"per_source": per_source, "mean_accuracy": round(mean_acc, 4),
            "three_class_macro_f1": three_class(rows, scores, band)}


def support_results(artifact: Path) -> list[dict[str, str | float]]:
    rows = [json.loads(line) for line in SUPPORT_SET.read_text().splitlines()]
    got = SentimentClassifier.from_path(artifact).classify([r["text"] for r in rows])
    return [{**r, "label": s.label, "score": s.score} for r, s in zip(rows, got, strict=True)]


def evaluate(artifact: Path, splits: Splits) -> dict[str, object]:
    band = json.loads((artifact / "cxpulse.json").read_text())["neutral_band"]
    support = support_results(artifact)
    polar = [r for r in support if r["expected"] != "neutral"]
    return {
        "model": compare(splits.validation, model_scorer(artifact), band),
        "vader": compare(splits.validation, vader_scorer(), 0.05),
        "support_polar_accuracy": round(sum(r["label"] == r["expected"] for r in polar) / len(polar), 4),
        "support_misses": [r for r in support if r["label"] != r["expected"]],
        "split_sizes": {"train": len(splits.train), "validation": len(splits.validation),
                        "duplicates_removed": splits.duplicates_removed},
    }


def write_card(artifact: Path, splits: Splits, metrics: dict, meta: dict) -> None:
    from processors.sentiment.training.card import render

    (artifact / "MODEL_CARD.md").write_text(render(metrics, meta, SOURCE_LICENCES))
