"""Tokenizer loading: the fast ``tokenizers`` library, or transformers as fallback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Encoded:
    ids: list[int]


Tokenize = Callable[[list[str]], list[Encoded]]


def load_tokenizer(folder: Path, max_length: int) -> Tokenize:
    """``tokenizer.json`` through ``tokenizers`` (no transformers import) when present."""
    if (folder / "tokenizer.json").exists():
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tok.no_padding()
        tok.enable_truncation(max_length)
        return lambda texts: [Encoded(e.ids) for e in tok.encode_batch(texts)]
    from transformers import AutoTokenizer

    slow = AutoTokenizer.from_pretrained(str(folder))
    return lambda texts: [
        Encoded(ids) for ids in slow(texts, truncation=True, max_length=max_length)["input_ids"]
    ]
