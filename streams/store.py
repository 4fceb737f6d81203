"""The ClickHouse writer behind a retry loop that never gives up on a batch.

While ClickHouse is down the agent waits here, so Faust stops taking new
events once its stream buffer is full: consumption pauses instead of
buffering without bound, and offsets of unwritten events are never committed.
Writes run on one dedicated thread (chDB is in-process and blocking).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from sinks import metrics
from sinks.clickhouse.writer import ClickHouseWriter, WriteResult
from streams.enriched import EnrichedEvent
from streams.retry import retry_forever
from streams.threads import named_pool

log = logging.getLogger(__name__)
T = TypeVar("T")


class RetryingStore:
    def __init__(self, writer: ClickHouseWriter, max_wait: float = 30.0) -> None:
        self.writer = writer
        self.pool = named_pool("clickhouse")
        self.max_wait = max_wait
        self.failing_since: float | None = None  # monotonic time of the first failure of the current outage

    async def write(self, batch: Sequence[EnrichedEvent]) -> WriteResult:
        async for attempt in retry_forever(log, self.max_wait):
            with attempt:
                result = await self._write_once(batch)
        self._observe(batch, result)
        return result

    def failing_for(self) -> float:
        """Seconds the store has been refusing writes (0 while it takes them): what /health reports."""
        return 0.0 if self.failing_since is None else time.monotonic() - self.failing_since

    async def _write_once(self, batch: Sequence[EnrichedEvent]) -> WriteResult:
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.pool, self.writer.write_batch, batch)
        except Exception:
            metrics.CH_WRITE_FAILURES.inc()
            if self.failing_since is None:
                self.failing_since = time.monotonic()
            raise
        self.failing_since = None
        return result

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run another blocking ClickHouse call on the store's one thread (e.g. alert rows)."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)

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
