"""``cxpulse demo``: the pipeline end to end with a live terminal board."""

from __future__ import annotations

import click
from rich.console import Console

from streams.settings import Settings


@click.command()
@click.option("--minutes", default=2.0, show_default=True, help="Real minutes of traffic")
@click.option("--speed", default=30.0, show_default=True, help="Simulated seconds per real second")
@click.option("--rate", default=40.0, show_default=True, help="Contacts per simulated minute")
@click.option("--seed", default=7, show_default=True)
def demo(minutes: float, speed: float, rate: float, seed: int) -> None:
    """Start Kafka and a worker, play traffic with an incident, show a live board."""
    from streams.demo import Demo, DemoPlan

    Demo(Settings(), DemoPlan(minutes, speed, rate, seed), Console()).run()
