"""Inference backends: anything that turns texts into class probabilities."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from processors.sentiment.labels import canonical_labels
from processors.sentiment.result import Label


@dataclass(frozen=True, slots=True)
class Inference:
    """Rows in the order of the texts: class probabilities and, when the model
    exposes its encoder states, unit-length mean-pooled text vectors."""

    probabilities: np.ndarray
    vectors: np.ndarray | None = None


class Backend(Protocol):
    """One method: run the model over ``texts``."""

    labels: tuple[Label, ...]

    def infer(self, texts: list[str]) -> Inference: ...


def read_labels(folder: Path) -> tuple[Label, ...]:
    config = json.loads((folder / "config.json").read_text())
    return canonical_labels({int(k): v for k, v in config["id2label"].items()})


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def mean_pool(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit-length mean of the token states under ``mask`` (batch, seq, dim) -> (batch, dim)."""
    weights = mask[:, :, None].astype(np.float32)
    pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def unit_mean(vectors: np.ndarray | list[np.ndarray]) -> np.ndarray | None:
    """The unit-length mean of text vectors (a long text's chunks, a conversation's turns)."""
    if len(vectors) == 0:
        return None
    # A sum has the mean's direction; one vector (most texts) needs no reduction at all.
    total = vectors[0] if len(vectors) == 1 else np.sum(vectors, axis=0)
    return total / max(float(np.sqrt(total @ total)), 1e-12)


def load_backend(folder: Path, threads: int | None = None, spinning: bool = False) -> Backend:
    """ONNX when the folder has ``model.onnx``; otherwise PyTorch weights via transformers."""
    if (folder / "model.onnx").exists():
        from processors.sentiment.onnx_backend import OnnxBackend

        return OnnxBackend(folder, threads=threads, spinning=spinning)
    from processors.sentiment.torch_backend import TorchBackend

    return TorchBackend(folder)
