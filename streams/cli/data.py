"""``cxpulse publish | simulate | query``: put events in, look at what is stored."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

import click

from streams.settings import Settings


@click.command()
@click.argument("source", type=click.File("rb"), default="-")
@click.option("--batch", default=500, show_default=True, help="Events per send batch")
def publish(source: IO[bytes], batch: int) -> None:
    """Publish NDJSON events from SOURCE (a file or - for stdin) to Kafka.

    Each line is validated first: invalid lines are reported on stderr with
    their line number and reason and not sent; the exit code is 2 if any was.
    """
    from streams.cli.publishing import publish_lines

    sent, bad = asyncio.run(publish_lines(Settings(), source, batch))
    click.echo(f"published {sent} events, rejected {bad}", err=True)
    sys.exit(2 if bad else 0)


@click.command()
@click.option("--seed", default=7, show_default=True)
@click.option("--minutes", default=10.0, show_default=True, help="Simulated minutes",
              type=click.FloatRange(min=0, min_open=True))
@click.option("--rate", default=30.0, show_default=True, help="Contacts per minute at the daily peak",
              type=click.FloatRange(min=0, min_open=True))
@click.option("--speed", default=60.0, show_default=True, type=click.FloatRange(min=0),
              help="Simulated seconds per real second (0: as fast as possible)")
@click.option("--start", type=click.DateTime(["%Y-%m-%dT%H:%M:%S"]), help="Simulated start, UTC")
@click.option("--incident/--no-incident", default=False, help="Inject a delivery outage")
@click.option("--incident-topic", default="delivery", show_default=True)
@click.option("--incident-at", default=2.0, show_default=True, help="Minutes after start")
@click.option("--incident-minutes", default=15.0, show_default=True)
@click.option("--out", type=click.Path(allow_dash=True, path_type=Path),
              help="Write NDJSON here (- for stdout) instead of publishing to Kafka")
def simulate(seed: int, minutes: float, rate: float, speed: float, start: datetime | None,
             incident: bool, incident_topic: str, incident_at: float, incident_minutes: float,
             out: Path | None) -> None:
    """Generate realistic multichannel support traffic (seeded, deterministic)."""
    from streams.cli.publishing import run_simulation
    from streams.simulator import Incident, SimConfig

    inc = Incident(timedelta(minutes=incident_at), timedelta(minutes=incident_minutes),
                   incident_topic) if incident else None
    begin = start.replace(tzinfo=UTC) if start else default_start(minutes, speed)
    cfg = SimConfig(seed=seed, start=begin, rate_per_minute=rate, incident=inc)
    from streams.cli.progress import progress

    with progress("simulated minutes", total=minutes) as advance_to:
        count = asyncio.run(run_simulation(Settings(), cfg, timedelta(minutes=minutes), speed, out, advance_to))
    click.echo(f"simulated {count} events", err=True)


def default_start(minutes: float, speed: float) -> datetime:
    """Start simulated time in the past so that no event is published before it
    occurred: at ``speed`` x the simulated clock catches up with the real one
    exactly when the run ends (as fast as possible: the whole run is in the past)."""
    behind = minutes if speed <= 0 else minutes * max(0.0, 1 - 1 / speed)
    return datetime.now(UTC) - timedelta(minutes=behind)


@click.command()
@click.argument("sql")
@click.option("--limit", default=200, show_default=True, help="Rows to print at most")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "ndjson"]), default="table",
              show_default=True, help="Output format (a query ending in FORMAT X prints ClickHouse's own)")
def query(sql: str, limit: int, fmt: str) -> None:
    """Run a read-only SQL query against the configured ClickHouse and print the rows.

    The row count goes to stderr, so stdout holds only the rows.
    """
    from streams.cli.tables import print_query

    sys.exit(print_query(Settings().dsn, sql, limit, fmt))
