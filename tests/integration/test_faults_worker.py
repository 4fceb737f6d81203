"""Faults of the worker itself: kill -9 mid-batch, a kill during a rebalance, a replay.

Run alone with ``pytest -m faults``; each prints what it injected and a row of
the summary table (docs/reliability.md).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from streams.bench.kafka_io import enriched_ids, publish
from streams.bench.lag import GroupLag
from streams.bench.processes import WorkerProcess
from streams.settings import Settings, settings_from
from streams.stack.process import free_port
from tests.integration.faults import (
    Trickle,
    check_exact,
    check_exact_across,
    every_kind,
    rows_written,
    wait_all,
    wait_for,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]


def test_kill_9_in_the_middle_of_a_batch_loses_and_doubles_nothing(settings: Settings,
                                                                  worker: WorkerProcess) -> None:
    events = every_kind(250)  # 1500 events: several batches of up to 512
    publish(settings, events)
    worker.start()
    assert wait_for(lambda: rows_written(worker) > 0, timeout=120)
    at_kill = rows_written(worker)
    worker.kill()
    print(f"\ninjected: kill -9 of the worker with {at_kill:.0f} of {len(events)} events stored")
    started = time.monotonic()
    worker.start()
    wait_all(settings, events, worker)
    recovery = time.monotonic() - started
    worker.stop()
    check_exact(settings, "worker kill -9 mid-batch", events, recovery)


def test_a_worker_killed_during_a_rebalance_leaves_no_partition_behind(
        settings: Settings, env: dict[str, str], tmp_path: Path) -> None:
    # The embedded store serves one process (a second worker on it refuses to start), so each
    # worker has its own; with a ClickHouse server both would write to one.
    first = WorkerProcess(env, tmp_path / "first.log").start()
    second_env = env | {"CXPULSE_WEB_PORT": str(free_port()),
                        "CXPULSE_DATA_DIR": str(tmp_path / "second-data")}
    second = WorkerProcess(second_env, tmp_path / "second.log")
    events = every_kind(200)
    sender = Trickle(settings, events)
    try:
        sender.start()
        time.sleep(3)
        second.launch()  # joining starts a rebalance ...
        time.sleep(1.5)
        first.kill()  # ... and the first worker dies in the middle of it
        print("\ninjected: kill -9 of one of two workers 1.5 s after the other joined the group")
        started = time.monotonic()
        second.wait_healthy()
        sender.join()
        wait_all(settings, events, first, second)
        recovery = time.monotonic() - started
        with GroupLag(settings) as lag:  # every partition's offsets committed by the survivor
            assert wait_for(lambda: lag() == 0, timeout=30)
    finally:
        second.stop()
        first.stop()
    check_exact_across([settings, settings_from(second_env)], "1 of 2 workers kill -9 during rebalance",
                       events, recovery)


def test_replay_of_every_topic_from_offset_zero_adds_nothing(settings: Settings, env: dict[str, str],
                                                             tmp_path: Path) -> None:
    events = every_kind(50)
    publish(settings, events)
    first = WorkerProcess(env, tmp_path / "first.log").start()
    wait_all(settings, events, first)
    first.stop()
    # A new consumer group reads every topic from offset 0 again.
    print(f"\ninjected: a new consumer group replays {len(events)} events from offset 0")
    replay = WorkerProcess(env | {"CXPULSE_APP_ID": env["CXPULSE_APP_ID"] + "-replay"},
                           tmp_path / "replay.log").start()
    started = time.monotonic()
    ids = enriched_ids(settings, until=2 * len(events))  # each event once more on cx.enriched ...
    recovery = time.monotonic() - started
    replay.stop()
    assert set(ids.values()) == {2}  # ... marked as a replay, so live counts skip it
    check_exact(settings, "replay from offset 0", events, recovery)
