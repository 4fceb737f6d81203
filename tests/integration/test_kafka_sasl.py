"""Kafka SASL credentials against a real broker: the worker and ``cxpulse publish`` log in.

The broker gets a second listener, SASL_PLAINTEXT with mechanism PLAIN (the
SASL handshake is the same over TLS; TLS itself needs certificates this test
does not make). The test reads results through the broker's plain listener.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from aiokafka.errors import KafkaError

from streams.bench.processes import WorkerProcess
from streams.cli.publishing import publish_lines
from streams.settings import Settings, settings_from
from streams.stack.kafka import KafkaBroker
from streams.stack.process import free_port
from tests.integration.faults import every_kind, wait_all

pytestmark = pytest.mark.integration
USERS = {"cxpulse": "it-sasl-secret"}


@pytest.fixture
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    b = KafkaBroker(tmp_path_factory.mktemp("sasl-kafka"), port=free_port(), controller_port=free_port(),
                    sasl_port=free_port(), sasl_users=USERS)
    b.start(timeout=180)
    yield b
    b.stop()


def over_sasl(env: dict[str, str], broker: KafkaBroker, password: str) -> dict[str, str]:
    return env | {"CXPULSE_KAFKA_BOOTSTRAP": f"127.0.0.1:{broker.sasl_port}",
                  "CXPULSE_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "CXPULSE_KAFKA_SASL_MECHANISM": "PLAIN",
                  "CXPULSE_KAFKA_SASL_USERNAME": "cxpulse", "CXPULSE_KAFKA_SASL_PASSWORD": password}


def publish_as_cli(settings: Settings, events: list[dict[str, object]]) -> int:
    lines = io.BytesIO(b"\n".join(orjson.dumps(e) for e in events))
    sent, bad = asyncio.run(publish_lines(settings, lines, batch=20))
    assert bad == 0
    return sent


def test_worker_and_publisher_log_in_with_sasl(broker: KafkaBroker, env: dict[str, str],
                                               settings: Settings, tmp_path: Path) -> None:
    secure = over_sasl(env, broker, USERS["cxpulse"])
    worker = WorkerProcess(secure, tmp_path / "worker.log").start()
    try:
        events = every_kind(10)
        assert publish_as_cli(settings_from(secure), events) == len(events)
        wait_all(settings, events, worker)  # read back through the plain listener
    finally:
        worker.stop()


def test_a_wrong_password_is_refused(broker: KafkaBroker, env: dict[str, str]) -> None:
    with pytest.raises(KafkaError):
        publish_as_cli(settings_from(over_sasl(env, broker, "not-the-password")), every_kind(1))
