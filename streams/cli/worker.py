"""``cxpulse worker``: the Faust worker (agents, HTTP ingest, /metrics)."""

from __future__ import annotations

import logging

import click

from streams.settings import Settings

log = logging.getLogger(__name__)


def warn_if_open(settings: Settings) -> None:
    if settings.ingest_auth_disabled:
        log.warning("!!! HTTP ingest accepts requests WITHOUT a token "
                    "(CXPULSE_INGEST_AUTH_DISABLED=true); use only on a local machine !!!")
    elif settings.ingest_token is None:
        log.warning("HTTP ingest is disabled until CXPULSE_INGEST_TOKEN is set")


@click.command()
@click.option("--loglevel", default="info", show_default=True)
def worker(loglevel: str) -> None:
    """Run a worker; start more with the same settings to share the load."""
    from faust.worker import Worker

    from streams.app import create_app

    settings = Settings()
    logging.basicConfig(level=loglevel.upper())
    warn_if_open(settings)
    app = create_app(settings)
    runner = Worker(app, loglevel=loglevel, quiet=True)
    # At WARN and above Faust's terminal spinner sets the root logger to DEBUG so every
    # log call can turn it: each debug line of aiokafka and Faust was then built and
    # dropped, per message. No spinner: the root logger keeps the chosen level.
    runner.spinner = None
    runner.execute_from_commandline()
