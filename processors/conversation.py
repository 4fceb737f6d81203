"""Conversation-level sentiment from per-turn scores.

Only the customer's turns count: an agent's "sorry for the trouble" is not the
customer's mood. The trajectory compares the opening third of the customer's
turns with the closing third, so a support lead sees whether the conversation
turned a complaint around (``end - start > 0``) or made it worse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Trajectory:
    score: float | None
    start: float | None
    end: float | None

    @property
    def change(self) -> float | None:
        return None if self.start is None or self.end is None else round(self.end - self.start, 4)


def trajectory(customer_scores: Sequence[float]) -> Trajectory:
    """Mean, opening and closing score of a customer's turns (None when there are none)."""
    if not customer_scores:
        return Trajectory(None, None, None)
    third = max(1, len(customer_scores) // 3)
    mean = lambda xs: round(sum(xs) / len(xs), 4)  # noqa: E731
    return Trajectory(mean(customer_scores), mean(customer_scores[:third]),
                      mean(customer_scores[-third:]))
