"""``cxpulse model eval``: the shipped artifact next to VADER on the validation split."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from processors.sentiment.training import report
from processors.sentiment.training.sources import load_all
from processors.sentiment.training.splits import split


def run_eval(artifact: Path, cache: Path) -> dict[str, Any]:
    splits = split(load_all(cache))
    band = json.loads((artifact / "cxpulse.json").read_text())["neutral_band"]
    return {
        "model": report.compare(splits.validation, report.model_scorer(artifact), band),
        "vader": report.compare(splits.validation, report.vader_scorer(), 0.05),
    }


def print_report(result: dict[str, Any]) -> None:
    model, vader = result["model"], result["vader"]
    print(f"{'source':<18}{'rows':>6}  {'acc':>6} {'F1':>6}  {'VADER acc':>9} {'VADER F1':>8}")
    for src, m in model["per_source"].items():
        v = vader["per_source"][src]
        print(f"{src:<18}{m['rows']:>6}  {m['accuracy']:>6.3f} {m['macro_f1']:>6.3f}  "
              f"{v['accuracy']:>9.3f} {v['macro_f1']:>8.3f}")
    print(f"{'mean':<18}{'':>6}  {model['mean_accuracy']:>6.3f} {'':>6}  {vader['mean_accuracy']:>9.3f}")
    print(f"3-class macro-F1 (graded VADER rows): model {model['three_class_macro_f1']:.3f}, "
          f"VADER {vader['three_class_macro_f1']:.3f}")
