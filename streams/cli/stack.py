"""``cxpulse stack up | down | status``: the local Kafka broker, idempotent."""

from __future__ import annotations

import asyncio
import sys

import click

from streams.settings import Settings
from streams.stack.kafka import KafkaBroker
from streams.topics import ensure_topics


@click.group()
def stack() -> None:
    """Run the local stack (a real Kafka broker from Maven Central jars)."""


@stack.command()
def up() -> None:
    """Start the broker (no-op when it runs) and create cxpulse's topics."""
    settings = Settings()
    broker = KafkaBroker.for_settings(settings)
    was_running = broker.running()
    pid = broker.start()
    created = asyncio.run(ensure_topics(settings.model_copy(update={"kafka_bootstrap": broker.bootstrap})))
    state = "already running" if was_running else "started"
    click.echo(f"kafka {state}: pid {pid}, {broker.bootstrap}, log {broker.log_file}")
    if created:
        click.echo(f"topics created: {', '.join(created)}")


@stack.command()
def down() -> None:
    """Stop the broker by its PID (no-op when it is not running)."""
    broker = KafkaBroker.for_settings(Settings())
    if not broker.running():
        click.echo("kafka not running")
        return
    click.echo("kafka stopped" if broker.stop() else "kafka did not stop")


@stack.command()
def status() -> None:
    """Exit 0 when the broker runs, 3 when it does not."""
    broker = KafkaBroker.for_settings(Settings())
    pid = broker.pid()
    if pid is None:
        click.echo("kafka: not running")
        sys.exit(3)
    click.echo(f"kafka: running, pid {pid}, {broker.bootstrap}, data {broker.home}")
