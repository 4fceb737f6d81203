"""Benchmark traffic: simulator events with the realistic channel mix.

Short chats and tweets, long emails with quoted history, call transcripts,
surveys (many without text) and case updates (no text), as the simulator
makes them. Each call yields fresh event ids, so runs never dedupe each other.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from streams.simulator import SimConfig, Simulator


def bench_events(count: int, seed: int = 21, start: datetime | None = None) -> list[dict[str, Any]]:
    """``count`` events of the simulator's flat mix (400 a minute from ``start``, default 6 h ago)."""
    start = start or datetime.now(UTC) - timedelta(hours=6)
    sim = Simulator(SimConfig(seed=seed, start=start, rate_per_minute=400, flat=True))
    out: list[dict[str, Any]] = []
    rng = random.Random(seed)
    for event in sim.events(timedelta(days=1)):
        out.append(event | {"event_id": str(uuid.UUID(int=rng.getrandbits(128), version=4))})
        if len(out) >= count:
            break
    return out


def stamped(event: dict[str, Any], at: datetime) -> dict[str, Any]:
    """The event as if it happened ``at`` (for end-to-end latency)."""
    return event | {"occurred_at": at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    "event_id": str(uuid.uuid4())}
