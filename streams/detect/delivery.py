"""Agents that deliver ``cx.alerts`` notifications: ClickHouse, Alertmanager, webhook.

One agent per target, so a target that is down holds back only itself: it
is retried with capped exponential backoff while detection, storage and
the other targets go on. How late decisions are paged (an incident decided while
the worker was behind is paged once it has caught up if it is still open, and
summarised once at severity info if it was over by then) is
:mod:`streams.detect.freshness`. A page is sent at most once per notification id:
each target records what it delivered in the ``cx-alerts-delivered`` table
(changelogged), which a restarted worker reads before sending again.
The record is flushed to the changelog right after each send, so only a crash in
the milliseconds between the target's answer and that flush can repeat a page
(exactly-once delivery to an HTTP endpoint is not possible); Alertmanager
deduplicates on labels as well.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import faust
import orjson

from sinks import metrics
from sinks.alerts import AlertmanagerTarget, AlertTarget, Rejected, WebhookTarget
from sinks.clickhouse.alerts import AlertWriter
from streams.detect.freshness import outgoing
from streams.retry import retry_forever
from streams.runtime import Runtime
from streams.settings import Settings

log = logging.getLogger(__name__)
JSON_SCHEMA: faust.Schema = faust.Schema(key_type=str, key_serializer="json", value_serializer="json")
RAW = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}


def targets(settings: Settings) -> list[AlertTarget]:
    out: list[AlertTarget] = []
    if settings.alertmanager_url:
        out.append(AlertmanagerTarget(settings.alertmanager_url, ttl_seconds=5 * settings.alert_refresh_seconds))
    if settings.alert_webhook_url is not None:
        out.append(WebhookTarget(settings.alert_webhook_url.get_secret_value()))
    return out


def register(app: Any, settings: Settings, runtime: Runtime) -> None:
    delivered = app.Table("cx-alerts-delivered", default=None, partitions=settings.topic_partitions,
                          schema=JSON_SCHEMA)
    for target in targets(settings):
        _target_agent(app, settings, target, delivered)
    _store_agent(app, settings, runtime)


def _target_agent(app: Any, settings: Settings, target: AlertTarget, delivered: Any) -> None:
    @app.agent(app.topic(settings.alerts_topic, **RAW), name=f"cx-alerts-{target.name}")
    async def deliver(stream: Any) -> None:
        async for value in stream:
            note = orjson.loads(value)
            key, incident_key = f"{target.name}|{note['id']}", f"{target.name}|{note['incident']}"
            paged = bool(delivered.get(incident_key))
            if note["change"] != "refresh" and delivered.get(key):
                continue
            page = outgoing(note, paged, int(time.time() * 1000), settings.alert_max_age_seconds)
            if page is None:
                metrics.ALERTS_DELIVERED.labels(target.name, "behind").inc()
                continue
            if not target.wants(page):
                continue
            await _send(target, page)
            if page["change"] != "refresh" or not paged:
                delivered[key] = delivered[incident_key] = int(time.time())
                # Durable now, not at the next flush: a crash after the send but before the
                # record reached the changelog would send this page again after the restart.
                await app.producer.flush()


async def _send(target: AlertTarget, note: dict[str, Any]) -> None:
    try:
        async for attempt in retry_forever(log, max_wait=30, give_up=(Rejected,)):
            with attempt:
                await target.send(note)
    except Rejected as exc:
        metrics.ALERTS_DELIVERED.labels(target.name, "rejected").inc()
        log.error("%s rejected notification %s for good: %s", target.name, note["id"], exc)
        return
    metrics.ALERTS_DELIVERED.labels(target.name, "sent").inc()


def _store_agent(app: Any, settings: Settings, runtime: Runtime) -> None:
    @app.agent(app.topic(settings.alerts_topic, **RAW), name="cx-alerts-store")
    async def store(stream: Any) -> None:
        await runtime.ready.wait()
        writer = AlertWriter(runtime.store.writer.client)
        async for values in stream.take(100, within=0.5):
            async for attempt in retry_forever(log, max_wait=30):
                with attempt:
                    await runtime.store.run(writer.write, [orjson.loads(v) for v in values])
