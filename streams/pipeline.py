"""One stream batch end to end: decode, dead-letter, enrich, store, publish.

Example (what the agent does for every ``stream.take_events`` batch)::

    result = await pipeline.handle(records)
    # every record is now either stored (or known stored) or dead-lettered,
    # so its offset may be committed

Inference runs on its own thread so the event loop keeps fetching and
heartbeating while the model works.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from sinks import metrics
from streams import decode
from streams.dead_letters import Rejection
from streams.enriched import EnrichedEvent
from streams.enrichment import Enricher, Incoming
from streams.outputs import Outputs
from streams.records import Record
from streams.store import RetryingStore
from streams.threads import named_pool

log = logging.getLogger(__name__)


@contextmanager
def _stage(name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    metrics.BATCH_STAGE_SECONDS.labels(name).observe(time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class BatchResult:
    stored: int
    duplicates: int
    dead_letters: int


class Pipeline:
    def __init__(self, enricher: Enricher, store: RetryingStore, outputs: Outputs,
                 max_bytes: int, model_pool: ThreadPoolExecutor | None = None) -> None:
        self.enricher, self.store, self.outputs, self.max_bytes = enricher, store, outputs, max_bytes
        self.model_pool = model_pool or named_pool("inference")

    async def handle(self, records: Sequence[Record]) -> BatchResult:
        with _stage("decode"):
            good, bad = decode.split(list(records), self.max_bytes)
            for r in records:
                metrics.EVENTS_IN.labels(r.origin.topic, r.kind_hint or "http").inc()
        with _stage("enrich"):
            enriched, failed = await self.enrich(good)
        bad += failed
        if bad:
            with _stage("dead_letter"):
                await self.outputs.dead_letter(bad)
            for b in bad:
                metrics.DEAD_LETTERS.labels(b.reason, "kafka").inc()
        with _stage("store"):
            written = await self.store.write(enriched)
        if written.unstorable:
            enriched = await self._dead_letter_unstorable(good, enriched, written.unstorable)
        with _stage("publish"):
            await self.outputs.enriched(enriched, written.replayed)
        return BatchResult(written.stored, written.duplicates, len(bad) + len(written.unstorable))

    async def _dead_letter_unstorable(self, good: list[Incoming], enriched: list[EnrichedEvent],
                                      unstorable: dict[str, str]) -> list[EnrichedEvent]:
        """Events the store cannot take go to the dead-letter topic; the rest of the batch goes on."""
        records = {str(i.event.event_id): i.record for i in good}
        rejected = [Rejection(records[event_id], "unstorable", why) for event_id, why in unstorable.items()
                    if event_id in records]
        with _stage("dead_letter"):
            await self.outputs.dead_letter(rejected)
        for _ in rejected:
            metrics.DEAD_LETTERS.labels("unstorable", "kafka").inc()
        return [e for e in enriched if e.event_id not in unstorable]

    async def enrich(self, batch: list[Incoming]) -> tuple[list[EnrichedEvent], list[Rejection]]:
        if not batch:
            return [], []
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        out = await loop.run_in_executor(self.model_pool, self._enrich_or_isolate, batch)
        metrics.SENTIMENT_SECONDS.observe(time.perf_counter() - started)
        metrics.SENTIMENT_BATCH.observe(len(batch))
        return out

    def _enrich_or_isolate(self, batch: list[Incoming]) -> tuple[list[EnrichedEvent], list[Rejection]]:
        """One bad event must not stop the stream: on failure retry one by one."""
        try:
            return self.enricher.enrich(batch), []
        except Exception:
            log.exception("batch enrichment failed; isolating the failing events")
        done: list[EnrichedEvent] = []
        failed: list[Rejection] = []
        for item in batch:
            try:
                done += self.enricher.enrich([item])
            except Exception as exc:  # noqa: BLE001
                failed.append(Rejection(item.record, "processing_error", type(exc).__name__))
        return done, failed

    def close(self) -> None:
        self.model_pool.shutdown(wait=True)
        self.store.close()
