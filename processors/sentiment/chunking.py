"""Long texts: sentence chunks scored separately, then aggregated.

The model sees at most 128 tokens. Emails and transcripts are split at sentence
boundaries into chunks of at most ``max_words`` words; each chunk is scored and
the text score is the length-weighted mean of its chunk scores. Very long texts
keep only their first and last ``keep`` chunks (openings and closings carry the
complaint and the verdict), which bounds the cost of a 100 kB body.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")


def split_chunks(text: str, max_words: int = 80, keep: int = 8) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        words = sentence.split()
        while len(words) > max_words:
            chunks += [*_flush(current), " ".join(words[:max_words])]
            current, words = [], words[max_words:]
        if len(current) + len(words) > max_words:
            chunks += _flush(current)
            current = []
        current += words
    chunks += _flush(current)
    if len(chunks) > 2 * keep:
        chunks = chunks[:keep] + chunks[-keep:]
    return chunks


def _flush(words: list[str]) -> list[str]:
    return [" ".join(words)] if words else []


def aggregate(scores: list[float], chunks: list[str]) -> float:
    """Mean of chunk scores weighted by chunk word count."""
    weights = [max(1, len(c.split())) for c in chunks]
    return sum(s * w for s, w in zip(scores, weights, strict=True)) / sum(weights)
