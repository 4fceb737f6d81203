"""The ClickHouse writer behind a retry loop that never gives up on a batch.

While ClickHouse is down the agent waits here, so Faust stops taking new
events once its stream buffer is full: consumption pauses instead of
buffering without bound, and offsets of unwritten events are never committed.
Writes run on one dedicated thread (chDB is in-process and blocking).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from tenacity import AsyncRetrying, before_sleep_log, retry_if_exception_type, wait_exponential_jitter

from sinks import metrics
from sinks.clickhouse.writer import ClickHouseWriter, WriteResult
from streams.enriched import EnrichedEvent

log = logging.getLogger(__name__)


class RetryingStore:
    def __init__(self, writer: ClickHouseWriter, max_wait: float = 30.0) -> None:
        self.writer = writer
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clickhouse")
        self.max_wait = max_wait

    async def write(self, batch: Sequence[EnrichedEvent]) -> WriteResult:
        retrying = AsyncRetrying(
            retry=retry_if_exception_type(Exception),
            wait=wait_exponential_jitter(multiplier=0.5, max=self.max_wait),
            before_sleep=before_sleep_log(log, logging.WARNING),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                result = await self._write_once(batch)
        self._observe(batch, result)
        return result

    async def _write_once(self, batch: Sequence[EnrichedEvent]) -> WriteResult:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.pool, self.writer.write_batch, batch)
        except Exception:
            metrics.CH_WRITE_FAILURES.inc()
            raise

    @staticmethod
    def _observe(batch: Sequence[EnrichedEvent], result: WriteResult) -> None:
        now = datetime.now(UTC)
        metrics.CH_WRITE_SECONDS.observe(result.seconds)
        metrics.CH_ROWS.inc(result.stored)
        metrics.DUPLICATES.inc(result.duplicates)
        for item in batch:
            metrics.END_TO_END.observe(max(0.0, (now - item.event.occurred_at).total_seconds()))
            metrics.RECEIVED_TO_STORED.observe(max(0.0, (now - item.received_at).total_seconds()))

    def close(self) -> None:
        self.pool.shutdown(wait=True)
