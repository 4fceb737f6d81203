"""Faust alone: the framework's floor for ``cxpulse bench`` (take events, forward, ack; no work).

Same broker settings as the worker (acks=all, commit interval, stream buffer,
raw serializers), one agent over every kind topic taking events in batches as
the worker's agent does, forwarding each value to ``cx.enriched`` wrapped as
``{"event": ...}`` so the bench's completion check reads it like the worker's
output. No validation, model, store or tables: what Faust and the broker cost
per event by themselves.

Run as ``python -m streams.bench.floor_faust worker --loglevel warning`` with
the scenario's ``CXPULSE_*`` environment; ``/health`` answers ``"ok"`` once the
agent holds partitions.
"""

from __future__ import annotations

from typing import Any

import faust
from faust.web import Request, Response, View

from streams.settings import Settings


def create_floor(s: Settings) -> faust.App:
    (s.data_dir / "faust-floor").mkdir(parents=True, exist_ok=True)  # Faust does not create it
    app = faust.App(
        s.app_id, broker=f"kafka://{s.kafka_bootstrap}", store="memory://",
        datadir=str(s.data_dir / "faust-floor"), topic_partitions=s.topic_partitions, topic_replication_factor=1,
        web_host="127.0.0.1", web_bind="127.0.0.1", web_port=s.web_port, producer_acks=-1,
        producer_linger=s.kafka_producer_linger_ms / 1000,
        producer_compression_type=None if s.kafka_producer_compression == "none" else s.kafka_producer_compression,
        consumer_auto_offset_reset="earliest", broker_commit_interval=1.0,
        stream_buffer_maxsize=max(4 * s.batch_size, 1024), key_serializer="raw", value_serializer="raw")
    sources = app.topic(*(s.topic(kind) for kind in s.kind_topics.values()))
    enriched = app.topic(s.enriched_topic)

    @app.agent(sources, name="floor")
    async def forward(stream: Any) -> None:  # a faust Stream: take_events is not on its interface
        async for batch in stream.take_events(s.batch_size, within=s.batch_within_seconds):
            for event in batch:
                await enriched.send(key=event.message.key, value=b'{"event":' + event.value + b"}")

    @app.page("/health")
    class Health(View):
        async def get(self, request: Request) -> Response:
            ready = bool(app.consumer.assignment()) and not app.rebalancing
            return self.json({"status": "ok" if ready else "starting"})

    return app


if __name__ == "__main__":
    create_floor(Settings()).main()
