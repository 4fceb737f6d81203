"""``cxpulse bench-panels``: every overview panel, as Grafana sends it, on millions of events.

Builds a fresh embedded ClickHouse with ``n`` synthetic events over 30 days
(the board benchmark's generator; rollups merged), expands each panel's
query like Grafana and the ClickHouse plugin for the last 6 hours (the
board's default), 7 days and 30 days with every variable at All, and
reports the median of ``repeats`` runs. The baseline, measured in the same
run, is one full scan of ``events`` (what a panel costs without rollups);
the ratio says how much the rollups save. Target: every panel under 0.5 s
at 10 million events for the default range.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from clickhouse_connect.driver.client import Client

from grafana.export import load
from grafana.panel_queries import everything, panel_queries, selections
from grafana.time_range import TimeRange
from sinks.clickhouse.client import connect
from streams.bench.board_data import history

TARGET_SECONDS = 0.5
RANGES = {"6h": timedelta(hours=6), "7d": timedelta(days=7), "30d": timedelta(days=30)}
BASELINE = "SELECT kind, count(), countIf(sentiment_label = 'negative') FROM events WHERE contact = 1 GROUP BY kind"


@dataclass(frozen=True, slots=True)
class PanelTiming:
    panel: str
    seconds: dict[str, float]  # per range


def median_seconds(client: Client, sql: str, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.query(sql)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def time_panels(client: Client, end: datetime, repeats: int, uid: str = "cx-overview") -> list[PanelTiming]:
    board = load(uid)
    ranges = {name: TimeRange(end - span, end) for name, span in RANGES.items()}
    chosen = selections(client, board, ranges["6h"], everything)
    return [PanelTiming(q.title, {name: median_seconds(client, q.expand(chosen, r), repeats)
                                  for name, r in ranges.items()})
            for q in panel_queries(board)]


def run(n: int, repeats: int = 5, log: Callable[[str], None] = print) -> tuple[list[PanelTiming], float]:
    with tempfile.TemporaryDirectory(prefix="cxpulse-panels-") as folder:
        client = connect(f"chdb://{folder}", database="panels")
        _, end = history(client, n, 30, log)
        baseline = median_seconds(client, BASELINE, repeats)
        return time_panels(client, end, repeats), baseline


def report(timings: list[PanelTiming], baseline: float, n: int) -> str:
    lines = [f"overview panels on {n:,} events (median seconds; target < {TARGET_SECONDS} s at 6h)",
             f"baseline, one full scan of events: {baseline:.3f} s",
             f"{'panel':<34}" + "".join(f"{r:>8}" for r in RANGES) + f"{'scan/6h':>10}  target"]
    for t in timings:
        six = t.seconds["6h"]
        ok = "ok" if six < TARGET_SECONDS else "MISSED"
        lines.append(f"{t.panel:<34}" + "".join(f"{t.seconds[r]:>8.3f}" for r in RANGES)
                     + f"{baseline / six:>9.1f}x  {ok}")
    return "\n".join(lines)
