"""Social listening: volume, tone, reach, and complaints nobody has answered.

Example::

    from processors.social import Post, reach_weighted_sentiment
    reach_weighted_sentiment([Post("p1", -0.9, 120_000), Post("p2", 0.8, 40)])
    # -0.48: the post with the larger audience weighs more

Reach weight is ``1 + log10(1 + followers)``: every post counts, and ten times
the audience adds one more unit of weight rather than ten times the weight.
A public complaint is awaiting a response while it is negative, public, not
by the brand, and no brand reply names it in ``in_reply_to``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Post:
    event_id: str
    score: float | None  # sentiment in [-1, 1], None when unscored
    followers: int = 0
    label: str = ""
    public: bool = True
    brand_reply: bool = False
    in_reply_to: str = ""


def reach_weight(followers: int) -> float:
    return 1.0 + math.log10(1 + followers)


def reach_weighted_sentiment(posts: Sequence[Post]) -> float | None:
    scored = [p for p in posts if p.score is not None and not p.brand_reply]
    total = sum(reach_weight(p.followers) for p in scored)
    if not total:
        return None
    return round(sum((p.score or 0.0) * reach_weight(p.followers) for p in scored) / total, 4)


def positive_negative_ratio(posts: Sequence[Post]) -> float | None:
    """Positive mentions per negative mention (None when there are no negatives)."""
    mentions = [p for p in posts if not p.brand_reply]
    negatives = sum(p.label == "negative" for p in mentions)
    return round(sum(p.label == "positive" for p in mentions) / negatives, 4) if negatives else None


def awaiting_response(posts: Iterable[Post]) -> list[str]:
    """Event ids of public complaints with no brand reply yet, in input order."""
    posts = list(posts)
    answered = {p.in_reply_to for p in posts if p.brand_reply and p.in_reply_to}
    return [p.event_id for p in posts if p.public and not p.brand_reply and p.label == "negative"
            and p.event_id not in answered]
