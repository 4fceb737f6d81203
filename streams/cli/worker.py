"""``cxpulse worker``: the Faust worker (agents, HTTP ingest, /metrics)."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from streams import startup_noise
from streams.cli.errors import UserError
from streams.settings import Settings
from streams.stack.process import port_open

log = logging.getLogger(__name__)


def warn_if_open(settings: Settings) -> None:
    if settings.ingest_auth_disabled:
        log.warning("!!! HTTP ingest accepts requests WITHOUT a token "
                    "(CXPULSE_INGEST_AUTH_DISABLED=true); use only on a local machine !!!")
    elif settings.ingest_token is None:
        log.warning("HTTP ingest is disabled until CXPULSE_INGEST_TOKEN is set")


_STORE_LOCK: list[object] = []  # the open lock file, held for the worker's lifetime


def _hold_embedded_store(settings: Settings) -> None:
    """One worker per embedded store: a second one would crash-loop on the busy engine.

    The lock is an ``flock`` on a file in the store's folder, released by the kernel when the
    worker exits (even on kill -9), so it is never stale.
    """
    import fcntl
    from urllib.parse import urlsplit

    if not settings.dsn.startswith("chdb:"):
        return
    folder = Path(urlsplit(settings.dsn).path)
    folder.mkdir(parents=True, exist_ok=True)
    lock = (folder / ".worker.lock").open("a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise UserError(f"the embedded store in {folder} is in use by another worker: the embedded store "
                        "serves one process; for several workers use a ClickHouse server "
                        "(CXPULSE_CLICKHOUSE_DSN=http://...)") from None
    _STORE_LOCK.append(lock)


def _reach_kafka(settings: Settings) -> None:
    """Fail at once, in one line, when no broker answers: Faust would print a 60-line traceback.

    A broker lost later is Faust's to ride out (it reconnects); this is only the first contact.
    """
    import asyncio

    from aiokafka.client import AIOKafkaClient

    from streams.kafka_auth import client_options

    async def probe() -> None:
        client = AIOKafkaClient(bootstrap_servers=settings.kafka_bootstrap, request_timeout_ms=10_000,
                                **client_options(settings))
        try:
            await client.bootstrap()
        finally:
            await client.close()

    asyncio.run(probe())


@click.command()
@click.option("--loglevel", default="info", show_default=True,
              type=click.Choice(["debug", "info", "warning", "error", "critical"], case_sensitive=False))
def worker(loglevel: str) -> None:
    """Run a worker; start more with the same settings to share the load."""
    from faust.worker import Worker

    from streams.app import create_app

    settings = Settings()
    if port_open(settings.web_port):
        raise UserError(f"port {settings.web_port} is taken: is a worker already running here? Each worker "
                        "needs its own CXPULSE_WEB_PORT, and several workers need a ClickHouse server "
                        "(CXPULSE_CLICKHOUSE_DSN=http://...): the embedded store serves one process")
    _hold_embedded_store(settings)
    _reach_kafka(settings)
    logging.basicConfig(level=loglevel.upper())
    startup_noise.install()
    warn_if_open(settings)
    app = create_app(settings)
    runner = Worker(app, loglevel=loglevel, quiet=True)
    # At WARN and above Faust's terminal spinner sets the root logger to DEBUG so every
    # log call can turn it: each debug line of aiokafka and Faust was then built and
    # dropped, per message. No spinner: the root logger keeps the chosen level.
    runner.spinner = None
    runner.execute_from_commandline()
