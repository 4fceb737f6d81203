"""The Kafka broker stopped for 30 s while publishers and the worker run; a publisher's send timeout.

This test has its own broker (the session's is shared by every other test).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import orjson
import pytest

from streams.bench.kafka_io import read_topic
from streams.bench.processes import WorkerProcess
from streams.publisher import Publisher, PublishTimeout
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
    sender.join(timeout=180)  # the budgets stay inside pytest's 600 s, so a failure says what is missing
    assert not sender.is_alive(), f"the publisher is still retrying after 180 s ({sender.retries} retries)"
    wait_all(settings, events, worker, timeout=180)
    recovery = time.monotonic() - started
    print(f"publisher chunks retried while the broker was down: {sender.retries}")
    worker.stop()
    check_exact(settings, f"Kafka broker down {DOWN_SECONDS} s", events, recovery)


def test_a_publisher_gives_up_while_the_broker_is_down_and_sends_once_it_is_back(
        broker: KafkaBroker, settings: Settings) -> None:
    first, second = every_kind(1), every_kind(1)

    async def go() -> float:
        async with Publisher(settings.kafka_bootstrap, settings.topic_prefix, send_timeout=3) as pub:
            await pub.publish_many(first)
            await asyncio.to_thread(broker.stop)
            started = time.monotonic()
            with pytest.raises(PublishTimeout, match="resend"):
                await pub.publish_many(second)
            waited = time.monotonic() - started
            await asyncio.to_thread(broker.start, 120)
            await pub.publish_many(second)  # the same Publisher, with a fresh producer
            return waited

    waited = asyncio.run(go())
    print(f"\ninjected: broker stopped; the send gave up after {waited:.1f} s")
    assert waited < 10
    in_kafka = {orjson.loads(r.value)["event_id"] for topic in settings.kind_topics
                for r in read_topic(settings, topic, until=2, timeout=30)}
    assert in_kafka == {e["event_id"] for e in first + second}
