"""What every fault-injection test shares: the traffic, the counts and the report row.

Each test prints what it injected and the counts before and after; the rows
are gathered into one table at the end of the session (``conftest.py``), the
same table as in docs/reliability.md.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from streams.bench.kafka_io import publish, read_topic, wait_enriched
from streams.bench.lag import GroupLag
from streams.bench.processes import WorkerProcess, store_rows
from streams.settings import Settings
from tests import factories as f

ROWS: list[FaultRow] = []


@dataclass(frozen=True)
class FaultRow:
    fault: str
    sent: int
    stored: int
    duplicates: int
    dead_letters: int
    recovery_s: float

    def line(self) -> str:
        return (f"| {self.fault} | {self.sent} | {self.stored} | {self.duplicates} | "
                f"{self.dead_letters} | {self.recovery_s:.1f} |")


HEADER = "| fault | events sent | stored | duplicates | dead letters | recovery (s) |\n|---|---|---|---|---|---|"


def report(row: FaultRow) -> None:
    ROWS.append(row)
    print(f"\n{HEADER}\n{row.line()}")


def every_kind(n: int, text: str = "My order is late again") -> list[dict[str, Any]]:
    """``n`` events of each kind (chat, email, call, social, survey, case)."""
    builders = [lambda: f.chat(text), lambda: f.email(text), lambda: f.call(text),
                lambda: f.social(text), lambda: f.survey(comment=text), f.case]
    return [build() for _ in range(n) for build in builders]


def stored(settings: Settings) -> tuple[int, int]:
    """(rows, distinct event ids) in ``events``; read after the worker stopped."""
    [[total, unique]] = store_rows(settings.dsn, "SELECT count(), uniqExact(event_id) FROM events")
    return int(total), int(unique)


def metric(worker: WorkerProcess, name: str) -> float:
    """A counter of the running worker, summed over labels (0 while it is unreachable)."""
    try:
        with urllib.request.urlopen(f"{worker.url}/metrics", timeout=5) as r:
            text = r.read().decode()
    except OSError:
        return 0.0
    return sum(float(line.split()[-1]) for line in text.splitlines()
               if line.startswith(name) and not line.startswith(f"{name}_created"))


def series(worker: WorkerProcess, name: str) -> int:
    """How many labelled series of ``name`` the worker exports."""
    with urllib.request.urlopen(f"{worker.url}/metrics", timeout=5) as r:
        return sum(1 for line in r.read().decode().splitlines() if line.startswith(name + "{"))


def rows_written(worker: WorkerProcess) -> float:
    return metric(worker, "cx_clickhouse_rows_total")


def wait_for(check: Callable[[], bool], timeout: float, every: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return False


class Trickle(threading.Thread):
    """Publishes ``events`` in small chunks, retrying a chunk whose send failed (the broker
    may be down): what a well-behaved publisher does. A retried chunk may reach Kafka twice;
    the store keeps the first copy of each ``event_id``."""

    def __init__(self, settings: Settings, events: list[dict[str, Any]], chunk: int = 30,
                 pause: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.settings, self.events, self.chunk, self.pause = settings, events, chunk, pause
        self.retries = 0

    def run(self) -> None:
        for i in range(0, len(self.events), self.chunk):
            while not self._sent(self.events[i : i + self.chunk]):
                self.retries += 1
                time.sleep(1.0)
            time.sleep(self.pause)

    def _sent(self, chunk: list[dict[str, Any]]) -> bool:
        try:
            publish(self.settings, chunk)  # gives up after the Publisher's send timeout
        except Exception:  # noqa: BLE001 - the broker is down: the caller resends
            return False
        return True


def wait_all(settings: Settings, events: list[dict[str, Any]], *workers: WorkerProcess,
             timeout: float = 180.0) -> None:
    """Every event on ``cx.enriched``, or fail saying what is missing and what the group and workers did."""
    expected = {str(e["event_id"]) for e in events}
    missing = expected - set(wait_enriched(settings, expected, timeout))
    if missing:
        with GroupLag(settings) as lag:
            behind = lag.behind()
        logs = "\n".join(f"--- {w.log.name}\n{w.tail()}" for w in workers)
        raise AssertionError(f"{len(missing)} of {len(expected)} events never reached cx.enriched; "
                             f"partitions behind (committed, end): {behind}\n{logs}")


def dead_letters(settings: Settings) -> int:
    return len(read_topic(settings, settings.deadletter_topic, lambda _: False, timeout=3))


def check_exact(settings: Settings, fault: str, events: list[dict[str, Any]], recovery_s: float) -> None:
    """Report the row, then hold the promise: every event stored once, nothing dead-lettered."""
    total, unique = stored(settings)
    report(FaultRow(fault, len(events), unique, total - unique, dead_letters(settings), recovery_s))
    assert (total, unique) == (len(events), len(events))
    ids = {row[0] for row in store_rows(settings.dsn, "SELECT toString(event_id) FROM events")}
    assert ids == {str(e["event_id"]) for e in events}


def check_exact_across(stores: list[Settings], fault: str, events: list[dict[str, Any]],
                       recovery_s: float) -> None:
    """``check_exact`` for workers that each own an embedded store: no store holds an event twice,
    and together they hold every event. An event both stored before its worker died and taken
    up again by the survivor is in both stores, once each: with one ClickHouse server it would
    be one row, as in ``check_exact``."""
    ids: set[str] = set()
    doubled = 0
    for settings in stores:
        total, unique = stored(settings)
        doubled += total - unique
        ids |= {row[0] for row in store_rows(settings.dsn, "SELECT toString(event_id) FROM events")}
    report(FaultRow(fault, len(events), len(ids), doubled, dead_letters(stores[0]), recovery_s))
    assert doubled == 0
    assert ids == {str(e["event_id"]) for e in events}

