"""Fixtures shared by every test package.

chDB allows one data folder per process, so unit tests share one session
folder and get a fresh, migrated database each.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from clickhouse_connect.driver.client import Client

from processors.redaction import Redactor
from processors.sentiment import SentimentClassifier
from sinks.clickhouse.client import connect
from sinks.clickhouse.migrations import migrate
from streams.enriched import EnrichedEvent
from streams.enrichment import Enricher
from streams.redact_event import EventRedactor
from streams.settings import Settings
from streams.signals import Signals
from tests.sample import enriched_sample


@pytest.fixture(scope="session")
def chdb_dsn(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"chdb://{tmp_path_factory.mktemp('chdb')}"


@pytest.fixture
def store(chdb_dsn: str) -> Iterator[Client]:
    client = connect(chdb_dsn, database=f"t_{uuid.uuid4().hex[:12]}")
    migrate(client)
    yield client
    client.command(f"DROP DATABASE IF EXISTS {client.database}")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No developer's CXPULSE_* variables or .env leak into unit tests."""
    import os

    for name in list(os.environ):
        if name.startswith("CXPULSE_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def enricher() -> Enricher:
    """The production enricher: shipped model, default taxonomy and friction rules."""
    classifier = SentimentClassifier.default()
    return Enricher(classifier, EventRedactor(Redactor(), 100_000),
                    Signals.from_settings(Settings(_env_file=None), classifier))


@pytest.fixture(scope="session")
def sample(enricher: Enricher) -> list[EnrichedEvent]:
    """Ten simulated days with an incident, enriched as the worker would (tests/sample.py)."""
    return enriched_sample(enricher)
