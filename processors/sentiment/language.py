"""Cheap language check so non-English text is marked, not mis-scored.

English messages are recognised by their function words (fast path, no model);
anything else goes to ``py3langid`` (a small packaged naive-Bayes model).
Texts too short to tell are treated as English.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    ["the", "and", "but", "to", "of", "in", "on", "at", "for", "with", "from", "by", "is", "are", "was", "were",
     "be", "been", "you", "he", "she", "it", "we", "they", "my", "your", "our", "their", "us", "this", "that",
     "not", "yes", "can", "will", "would", "have", "has", "had", "does", "did", "if", "just", "what", "when",
     "where", "why", "how", "please", "thanks", "thank", "hi", "hello"]
)


def detect_language(text: str) -> str:
    """ISO 639-1 code, ``en`` when unsure, ``und`` when there are no letters."""
    words = _WORD.findall(text.lower())
    if not words:
        return "und"
    hits = sum(w in _ENGLISH for w in words)
    if len(words) < 4 or hits / len(words) >= 0.2:
        return "en"
    return _langid(" ".join(words[:64]))


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _langid(text: str) -> str:
    lang, prob = _identifier().classify(text)
    return str(lang) if prob >= 0.9 else "en"
