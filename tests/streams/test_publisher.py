"""Partition keys, and a Publisher that never waits forever to start."""

import asyncio
import socket
import threading

import pytest

from streams.bench.traffic import bench_events
from streams.contract import validate_event
from streams.publisher import Publisher, PublishTimeout, key_of


def test_raw_and_validated_events_get_the_same_key() -> None:
    events = bench_events(2000)
    keyless = [e for e in events if not e.get("customer_id")]
    assert keyless, "the mix has events without a customer (accounts)"
    for e in events:
        assert key_of(e) == key_of(validate_event(e))
    assert {key_of(e) for e in keyless} == {e["event_id"].encode() for e in keyless}


def test_a_broker_that_accepts_but_never_answers_gives_a_timeout_not_a_hang() -> None:
    # A real socket that takes connections and stays silent: what aiokafka meets when a
    # restarting broker is up but unusable (it then waited for a producer id forever).
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    port = server.getsockname()[1]

    async def go() -> None:
        async with Publisher(f"127.0.0.1:{port}", send_timeout=1.5):
            pass

    try:
        with pytest.raises(PublishTimeout, match="no usable connection"):
            asyncio.run(go())
    finally:
        stop.set()
        acceptor.join()
        for conn in held:
            conn.close()
        server.close()
