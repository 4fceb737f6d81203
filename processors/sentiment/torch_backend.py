"""PyTorch backend for Hugging Face folders that ship no ONNX file.

Needs ``torch`` (``pip install 'cxpulse[train]'``); the shipped model never
uses it. Handy for a model downloaded elsewhere, e.g. a twitter-roberta
sentiment checkpoint copied into an air-gapped site.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from processors.sentiment.backend import Inference, mean_pool, read_labels, softmax


class TorchBackend:
    def __init__(self, folder: Path, batch_size: int = 32, max_length: int = 128) -> None:
        try:
            import torch
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise RuntimeError(
                f"{folder} has PyTorch weights only: install cxpulse[train] for torch, "
                "or export it to ONNX (model.onnx) to run it without torch"
            ) from exc
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.torch = torch
        self.labels = read_labels(folder)
        self.batch_size, self.max_length = batch_size, max_length
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder))
        self.model = AutoModelForSequenceClassification.from_pretrained(str(folder)).eval()

    def infer(self, texts: list[str]) -> Inference:
        parts = [self._batch(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        if not parts:
            return Inference(np.zeros((0, len(self.labels)), np.float32), None)
        return Inference(np.concatenate([p for p, _ in parts]), np.concatenate([v for _, v in parts]))

    def _batch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        enc = self.tokenizer(texts, truncation=True, max_length=self.max_length,
                             padding=True, return_tensors="pt")
        with self.torch.inference_mode():
            out = self.model(**enc, output_hidden_states=True)
        states = out.hidden_states[-1].float().numpy()
        return softmax(out.logits.float().numpy()), mean_pool(states, enc["attention_mask"].numpy())
