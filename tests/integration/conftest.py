"""Real servers for integration tests: a Kafka broker and worker processes.

The broker is started once per session on free loopback ports from the
Maven Central jars. Every test gets its own topic prefix and consumer group,
so tests never see each other's messages.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.bench.processes import WorkerProcess
from streams.settings import Settings, settings_from
from streams.stack.alertmanager import AlertmanagerProcess
from streams.stack.kafka import KafkaBroker
from streams.stack.process import free_port
from streams.stack.receiver import PageReceiver
from streams.topics import ensure_topics


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    b = KafkaBroker(tmp_path_factory.mktemp("kafka"), port=free_port(), controller_port=free_port())
    b.start(timeout=180)
    yield b
    b.stop()


@pytest.fixture
def env(broker: KafkaBroker, tmp_path: Path) -> dict[str, str]:
    tag = uuid.uuid4().hex[:8]
    values = {"CXPULSE_KAFKA_BOOTSTRAP": broker.bootstrap, "CXPULSE_TOPIC_PREFIX": f"it{tag}.",
              "CXPULSE_APP_ID": f"cxpulse-it-{tag}", "CXPULSE_DATA_DIR": str(tmp_path / "data"),
              "CXPULSE_WEB_PORT": str(free_port()), "CXPULSE_INGEST_TOKEN": "it-token",
              "CXPULSE_TOPIC_PARTITIONS": "3", "CXPULSE_BATCH_WITHIN_SECONDS": "0.2",
              # pipeline tests run without the detection agents; tests/integration/test_alerting.py enables them
              "CXPULSE_DETECT_ENABLED": "false"}
    asyncio.run(ensure_topics(settings_from(values)))
    return values


@pytest.fixture
def settings(env: dict[str, str]) -> Settings:
    return settings_from(env)


@pytest.fixture
def worker(env: dict[str, str], tmp_path: Path) -> Iterator[WorkerProcess]:
    w = WorkerProcess(env, tmp_path / "worker.log")
    yield w
    w.stop()


@pytest.fixture
def oncall() -> Iterator[PageReceiver]:
    """The receiver Alertmanager pages (the local stack's on-call route)."""
    with PageReceiver() as pages:
        yield pages


@pytest.fixture
def slack() -> Iterator[PageReceiver]:
    """The team channel: the worker's direct webhook (CXPULSE_ALERT_WEBHOOK_URL)."""
    with PageReceiver() as pages:
        yield pages


@pytest.fixture
def alertmanager(tmp_path: Path, oncall: PageReceiver) -> Iterator[AlertmanagerProcess]:
    am = AlertmanagerProcess(tmp_path / "alertmanager", port=free_port(), receiver_url=oncall.url)
    am.start()
    yield am
    am.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fault-injection summary table (docs/reliability.md), when fault tests ran."""
    from tests.integration.faults import HEADER, ROWS
    if ROWS:
        terminalreporter.write_sep("-", "fault injection summary")
        terminalreporter.write_line(HEADER)
        for row in ROWS:
            terminalreporter.write_line(row.line())
