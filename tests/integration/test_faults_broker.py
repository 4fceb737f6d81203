"""The Kafka broker stopped for 30 s while publishers and the worker run.

This test has its own broker (the session's is shared by every other test).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from streams.bench.processes import WorkerProcess
from streams.settings import Settings
from streams.stack.kafka import KafkaBroker
from streams.stack.process import free_port
from tests.integration.faults import Trickle, check_exact, every_kind, rows_written, wait_all, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.faults]
DOWN_SECONDS = 30


@pytest.fixture
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    b = KafkaBroker(tmp_path_factory.mktemp("own-kafka"), port=free_port(), controller_port=free_port())
    b.start(timeout=180)
    yield b
    b.stop()


def test_broker_down_for_30_seconds_loses_and_doubles_nothing(broker: KafkaBroker, settings: Settings,
                                                              worker: WorkerProcess) -> None:
    events = every_kind(150)
    worker.start()
    sender = Trickle(settings, events, chunk=12, pause=0.1)
    sender.start()
    assert wait_for(lambda: rows_written(worker) > 0, timeout=60)
    before = rows_written(worker)
    broker.stop()
    print(f"\ninjected: broker stopped for {DOWN_SECONDS} s with {before:.0f} events stored")
    time.sleep(DOWN_SECONDS)
    assert worker.proc is not None and worker.proc.poll() is None, worker.tail()  # still running
    broker.start(timeout=120)
    started = time.monotonic()
    sender.join(timeout=300)
    wait_all(settings, events, worker, timeout=300)
    recovery = time.monotonic() - started
    print(f"publisher chunks retried while the broker was down: {sender.retries}")
    worker.stop()
    check_exact(settings, f"Kafka broker down {DOWN_SECONDS} s", events, recovery)
