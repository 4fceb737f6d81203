"""The worker's long-lived objects, built once inside the worker process.

The model and the embedded ClickHouse store are opened lazily on a thread
(``await runtime.start()``), never at import time: chDB allows one process per
data folder, and importing ``streams.app`` must stay cheap.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from processors.redaction import Redactor, default_recognisers
from processors.redaction.identifiers import Pseudonymiser
from processors.redaction.names import MODEL
from processors.sentiment import SentimentClassifier
from sinks.clickhouse.client import connect, redact_dsn
from sinks.clickhouse.migrations import migrate
from sinks.clickhouse.writer import ClickHouseWriter
from streams.enrichment import Enricher
from streams.outputs import Outputs
from streams.pipeline import Pipeline
from streams.pseudonym_key import pseudonym_key
from streams.redact_event import EventRedactor
from streams.settings import Settings
from streams.signals import Signals
from streams.store import RetryingStore
from streams.threads import named_pool
from streams.topics import ensure_topics

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pipeline: Pipeline | None = None
        self._lock = asyncio.Lock()
        self.model_name = ""
        self.ready = asyncio.Event()  # set once the store is open (other agents share its client)

    async def start(self, outputs: Outputs) -> Pipeline:
        async with self._lock:
            if self.pipeline is None:
                await self._declare_topics()
                self.pipeline = await asyncio.to_thread(self._build, outputs)
                self.ready.set()
            return self.pipeline

    @property
    def store(self) -> RetryingStore:
        """The running pipeline's store (after ``ready``): its client and its one thread."""
        assert self.pipeline is not None, "runtime not started"
        return self.pipeline.store

    async def _declare_topics(self) -> None:
        """Create missing topics (dead letters and enriched are written with the raw producer)."""
        try:
            created = await ensure_topics(self.settings)
        except Exception as exc:  # noqa: BLE001 - e.g. no CreateTopics permission
            log.warning("could not check or create topics (%s); they must exist", type(exc).__name__)
            return
        if created:
            log.info("created topics %s", ", ".join(created))

    def _build(self, outputs: Outputs) -> Pipeline:
        s = self.settings
        client = connect(s.dsn)
        applied = migrate(client)
        log.info("ClickHouse %s ready (%d migrations applied)", redact_dsn(s.dsn), len(applied))
        # Loaded on the inference thread: ONNX Runtime's own threads inherit its name.
        model_pool = named_pool("inference")
        classifier = model_pool.submit(SentimentClassifier.from_setting, s.sentiment_model,
                                       s.inference_threads, s.inference_spinning).result()
        self.model_name = classifier.model
        redactor = EventRedactor(Redactor(recognisers=default_recognisers(
            s.phone_regions, names_model=MODEL if s.redact_names == "model" else None)), s.max_text_chars,
            Pseudonymiser(pseudonym_key(s), s.phone_regions))
        enricher = Enricher(classifier, redactor, Signals.from_settings(s, classifier))
        store = RetryingStore(ClickHouseWriter(client), s.clickhouse_retry_max_seconds)
        return Pipeline(enricher, store, outputs, s.ingest_max_body_bytes, model_pool)

    def close(self) -> None:
        if self.pipeline is not None:
            self.pipeline.close()
            self.pipeline.store.writer.client.close()
            self.pipeline = None

    def health(self) -> dict[str, Any]:
        """``status`` is ``ok`` only while events can be processed: ``starting`` until the store and
        model are loaded, ``degraded`` while the store refuses writes (the agent waits and retries)."""
        failing = self.pipeline.store.failing_for() if self.pipeline else 0.0
        status = "starting" if self.pipeline is None else "degraded" if failing else "ok"
        out: dict[str, Any] = {"status": status, "model": self.model_name, "store": redact_dsn(self.settings.dsn),
               "kafka": self.settings.kafka_bootstrap}
        if failing:
            out["store_failing_seconds"] = round(failing, 1)
        return out
