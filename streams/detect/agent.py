"""The ``cx-detect`` agent: minute snapshots in, incident notifications to ``cx.alerts``.

One partition, so one worker holds the whole picture (overall and per-topic
series mix every channel); its state is the ``cx-detector`` table, whose
changelog makes baselines, alert states and open incidents survive a
restart or a move to another worker. Every worker runs the snapshot timer
for the minute windows it owns. Notifications are published before the
snapshot batch is acknowledged; a crash replays the batch, the detector
reaches the same state, and the same notification ids dedup downstream.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

import faust
import orjson
from faust.types import TP

from processors.detection import Bucket, SpikeDetector
from sinks import metrics
from streams.detect.directory import Directory
from streams.detect.snapshots import Snapshots
from streams.runtime import Runtime
from streams.settings import Settings

log = logging.getLogger(__name__)
JSON_SCHEMA: faust.Schema = faust.Schema(key_type=str, key_serializer="json", value_serializer="json")
RAW = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}
DETECTOR_KEY = b"detector"  # one key: every snapshot lands in the detector's single partition


def register(app: Any, settings: Settings, minute_table: Any, runtime: Runtime) -> SpikeDetector:
    minutes = app.topic(settings.minutes_topic, partitions=1, **RAW)
    alerts = app.topic(settings.alerts_topic, partitions=settings.topic_partitions, **RAW)
    state = app.Table("cx-detector", default=None, partitions=1, schema=JSON_SCHEMA)
    detector = SpikeDetector(settings.detector_config(), state)
    snapshots = Snapshots(minute_table)
    directory = Directory(runtime)

    async def publish(notes: Sequence[dict[str, Any]]) -> None:
        futures = [await alerts.send(key=n["incident"].encode(), value=orjson.dumps(n)) for n in notes]
        for future, note in zip(futures, notes, strict=True):
            await future
            metrics.ALERT_NOTIFICATIONS.labels(note["change"], note["severity"]).inc()
            log.warning("%s %s", note["change"], note["title"]) if note["change"] != "refresh" else None

    @app.agent(minutes, name="cx-detect")
    async def detect(stream: Any) -> None:
        # One value at a time: table writes need the stream's current event (its partition).
        async for value in stream:
            try:
                bucket = Bucket.from_dict(orjson.loads(value))
                await directory.fill(detector, [bucket])  # owner and value of accounts about to page
                # Processing time: a source partition that is catching up counts as active.
                notes = detector.observe([bucket], now_ms=int(time.time() * 1000))
            except Exception:  # a bug must not stop detection; the window is re-sent when it changes
                log.exception("detector failed on a snapshot; skipped")
                metrics.DETECTOR_ERRORS.inc()
                continue
            clock = detector.state.clock()
            metrics.DETECTOR_LATE.set(clock.late)
            metrics.DETECTOR_OUT_OF_HORIZON.set(clock.out_of_horizon)
            await publish(notes)

    @app.timer(settings.detect_snapshot_seconds, name="cx-detect-snapshots")
    async def send_snapshots() -> None:
        for value in snapshots.changed():
            await minutes.send(key=DETECTOR_KEY, value=value)

    @app.timer(settings.alert_refresh_seconds, name="cx-detect-refresh")
    async def refresh() -> None:
        if TP(settings.minutes_topic, 0) in app.assignor.assigned_actives():
            await publish(detector.refresh())

    @app.on_rebalance_complete.connect
    async def _reset(*_: Any, **__: Any) -> None:
        detector.reset()  # the table may have been another worker's meanwhile

    return detector
