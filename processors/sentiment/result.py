"""The value every classifier returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

Label = Literal["negative", "neutral", "positive"]


@dataclass(frozen=True, slots=True)
class Sentiment:
    """Polarity of one text.

    ``score`` is in [-1, 1]: its sign is the polarity and its magnitude the
    confidence (``p(positive) - p(negative)``). ``chunks`` holds one score per
    scored chunk of a long text, in reading order. ``scored`` is False when the
    text was not given to the model (empty, no letters, or not English), in
    which case the label is ``neutral`` and the score 0. ``vector`` is the
    text's unit-length encoder vector when the model exposes one (topic
    similarity uses it); it takes no part in equality.
    """

    label: Label
    score: float
    model: str
    language: str = "en"
    chunks: tuple[float, ...] = field(default=())
    scored: bool = True
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)


def unscored(model: str, language: str) -> Sentiment:
    return Sentiment("neutral", 0.0, model, language, (), False)
