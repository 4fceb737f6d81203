"""Tiny, randomly initialised sentiment models in Hugging Face folder layout.

Built by the tests themselves: a WordLevel tokenizer (``tokenizer.json``), a
``config.json`` with ``id2label``, and either an ONNX graph (embedding mean ->
linear) or, when torch is installed, a one-layer BERT saved with
``save_pretrained``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "good", "bad", "great", "awful", "the", "service",
         "is", "was", "thanks", "terrible", "i", "love", "hate", "it"]


def write_tokenizer(folder: Path) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(VOCAB)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tok.save(str(folder / "tokenizer.json"))


def onnx_folder(folder: Path, id2label: dict[int, str], seed: int = 0) -> Path:
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    dim, classes = 8, len(id2label)
    inits = [numpy_helper.from_array(rng.normal(size=(len(VOCAB), dim)).astype(np.float32), "emb"),
             numpy_helper.from_array(rng.normal(size=(dim, classes)).astype(np.float32), "w"),
             numpy_helper.from_array(np.zeros(classes, np.float32), "b"),
             numpy_helper.from_array(np.array([1], np.int64), "axis1")]
    nodes = [
        helper.make_node("Gather", ["emb", "input_ids"], ["vecs"]),
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", "two"], ["mask3"]),
        helper.make_node("Mul", ["vecs", "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["summed"], keepdims=0),
        helper.make_node("ReduceSum", ["maskf", "axis1"], ["count"], keepdims=1),
        helper.make_node("Div", ["summed", "count"], ["mean"]),
        helper.make_node("MatMul", ["mean", "w"], ["mm"]),
        helper.make_node("Add", ["mm", "b"], ["logits"]),
    ]
    inits.append(numpy_helper.from_array(np.array([2], np.int64), "two"))
    graph = helper.make_graph(
        nodes, "tiny", [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "s"]),
                        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "s"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["b", classes])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(folder / "model.onnx"))
    write_tokenizer(folder)
    (folder / "config.json").write_text(json.dumps({"id2label": {str(k): v for k, v in id2label.items()}}))
    return folder


def torch_folder(folder: Path, id2label: dict[int, str]) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    torch.manual_seed(0)
    folder.mkdir(parents=True, exist_ok=True)
    write_tokenizer(folder)
    cfg = BertConfig(vocab_size=len(VOCAB), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=32, max_position_embeddings=64, id2label=id2label,
                     label2id={v: k for k, v in id2label.items()})
    BertForSequenceClassification(cfg).eval().save_pretrained(str(folder))
    tok = PreTrainedTokenizerFast(tokenizer_file=str(folder / "tokenizer.json"), pad_token="[PAD]",
                                  unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]")
    tok.save_pretrained(str(folder))
    (folder / "tokenizer.json").unlink()  # force the transformers tokenizer path too
    tok.save_pretrained(str(folder))
    return folder
