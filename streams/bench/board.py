"""``cxpulse bench-board``: 30-day board queries on millions of events.

Builds a fresh embedded ClickHouse in a temporary folder, writes ``n``
synthetic events over 30 days (the rollups fill as they would live), then
times each board query against its raw-table baseline in the same run and
prints the median of ``repeats`` runs and the ratio. Target: every board
query under 1 s at 10 million events on this machine.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clickhouse_connect.driver.client import Client

from sinks.clickhouse.client import connect
from streams.bench.board_data import history
from streams.bench.board_queries import QUERIES

TARGET_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    board: float
    raw: float

    @property
    def speedup(self) -> float:
        return self.raw / self.board if self.board else float("inf")


def _median_seconds(client: Client, sql: str, params: dict[str, Any], repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.query(sql, parameters=params)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def run(n: int, days: int = 30, repeats: int = 5, log: Callable[[str], None] = print) -> list[Timing]:
    with tempfile.TemporaryDirectory(prefix="cxpulse-board-") as folder:
        client = connect(f"chdb://{folder}", database="board")
        start, end = history(client, n, days, log)
        params = {"start": start, "end": end}
        return [Timing(name, _median_seconds(client, board, params, repeats),
                       _median_seconds(client, raw, params, repeats)) for name, board, raw in QUERIES]


def report(timings: list[Timing], n: int) -> str:
    lines = [f"board queries over 30 days, {n:,} events (median seconds; target < {TARGET_SECONDS:.0f} s)",
             f"{'query':<46}{'board':>8}{'raw':>8}{'raw/board':>11}  target"]
    for t in timings:
        ok = "ok" if t.board < TARGET_SECONDS else "MISSED"
        lines.append(f"{t.name:<46}{t.board:>8.3f}{t.raw:>8.3f}{t.speedup:>10.1f}x  {ok}")
    return "\n".join(lines)
