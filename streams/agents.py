"""The processing agent: a thin pipe from kind topics to the pipeline.

Every batch from ``stream.take_events`` is fully handled (stored or
dead-lettered) before Faust acks it; offsets are committed only for acked
events, so a crash replays at most the uncommitted tail, which the idempotent
store turns into no-ops.
"""

from __future__ import annotations

import asyncio
import logging
import os
from datetime import UTC, datetime
from typing import Any

from streams.end_offsets import EndOffsets
from streams.enriched import Origin
from streams.lag import SourceLag
from streams.outputs import Outputs, TopicOutputs
from streams.pipeline import Pipeline
from streams.records import Record
from streams.retry import retry_forever
from streams.runtime import Runtime
from streams.settings import Settings
from streams.stray_topics import CHECK_SECONDS, StrayTopics

log = logging.getLogger(__name__)
SHUTDOWN_FLUSH_SECONDS = 60.0
LAG_SECONDS = 2.0  # how often cx_consumer_lag is refreshed for every held partition


def to_record(event: Any, kinds: dict[str, str]) -> Record:
    m = event.message
    value = m.value if isinstance(m.value, bytes) else bytes(m.value or b"")
    return Record(value, m.key, Origin(m.topic, m.partition, m.offset), datetime.now(UTC),
                  kinds.get(m.topic))


def register(app: Any, settings: Settings, runtime: Runtime, outputs: Outputs | None = None) -> Any:
    """Add the agent; ``outputs`` defaults to the dead-letter and enriched topics."""
    raw = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}
    source = app.topic(*settings.kind_topics, **raw)
    outputs = outputs or TopicOutputs(lambda: app.producer, settings.deadletter_topic,
                                      settings.enriched_topic)

    # concurrency > 1 lets one batch be written while the next is scored; acks may come out
    # of order: commits stop at the first unacked offset (streams/faust_fixes/commits.py).
    ends = EndOffsets(settings)
    lag = SourceLag(app, set(settings.kind_topics), ends)

    @app.agent(source, name="cx-process", concurrency=settings.agent_concurrency)
    async def process(stream: Any) -> None:
        pipeline = await runtime.start(outputs)
        async for events in stream.take_events(settings.batch_size, settings.batch_within_seconds):
            records = [to_record(e, settings.kind_topics) for e in events]
            await _finish(asyncio.ensure_future(handle_until_done(pipeline, records)))
            lag.handled(events)

    @app.timer(LAG_SECONDS, name="cx-consumer-lag")
    async def report_lag() -> None:
        await lag.refresh()

    stray = StrayTopics(settings, ends)

    @app.timer(CHECK_SECONDS, name="cx-stray-topics", on_leader=True)
    async def report_stray_topics() -> None:
        await stray.check()

    @app.on_before_shutdown.connect
    async def _close_end_offsets(*_: Any, **__: Any) -> None:
        await ends.close()

    return process


async def handle_until_done(pipeline: Pipeline, records: list[Record]) -> None:
    """Retry the whole batch until it succeeds: an exception here would let
    take_events ack (and commit) events that were never stored. Safe because
    handling is idempotent (stored ids are skipped, topics are at-least-once)."""
    async for attempt in retry_forever(log, max_wait=30, level=logging.ERROR):
        with attempt:
            await pipeline.handle(records)


async def _finish(task: asyncio.Future[Any]) -> None:
    """Let an in-flight batch finish even when the worker is stopping.

    take_events acks a batch when the loop moves on *or is closed*; if a batch
    could be acked unwritten, its offsets could be committed and the events
    lost. So on cancellation we wait for the batch, and if it cannot finish in
    time we exit without committing (the batch is replayed on restart).
    """
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        try:
            await asyncio.wait_for(task, SHUTDOWN_FLUSH_SECONDS)
        except Exception:  # noqa: BLE001
            log.critical("in-flight batch could not be stored during shutdown; exiting "
                         "without committing its offsets (it will be replayed)")
            os._exit(70)
        raise
