"""Export a fine-tuned folder to ONNX and quantize it to int8 (training only)."""

from __future__ import annotations

import shutil
from pathlib import Path

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt")


def export_fp32(model_dir: Path, onnx_path: Path) -> Path:
    """Trace the classifier with dynamic batch and sequence axes."""
    import torch
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(str(model_dir)).eval()

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    dummy = (torch.ones(2, 16, dtype=torch.long), torch.ones(2, 16, dtype=torch.long))
    axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
            "logits": {0: "batch"}}
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        Logits(), dummy, str(onnx_path), input_names=["input_ids", "attention_mask"],
        output_names=["logits"], dynamic_axes=axes, opset_version=17, dynamo=False,
    )
    return onnx_path


def quantize_int8(fp32: Path, int8: Path) -> Path:
    """Dynamic int8 quantization of weights (activations quantized at run time)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return int8


HIDDEN = "hidden"


def expose_hidden(model: Path) -> Path:
    """Add the last encoder layer's token states as a second output, ``hidden``.

    Topic similarity (``processors.topics``) mean-pools these states, so one
    forward pass yields both the sentiment logits and a text vector. The
    logits path is untouched: only an output is added.
    """
    import onnx
    from onnx import TensorProto, helper

    graph = onnx.load(str(model))
    if HIDDEN in {o.name for o in graph.graph.output}:
        return model
    last = [n for n in graph.graph.node if n.op_type == "LayerNormalization"][-1]
    graph.graph.node.append(helper.make_node("Identity", [last.output[0]], [HIDDEN]))
    graph.graph.output.append(helper.make_tensor_value_info(HIDDEN, TensorProto.FLOAT,
                                                            ["batch", "seq", "dim"]))
    onnx.save(graph, str(model))
    return model


def copy_tokenizer(model_dir: Path, artifact: Path) -> None:
    for name in TOKENIZER_FILES:
        if (model_dir / name).exists():
            shutil.copy2(model_dir / name, artifact / name)
