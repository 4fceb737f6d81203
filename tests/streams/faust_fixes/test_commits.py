"""Commits never pass an event still in flight (faust-streaming #606) on Faust's own consumer objects."""

from __future__ import annotations

from typing import Any

import faust
import pytest
from faust.transport.drivers import aiokafka as stock
from faust.types import TP, Message

from streams.app import create_app
from streams.faust_fixes.commits import Consumer, lowest_in_flight
from streams.settings import Settings

TOPIC = "cx.chat"
PART = TP(TOPIC, 0)


def message(offset: int) -> Message:
    return Message(TOPIC, 0, offset, 0.0, 0, None, b"k", b"v", None)


def consumer_with_head_in_flight(app: faust.App, consumer_class: type[Any]) -> tuple[Any, Message]:
    """Committed 10; 11 and 12 acked by one actor while 10 is still in the other's batch."""
    consumer = consumer_class(app.transport, callback=lambda *_: None, on_partitions_revoked=None,
                              on_partitions_assigned=None)
    consumer._committed_offset[PART] = 10
    head = message(10)
    for m in (head, message(11), message(12)):
        consumer.track_message(m)
    for m in (message(11), message(12)):
        consumer.ack(m)
    return consumer, head


@pytest.fixture
def app() -> faust.App:
    app = create_app(Settings(web_port=16998))
    app.topics._acking_topics.add(TOPIC)  # type: ignore[attr-defined]  # what the conductor does when the agent subscribes
    return app


def test_the_worker_uses_the_fixed_consumer(app: faust.App) -> None:
    assert app.transport.Consumer is Consumer


def test_holds_the_commit_while_the_head_is_in_flight(app: faust.App) -> None:
    consumer, head = consumer_with_head_in_flight(app, Consumer)
    assert consumer._filter_committable_offsets([PART]) == {}
    consumer.ack(head)
    assert consumer._filter_committable_offsets([PART]) == {PART: 13}


def test_stock_faust_still_commits_past_it(app: faust.App) -> None:
    # When this fails, upstream fixed #606: streams/faust_fixes/commits.py can go.
    consumer, _ = consumer_with_head_in_flight(app, stock.Consumer)
    assert consumer._filter_committable_offsets([PART]) == {PART: 13}


def test_commits_what_is_below_the_lowest_in_flight(app: faust.App) -> None:
    consumer, _ = consumer_with_head_in_flight(app, Consumer)
    consumer._committed_offset[PART] = 8
    for offset in (8, 9):
        consumer.track_message(m := message(offset))
        consumer.ack(m)
    assert consumer._filter_committable_offsets([PART]) == {PART: 10}
    assert sorted(consumer._acked[PART]) == [11, 12]  # kept for the commit after 10 is done


def test_lowest_in_flight_ignores_acked_messages() -> None:
    done, waiting = message(3), message(5)
    done.acked = True
    assert lowest_in_flight({done, waiting, message(7)}, {}) == {PART: 5}


def test_a_copy_dropped_by_a_rebalance_does_not_hold_commits_forever() -> None:
    dropped, refetched = message(10), message(12)  # 10 was re-read, handled and committed: 11
    assert lowest_in_flight({dropped, refetched}, {PART: 11}) == {PART: 12}
