"""The Faust application: settings in, a configured app with agents and views out.

Example::

    from streams.app import create_app
    app = create_app()        # Settings() from CXPULSE_* variables
    app.main()                # or: cxpulse worker
"""

from __future__ import annotations

import logging
from typing import Any

import faust

from streams import agents
from streams.detect import agent as detect_agent
from streams.detect import delivery
from streams.faust_fixes.commits import Transport
from streams.faust_fixes.recovery import TableManager
from streams.kafka_auth import credentials
from streams.live import minute
from streams.outputs import Outputs
from streams.runtime import Runtime
from streams.settings import Settings
from streams.web import views

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, outputs: Outputs | None = None) -> faust.App:
    """The app with its agent and views; ``outputs`` replaces the Kafka outputs in tests."""
    s = settings or Settings()
    (s.data_dir / "faust").mkdir(parents=True, exist_ok=True)  # Faust does not create it
    app = faust.App(
        s.app_id,
        broker=f"kafka://{s.kafka_bootstrap}",
        broker_credentials=credentials(s),
        store="memory://",  # tables recover from their changelog topics
        datadir=str(s.data_dir / "faust"),  # not <app_id>-data in the working directory
        topic_partitions=s.topic_partitions,
        topic_replication_factor=1,
        web_host=s.web_host,
        web_bind=s.web_host,
        web_port=s.web_port,
        web_application_options={"client_max_size": s.ingest_max_body_bytes + 1},
        producer_acks=-1,
        producer_linger=s.kafka_producer_linger_ms / 1000,
        producer_compression_type=None if s.kafka_producer_compression == "none" else s.kafka_producer_compression,
        consumer_auto_offset_reset="earliest",
        broker_commit_interval=1.0,
        broker_session_timeout=s.kafka_session_timeout_seconds,
        broker_heartbeat_interval=min(3.0, s.kafka_session_timeout_seconds / 5),
        stream_buffer_maxsize=max(4 * s.batch_size, 1024),
        key_serializer="raw",
        value_serializer="raw",
        TableManager=TableManager,  # events delivered as the worker becomes ready are kept
    )
    app.transport = Transport(app.conf.broker_consumer, app)  # commits never pass an event in flight
    runtime = Runtime(s)
    app.cx_runtime = runtime  # type: ignore[attr-defined]
    agents.register(app, s, runtime, outputs)
    app.cx_minute = minute_table = minute.register(app, s)  # type: ignore[attr-defined]
    detector = detect_agent.register(app, s, minute_table, runtime) if s.detect_enabled else None
    if s.detect_enabled:
        delivery.register(app, s, runtime)
    views.register(app, s, runtime, minute_table, detector)

    @app.on_before_shutdown.connect
    def _close(*_: Any, **__: Any) -> None:
        runtime.close()

    return app
