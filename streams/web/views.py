"""Registers the HTTP views on the Faust app's web server."""

from __future__ import annotations

from typing import Any

import faust
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from processors.detection import SpikeDetector
from sinks import metrics
from streams.contract import Event
from streams.dead_letters import Rejection
from streams.live import minute
from streams.runtime import Runtime
from streams.settings import Settings
from streams.web.auth import check_bearer
from streams.web.ingest import ingest
from streams.web.rate_limit import RateLimit, caller_of


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None when it is larger than ``limit`` bytes."""
    length = request.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.content.iter_chunked(65_536):  # type: ignore[attr-defined]  # aiohttp's request
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def register(app: faust.App, settings: Settings, runtime: Runtime, minute_table: Any,
             detector: SpikeDetector | None = None) -> None:
    raw: dict[str, Any] = {"key_serializer": "raw", "value_serializer": "raw"}
    topics = {kind: app.topic(settings.topic(kind), **raw) for kind in settings.kind_topics.values()}

    dead_letters = app.topic(settings.deadletter_topic, **raw)

    async def publish(events: list[tuple[Event, bytes]]) -> None:
        futures = [await topics[e.kind].send(key=(e.customer_id or str(e.event_id)).encode(),
                                             value=line, force=True) for e, line in events]
        for fut in futures:
            await fut

    async def dead_letter(rejections: list[Rejection]) -> None:
        futures = [await dead_letters.send(value=r.record.value, headers=r.headers(), force=True)
                   for r in rejections]
        for fut in futures:
            await fut

    limit = RateLimit(settings.ingest_rate_limit)

    @app.page("/v1/events")
    class Events(View):
        async def post(self, request: Request) -> Response:
            reply = await self._handle(request)
            metrics.HTTP_REQUESTS.labels(str(reply[0])).inc()
            wait = reply[1].pop("retry_after", None)
            headers = {"Retry-After": str(wait)} if wait else {}
            if reply[0] == 401:
                headers["WWW-Authenticate"] = 'Bearer realm="cxpulse"'
            return self.json(reply[1], status=reply[0], headers=headers or None)

        async def _handle(self, request: Request) -> tuple[int, dict[str, Any]]:
            auth = request.headers.get("Authorization")
            denied = check_bearer(settings, auth)
            # Failed attempts count per address, so guessing tokens is rate-limited too.
            if wait := limit.hit(caller_of(None if denied else auth, request.remote)):  # type: ignore[attr-defined]
                return 429, {"error": f"rate limit {settings.ingest_rate_limit} exceeded", "retry_after": wait}
            if denied:
                return denied[0], {"error": denied[1]}
            body = await read_limited(request, settings.ingest_max_body_bytes)
            if body is None:
                return 413, {"error": f"body larger than {settings.ingest_max_body_bytes} bytes"}
            reply = await ingest(settings, body, publish, dead_letter)
            return reply.status, reply.body

    @app.page("/health")
    class Health(View):
        """Readiness: 200 while events are processed, 503 while starting or while the store refuses writes."""

        async def get(self, request: Request) -> Response:
            health = runtime.health()
            return self.json(health, status=200 if health["status"] == "ok" else 503)

    @app.page("/health/live")
    class Live(View):
        """Liveness: the event loop answers (a store outage is not a reason to restart the worker)."""

        async def get(self, request: Request) -> Response:
            return self.json({"status": "alive"})

    @app.page("/metrics")
    class Metrics(View):
        async def get(self, request: Request) -> Response:
            return self.bytes(generate_latest(), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    @app.page("/v1/live/minute")
    class LiveMinute(View):
        """Per-minute contact stats held by this worker (the ``cx-minute`` table)."""

        async def get(self, request: Request) -> Response:
            if denied := check_bearer(settings, request.headers.get("Authorization")):
                return self.json({"error": denied[1]}, status=denied[0])
            return self.json(minute.windows(minute_table))

    @app.page("/v1/detector")
    class Detector(View):
        """The spike detector as this worker holds it: clocks, open incidents, alerts not normal."""

        async def get(self, request: Request) -> Response:
            if denied := check_bearer(settings, request.headers.get("Authorization")):
                return self.json({"error": denied[1]}, status=denied[0])
            return self.json(detector.status() if detector is not None else {"enabled": False})
