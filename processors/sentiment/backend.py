"""Inference backends: anything that turns texts into class probabilities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import numpy as np

from processors.sentiment.labels import canonical_labels
from processors.sentiment.result import Label


class Backend(Protocol):
    """One method: probabilities per class, rows in the order of ``texts``."""

    labels: tuple[Label, ...]

    def probabilities(self, texts: list[str]) -> np.ndarray: ...


def read_labels(folder: Path) -> tuple[Label, ...]:
    config = json.loads((folder / "config.json").read_text())
    return canonical_labels({int(k): v for k, v in config["id2label"].items()})


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def load_backend(folder: Path, threads: int | None = None, spinning: bool = False) -> Backend:
    """ONNX when the folder has ``model.onnx``; otherwise PyTorch weights via transformers."""
    if (folder / "model.onnx").exists():
        from processors.sentiment.onnx_backend import OnnxBackend

        return OnnxBackend(folder, threads=threads, spinning=spinning)
    from processors.sentiment.torch_backend import TorchBackend

    return TorchBackend(folder)
