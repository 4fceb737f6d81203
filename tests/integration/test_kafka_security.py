"""Kafka TLS and SASL against a real broker: the worker and ``cxpulse publish`` connect securely.

The broker gets two more listeners: SASL_PLAINTEXT with mechanisms PLAIN and
SCRAM-SHA-512 (the one deploy/kubernetes uses), and TLS with a self-signed
certificate that clients trust through ``CXPULSE_KAFKA_SSL_CAFILE`` (as they
would a private CA). SASL_SSL combines the two code paths tested here. Results
are read through the plain listener.
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


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    b = KafkaBroker(tmp_path_factory.mktemp("secure-kafka"), port=free_port(), controller_port=free_port(),
                    sasl_port=free_port(), sasl_users=USERS, ssl_port=free_port())
    b.start(timeout=180)
    yield b
    b.stop()


def over_sasl(env: dict[str, str], broker: KafkaBroker, password: str,
              mechanism: str = "PLAIN") -> dict[str, str]:
    return env | {"CXPULSE_KAFKA_BOOTSTRAP": f"127.0.0.1:{broker.sasl_port}",
                  "CXPULSE_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "CXPULSE_KAFKA_SASL_MECHANISM": mechanism,
                  "CXPULSE_KAFKA_SASL_USERNAME": "cxpulse", "CXPULSE_KAFKA_SASL_PASSWORD": password}


def over_tls(env: dict[str, str], broker: KafkaBroker, trusted: bool = True) -> dict[str, str]:
    ca = {"CXPULSE_KAFKA_SSL_CAFILE": str(broker.ca_file)} if trusted else {}
    return env | {"CXPULSE_KAFKA_BOOTSTRAP": f"127.0.0.1:{broker.ssl_port}",
                  "CXPULSE_KAFKA_SECURITY_PROTOCOL": "SSL"} | ca


def publish_as_cli(settings: Settings, events: list[dict[str, object]]) -> int:
    lines = io.BytesIO(b"\n".join(orjson.dumps(e) for e in events))
    sent, bad = asyncio.run(publish_lines(settings, lines, batch=20))
    assert bad == 0
    return sent


def round_trip(secure: dict[str, str], settings: Settings, log: Path) -> None:
    worker = WorkerProcess(secure, log).start()
    try:
        events = every_kind(10)
        assert publish_as_cli(settings_from(secure), events) == len(events)
        wait_all(settings, events, worker)  # read back through the plain listener
    finally:
        worker.stop()


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-512"])
def test_worker_and_publisher_log_in_with_sasl(mechanism: str, broker: KafkaBroker, env: dict[str, str],
                                               settings: Settings, tmp_path: Path) -> None:
    round_trip(over_sasl(env, broker, USERS["cxpulse"], mechanism), settings, tmp_path / "worker.log")


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-512"])
def test_a_wrong_password_is_refused(mechanism: str, broker: KafkaBroker, env: dict[str, str],
                                     caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(KafkaError):
        publish_as_cli(settings_from(over_sasl(env, broker, "not-the-password", mechanism)), every_kind(1))
    assert "SaslAuthenticationFailed" in caplog.text  # refused for the password, not the network


def test_worker_and_publisher_connect_over_tls_trusting_a_private_ca(
        broker: KafkaBroker, env: dict[str, str], settings: Settings, tmp_path: Path) -> None:
    round_trip(over_tls(env, broker), settings, tmp_path / "worker.log")


def test_an_untrusted_certificate_is_refused(broker: KafkaBroker, env: dict[str, str],
                                            caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(KafkaError):  # the system trust store does not know the broker's certificate
        publish_as_cli(settings_from(over_tls(env, broker, trusted=False)), every_kind(1))
    assert "CERTIFICATE_VERIFY_FAILED" in caplog.text
