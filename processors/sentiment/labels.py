"""Map a model's own label names onto negative / neutral / positive."""

from __future__ import annotations

from processors.sentiment.result import Label

_ALIASES: dict[str, Label] = {
    "negative": "negative", "neg": "negative", "bad": "negative",
    "neutral": "neutral", "neu": "neutral", "mixed": "neutral",
    "positive": "positive", "pos": "positive", "good": "positive",
}
_BY_COUNT: dict[int, tuple[Label, ...]] = {
    2: ("negative", "positive"),
    3: ("negative", "neutral", "positive"),  # cardiffnlp / twitter-roberta order
}


def canonical_labels(id2label: dict[int, str]) -> tuple[Label, ...]:
    """Canonical label per class index; ``LABEL_k`` names fall back to convention."""
    names = [id2label[i].strip().lower() for i in sorted(id2label)]
    if all(n in _ALIASES for n in names):
        return tuple(_ALIASES[n] for n in names)
    if len(names) in _BY_COUNT:
        return _BY_COUNT[len(names)]
    raise ValueError(f"cannot map sentiment labels {names} to negative/neutral/positive")
