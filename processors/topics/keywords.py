"""Whole-word keyword rules, compiled once into one regex per topic."""

from __future__ import annotations

import re
from collections.abc import Iterable


def keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """``cancel*`` matches any ending; everything else matches as a whole word or phrase."""
    parts = [_one(k.lower()) for k in keywords if k.strip()]
    return re.compile(r"\b(?:" + "|".join(parts) + r")", re.IGNORECASE) if parts else None


def _one(keyword: str) -> str:
    if keyword.endswith("*"):
        return re.escape(keyword[:-1]) + r"\w*"
    return re.escape(keyword).replace(r"\ ", r"\s+") + r"\b"
