"""``cxpulse demo``: the pipeline end to end with a live terminal board."""

from __future__ import annotations

import click
from rich.console import Console

from streams.settings import Settings


@click.command()
@click.option("--outage-minutes", default=2.0, show_default=True, help="How long the delivery outage lasts")
@click.option("--rate", default=40.0, show_default=True, help="Contacts per minute")
@click.option("--seed", default=7, show_default=True)
def demo(outage_minutes: float, rate: float, seed: int) -> None:
    """Start Kafka and a worker, play live traffic with an outage, show a live board and its pages."""
    from streams.demo import Demo, DemoPlan

    if not 0.5 <= outage_minutes <= 30:
        raise click.BadParameter("between 0.5 and 30 minutes", param_hint="--outage-minutes")
    Demo(Settings(), DemoPlan(outage_minutes, rate, seed), Console()).run()
