"""ONNX Runtime backend: length-sorted batches with dynamic padding.

Sorting by token count before batching means a batch of tweets is not padded
to the length of one long email; the session uses the machine's cores for
intra-op parallelism and runs one batch at a time. Inner batches of 16 were
fastest on 2 cores (``cxpulse model bench``): small batches waste less on padding.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import onnxruntime as ort

from processors.sentiment.backend import Inference, mean_pool, read_labels, softmax
from processors.sentiment.tokenizer import Encoded, load_tokenizer


class OnnxBackend:
    """Run ``folder/model.onnx`` with the folder's tokenizer."""

    def __init__(self, folder: Path, threads: int | None = None, batch_size: int = 16,
                 max_length: int = 128, spinning: bool = False) -> None:
        self.labels = read_labels(folder)
        self.batch_size = batch_size
        self.tokenizer = load_tokenizer(folder, max_length)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or os.cpu_count() or 1
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Busy-waiting threads win alone but steal CPU from the stream and the store.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
        self.session = ort.InferenceSession(
            str(folder / "model.onnx"), opts, providers=ort.get_available_providers()
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        outputs = [o.name for o in self.session.get_outputs()]
        self.outputs = outputs[:1] + [o for o in outputs if o == "hidden"]

    def infer(self, texts: list[str]) -> Inference:
        probs = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        vectors = np.zeros((len(texts), 0), dtype=np.float32) if len(self.outputs) > 1 else None
        encoded = self.tokenizer(texts) if texts else []
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            logits, pooled = self._run([encoded[i] for i in rows])
            probs[rows] = softmax(logits)
            if vectors is not None and pooled is not None:
                if vectors.shape[1] == 0:
                    vectors = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
                vectors[rows] = pooled
        return Inference(probs, vectors)

    def _run(self, batch: list[Encoded]) -> tuple[np.ndarray, np.ndarray | None]:
        width = max(len(e.ids) for e in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, e in enumerate(batch):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        out = self.session.run(self.outputs, {k: v for k, v in feed.items() if k in self.inputs})
        return out[0], (mean_pool(out[1], mask) if len(out) > 1 else None)
