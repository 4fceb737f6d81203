import pytest

from processors.workload import AgentStats, allocation_balance, rank


def test_allocation_balance_is_zero_when_even() -> None:
    assert allocation_balance([AgentStats("a", opened=4), AgentStats("b", opened=4)]) == 0.0
    assert allocation_balance([AgentStats("a", opened=0), AgentStats("b", opened=8)]) == pytest.approx(1.0)
    assert allocation_balance([]) is None


def test_rank_respects_minimum_volume() -> None:
    stats = [AgentStats("lucky", csat_responses=1, csat_positive=1),
             AgentStats("good", csat_responses=30, csat_positive=27),
             AgentStats("fair", csat_responses=25, csat_positive=18),
             AgentStats("poor", csat_responses=40, csat_positive=20)]
    best, worst = rank(stats, min_responses=20, n=2)
    assert [s.agent_id for s in best] == ["good", "fair"]
    assert [s.agent_id for s in worst] == ["poor", "fair"]


def test_rank_with_nobody_eligible() -> None:
    assert rank([AgentStats("a", csat_responses=3, csat_positive=3)], min_responses=5) == ([], [])
