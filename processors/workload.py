"""Per-agent workload and quality: allocation balance and performer rankings.

Example::

    from processors.workload import AgentStats, rank
    stats = [AgentStats("a1", resolved=40, csat_responses=25, csat_positive=22), ...]
    best, worst = rank(stats, min_responses=20, n=3)

Rankings use CSAT (share of 4-5 answers) and only count agents with at least
``min_responses`` answers in the period, so one lucky survey does not crown a
top performer. Ties break on more responses, then on the agent id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from processors.stats import coefficient_of_variation


@dataclass(frozen=True, slots=True)
class AgentStats:
    agent_id: str
    opened: int = 0
    resolved: int = 0
    csat_responses: int = 0
    csat_positive: int = 0

    @property
    def csat(self) -> float | None:
        return 100 * self.csat_positive / self.csat_responses if self.csat_responses else None


def allocation_balance(stats: Sequence[AgentStats]) -> float | None:
    """Coefficient of variation of cases opened per agent (0 = perfectly even)."""
    return coefficient_of_variation([s.opened for s in stats])


def rank(stats: Sequence[AgentStats], min_responses: int = 20,
         n: int = 5) -> tuple[list[AgentStats], list[AgentStats]]:
    """(top ``n``, worst ``n``) by CSAT among agents with enough responses."""
    eligible = [s for s in stats if s.csat_responses >= min_responses]
    best = sorted(eligible, key=lambda s: (-(s.csat or 0), -s.csat_responses, s.agent_id))
    worst = sorted(eligible, key=lambda s: (s.csat or 0, -s.csat_responses, s.agent_id))
    return best[:n], worst[:n]
