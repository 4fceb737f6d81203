"""The simulated organisation: teams, agents of varying skill, customers, accounts."""

from __future__ import annotations

import random
from dataclasses import dataclass

from streams.simulator.phrases import AGENT_NAMES

TEAM_OF_TOPIC = {"billing": "billing", "refund": "billing", "delivery": "logistics",
                 "account": "tech", "product": "tech", "cancellation": "retention", "other": "general"}


@dataclass(frozen=True, slots=True)
class Agent:
    agent_id: str
    name: str
    team: str
    skill: float  # 0..1: chance of turning a complaint around, inverse of transfers


@dataclass(frozen=True, slots=True)
class Customer:
    customer_id: str
    account_id: str
    monthly_value: float  # the account's recurring revenue


class World:
    def __init__(self, rng: random.Random, customers: int = 5_000) -> None:
        self.rng = rng
        teams = sorted(set(TEAM_OF_TOPIC.values()))
        self.agents = [Agent(f"agent-{i:03d}", AGENT_NAMES[i % len(AGENT_NAMES)], teams[i % len(teams)],
                             round(rng.uniform(0.35, 0.95), 2)) for i in range(20)]
        values = [round(rng.lognormvariate(3.5, 1.0), 2) for _ in range(customers // 4 + 1)]
        self.customers = [Customer(f"cust-{i:05d}", f"acct-{i // 4:04d}", values[i // 4])
                          for i in range(customers)]

    def agent_for(self, topic: str) -> Agent:
        team = TEAM_OF_TOPIC[topic]
        return self.rng.choice([a for a in self.agents if a.team == team] or self.agents)

    def customer(self) -> Customer:
        return self.rng.choice(self.customers)
