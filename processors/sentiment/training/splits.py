"""Deduplicated, leak-free train/validation splits.

Pang & Lee sentences nearly duplicate VADER's movie snippets (different casing,
tokenisation and punctuation), so rows are keyed on their letters and digits
only. The split is decided by a hash of that key: a sentence and all of its
near-duplicates always land on the same side, and the split is stable across
runs and machines.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from processors.sentiment.training.sources import Example

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def dedup_key(text: str) -> str:
    """Letters and digits only, lower-cased: robust to tokenisation differences."""
    return _NOT_ALNUM.sub("", text.lower())


def in_validation(key: str, fraction: float) -> bool:
    digest = hashlib.sha256(key.encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < fraction


@dataclass(frozen=True, slots=True)
class Splits:
    train: list[Example]
    validation: list[Example]
    duplicates_removed: int


def deduplicate(examples: list[Example]) -> tuple[list[Example], int]:
    """Keep the first example per key (graded VADER rows come first)."""
    seen: set[str] = set()
    kept: list[Example] = []
    for ex in examples:
        key = dedup_key(ex.text)
        if len(key) >= 3 and key not in seen:
            seen.add(key)
            kept.append(ex)
    return kept, len(examples) - len(kept)


def split(examples: list[Example], validation_fraction: float = 0.1) -> Splits:
    """Train: deduplicated train-side rows. Validation: every source's own
    validation-side rows (deduplicated within the source), so each source is
    measured on its own held-out sentences and none of them is trained on."""
    side = [in_validation(dedup_key(ex.text), validation_fraction) for ex in examples]
    train, removed = deduplicate([ex for ex, v in zip(examples, side, strict=True) if not v])
    val: list[Example] = []
    for source in dict.fromkeys(ex.source for ex in examples):
        rows, _ = deduplicate([ex for ex, v in zip(examples, side, strict=True) if v and ex.source == source])
        val += rows
    return Splits(train, val, removed)
