"""The traffic generator: when contacts happen and what follows them.

Example::

    from datetime import timedelta
    from streams.simulator import Incident, SimConfig, Simulator

    sim = Simulator(SimConfig(seed=7, incident=Incident(start=timedelta(minutes=5))))
    events = list(sim.events(timedelta(minutes=30)))     # time-ordered dicts

Contacts arrive as a Poisson process whose rate follows the hour of day
(quiet nights, late-morning and mid-afternoon peaks, calmer weekends). A
share of customers come back about the same topic within days (repeat
contacts), joining the case their first contact opened. Cases move opened
-> assigned -> resolved (sometimes reopened) -> closed, and a resolved case
may get an NPS/CSAT/CES survey whose score follows the agent's skill. The
brand answers about half of the negative social posts. Accounts announce
their monthly value when first seen; an unhappy customer's account sometimes
closes (churn). An incident adds contacts about one topic on some channels,
mostly negative, with long queues.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from streams.simulator.builders import Builders, Contact
from streams.simulator.incidents import Incident, active, peak_extra
from streams.simulator.lifecycle import Lifecycle
from streams.simulator.texts import TextMaker
from streams.simulator.world import World

CHANNELS = {"chat": 0.35, "email": 0.25, "call": 0.2, "social": 0.2}
TOPICS = {"delivery": 0.25, "billing": 0.2, "account": 0.15, "product": 0.15, "refund": 0.1,
          "cancellation": 0.07, "other": 0.08}
NEGATIVE = {"delivery": 0.35, "refund": 0.4, "billing": 0.3, "cancellation": 0.35}
CHANNEL_TOPIC_NEGATIVE = {t: w * NEGATIVE.get(t, 0.2) for t, w in TOPICS.items()}
HOURLY = (0.1, 0.06, 0.05, 0.05, 0.06, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 0.95,
          0.8, 0.85, 0.95, 0.9, 0.8, 0.7, 0.55, 0.45, 0.35, 0.25, 0.18, 0.12)


def diurnal(t: datetime) -> float:
    weekend = 0.6 if t.weekday() >= 5 else 1.0
    return HOURLY[t.hour] * weekend


BURST_CAP = 4.0  # the bursty rate factor's ceiling (thinning needs a bound)


@dataclass(frozen=True, slots=True)
class SimConfig:
    seed: int = 7
    start: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))
    rate_per_minute: float = 30.0  # at the daily peak
    incident: Incident | None = None
    incidents: tuple[Incident, ...] = ()
    pii_rate: float = 0.05
    flat: bool = False  # ignore the time of day (benchmarks)
    # Bursty traffic (0 = Poisson): the rate is modulated by a persistent random factor, an AR(1)
    # log-rate per minute, so counts are overdispersed and bursts last a few minutes, as in real feeds.
    burstiness: float = 0.0  # the log-rate's standard deviation
    burst_minutes: float = 5.0  # how long a burst persists (the AR(1) time constant)


class Simulator:
    def __init__(self, cfg: SimConfig) -> None:
        self.cfg = cfg
        self.rng = random.Random(cfg.seed)
        self.world = World(self.rng)
        self.build = Builders(self.rng, TextMaker(self.rng, cfg.pii_rate))
        self.life = Lifecycle(self.rng, self.build)
        self.recent: deque[tuple[datetime, Any, str]] = deque(maxlen=500)  # customers who may write again
        self.cases: dict[tuple[str, str], tuple[datetime, str]] = {}  # (customer, topic) -> case
        self.seen: set[str] = set()  # accounts whose value was announced
        self.closed: set[str] = set()
        self.burst_minute, self.burst_log = -1, 0.0

    def events(self, duration: timedelta) -> Iterator[dict[str, Any]]:
        end = self.cfg.start + duration
        queue: list[tuple[datetime, int, dict[str, Any]]] = []
        seq = 0
        for contact in self._contacts(end):
            for at, event in self._expand(contact):
                heapq.heappush(queue, (at, seq := seq + 1, event))
            while queue and queue[0][0] <= contact.at:
                yield heapq.heappop(queue)[2]
        while queue and queue[0][0] <= end:
            yield heapq.heappop(queue)[2]

    def _expand(self, c: Contact) -> list[tuple[datetime, dict[str, Any]]]:
        c, new_case = self._with_case(c)
        event = getattr(self.build, c.channel)(c)
        out = [*self._account(c), (c.at, event)]
        if new_case:
            out += self.life.case(c)
        if c.channel in ("chat", "call") and self.rng.random() < 0.25:
            out.append(self.life.survey(c, c.at))  # "rate this conversation"
        if c.channel == "social" and c.mood == "negative" and self.rng.random() < 0.5:
            at = c.at + timedelta(minutes=self.rng.uniform(5, 120))
            out.append((at, self.build.brand_reply(c, event, at)))
        return out

    def _with_case(self, c: Contact) -> tuple[Contact, bool]:
        """A repeat contact joins its earlier case; otherwise 60% of non-social contacts open one."""
        key = (c.customer.customer_id, c.topic)
        if key in self.cases and c.at - self.cases[key][0] <= timedelta(days=7):
            return replace(c, case_id=self.cases[key][1]), False
        if c.channel == "social" or self.rng.random() >= 0.6:
            return c, False
        self.cases[key] = (c.at, self.life.new_case_id())
        return replace(c, case_id=self.cases[key][1]), True

    def _account(self, c: Contact) -> list[tuple[datetime, dict[str, Any]]]:
        account = c.customer.account_id
        out = []
        if account not in self.seen:
            self.seen.add(account)
            out.append((c.at, self.build.account(c, "updated", c.at)))
        if account not in self.closed and c.mood == "negative" and self.rng.random() < (0.08 if c.slow else 0.03):
            self.closed.add(account)
            at = c.at + timedelta(hours=self.rng.uniform(1, 48))
            out.append((at, self.build.account(c, "closed", at, "service")))
        return out

    @property
    def incidents(self) -> tuple[Incident, ...]:
        return (self.cfg.incident, *self.cfg.incidents) if self.cfg.incident else self.cfg.incidents

    def contacts(self, duration: timedelta) -> Iterator[Contact]:
        """First contacts only, in time order: no cases, surveys, replies or accounts (fast)."""
        return self._contacts(self.cfg.start + duration)

    def _contacts(self, end: datetime) -> Iterator[Contact]:
        t, peak = self.cfg.start, self.cfg.rate_per_minute * BURST_CAP ** (self.cfg.burstiness > 0) + \
            peak_extra(self.incidents)
        while True:
            t += timedelta(minutes=self.rng.expovariate(peak))
            if t > end:
                return
            if (c := self._maybe_contact(t, peak)) is not None:
                yield c

    def _maybe_contact(self, t: datetime, peak: float) -> Contact | None:
        now = active(self.incidents, t - self.cfg.start)
        u = self.rng.random() * peak
        base = self.cfg.rate_per_minute * (1.0 if self.cfg.flat else diurnal(t)) * self._burst(t)
        if u < base:
            return self._contact(t, self._pick(CHANNELS), self._pick(TOPICS), None, now)
        for inc in now:
            base += inc.extra_per_minute
            if u < base:
                return self._contact(t, self.rng.choice(inc.channels), inc.topic, inc, now)
        return None

    def _burst(self, t: datetime) -> float:
        """The rate's random factor at ``t`` (mean about 1, at most ``BURST_CAP``)."""
        sigma = self.cfg.burstiness
        if sigma <= 0:
            return 1.0
        minute = int(t.timestamp() // 60)
        rho = math.exp(-1.0 / self.cfg.burst_minutes)
        if self.burst_minute < 0:
            self.burst_minute = minute
        while self.burst_minute < minute:  # one AR(1) step per minute (contacts come every minute or so)
            self.burst_log = rho * self.burst_log + sigma * math.sqrt(1 - rho * rho) * self.rng.gauss(0.0, 1.0)
            self.burst_minute += 1
        return min(BURST_CAP, math.exp(self.burst_log - sigma * sigma / 2))

    def _contact(self, t: datetime, channel: str, topic: str, extra: Incident | None,
                 now: list[Incident]) -> Contact:
        customer, topic = self._customer(t, topic)
        mood = self._mood(topic, extra)
        hit = next((i for i in now if channel in i.channels and i.negative_factor != 1.0), None)
        if hit is not None and extra is None:
            topic, mood = self._worse(hit, topic)
        return Contact(t, channel, topic, mood, customer, self.world.agent_for(topic), extra is not None)

    def _customer(self, t: datetime, topic: str) -> tuple[Any, str]:
        while self.recent and t - self.recent[0][0] >= timedelta(days=7):
            self.recent.popleft()
        if self.recent and self.rng.random() < 0.15:
            _, customer, old_topic = self.rng.choice(self.recent)
            return customer, old_topic
        customer = self.world.customer()
        self.recent.append((t, customer, topic))
        return customer, topic

    def _mood(self, topic: str, extra: Incident | None) -> str:
        if extra is not None and self.rng.random() < extra.negative_share:
            return "negative"
        u = self.rng.random()
        return "negative" if u < NEGATIVE.get(topic, 0.2) else ("positive" if u > 0.8 else "neutral")

    def _worse(self, inc: Incident, topic: str) -> tuple[str, str]:
        """An ordinary contact during a negative-factor incident: negative more often, about its topic."""
        rate = sum(CHANNEL_TOPIC_NEGATIVE.values())  # the channel's usual negative rate
        extra = min(0.95, rate * inc.negative_factor) - rate  # share of contacts the incident turns
        if self.rng.random() < extra / (1 - rate):
            return (inc.topic if self.rng.random() < inc.topic_share else topic), "negative"
        return topic, self._mood(topic, None)

    def _pick(self, weights: dict[str, float]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]
