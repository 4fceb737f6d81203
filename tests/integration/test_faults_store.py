"""ClickHouse unwritable for 60 s while events keep arriving.

The embedded store is made unwritable by marking its table directories
immutable (``chattr +i``: it holds for root too, unlike file modes), so every
insert fails inside ClickHouse as it would on a full or broken disk. The
worker must retry with backoff, stop taking new events rather than buffer
them without bound, and store everything exactly once when the disk is back.
"""

from __future__ import annotations

import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import orjson
import psutil
import pytest

from streams.agents import LAG_SECONDS
from streams.bench.lag import GroupLag
from streams.bench.processes import WorkerProcess
from streams.settings import Settings
from tests.integration.faults import Trickle, check_exact, every_kind, metric, rows_written, series, wait_all, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.faults]
DOWN_SECONDS = 60


def set_immutable(root: Path, on: bool) -> None:
    """The table directories (``store/<xyz>/<uuid>``): no new part can be created in them.
    Part directories are left alone (merges remove them while we look)."""
    dirs = [str(p) for p in root.glob("*/*") if p.is_dir()] or [str(root)]
    subprocess.run(["chattr", "+i" if on else "-i", *dirs], check=True, capture_output=True)


@pytest.fixture
def chattr_works(tmp_path: Path) -> None:
    probe = tmp_path / "probe" / "d"
    probe.mkdir(parents=True)
    try:
        set_immutable(probe.parent, True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"this file system cannot make directories immutable (chattr): {exc}")
    set_immutable(probe.parent, False)


class PeakRss(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.proc, self.peak, self.running = psutil.Process(pid), 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.5)


def _health(worker: WorkerProcess, path: str = "/health") -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(f"{worker.url}{path}", timeout=10) as resp:
            return resp.status, orjson.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, orjson.loads(err.read())


def test_store_unwritable_for_60_seconds_pauses_then_stores_everything_once(
        chattr_works: None, settings: Settings, worker: WorkerProcess) -> None:
    events = every_kind(700)  # 4200 events, most of them sent while the store is down
    worker.start()
    sender = Trickle(settings, events, chunk=60, pause=0.1)
    sender.start()
    assert wait_for(lambda: rows_written(worker) > 0, timeout=60)
    store = Path(settings.dsn.removeprefix("chdb://")) / "store"
    rss = PeakRss(worker.pid)
    rss.start()
    steady = psutil.Process(worker.pid).memory_info().rss
    set_immutable(store, True)
    before = rows_written(worker)
    print(f"\ninjected: ClickHouse table directories immutable for {DOWN_SECONDS} s "
          f"({before:.0f} events stored)")
    try:
        with GroupLag(settings) as lag:
            time.sleep(DOWN_SECONDS)
            lag_during = lag()
            time.sleep(LAG_SECONDS + 1)  # the worker's gauge is refreshed after that reading ...
            gauge = metric(worker, "cx_consumer_lag")  # ... for every partition it holds
            lag_after = lag()  # ... and before this one
        reported = series(worker, "cx_consumer_lag")
        health_during = _health(worker)
        written_during = rows_written(worker) - before
        failed = metric(worker, "cx_clickhouse_write_failures_total")
    finally:
        set_immutable(store, False)
    started = time.monotonic()
    sender.join(timeout=300)
    wait_all(settings, events, worker, timeout=300)
    recovery = time.monotonic() - started
    health_after, live = _health(worker), _health(worker, "/health/live")
    rss.running = False
    worker.stop()
    mb = 1 << 20
    print(f"during the outage: {failed:.0f} failed writes, {written_during:.0f} rows written, "
          f"lag {lag_during:.0f} to {lag_after:.0f} (worker gauge {gauge:.0f} between); "
          f"RSS {steady / mb:.0f} MB before, peak {rss.peak / mb:.0f} MB")
    assert failed > 0 and written_during == 0  # the fault was real: nothing got in
    # Not ready while the store refuses writes (readiness probe), but alive (no restart).
    assert health_during[0] == 503 and health_during[1]["status"] == "degraded", health_during
    assert live[0] == 200 and health_after[0] == 200, (live, health_after)
    assert lag_during > 0  # events waited in Kafka, not in the worker
    # The gauge covers every partition the worker holds, paused ones included, as Kafka counts it.
    assert reported == 7 * settings.topic_partitions, reported
    assert 0.9 * lag_during <= gauge <= 1.1 * lag_after, (lag_during, gauge, lag_after)
    assert rss.peak < steady + 300 * mb  # bounded: the stream buffer, not the backlog
    check_exact(settings, f"ClickHouse unwritable {DOWN_SECONDS} s", events, recovery)
