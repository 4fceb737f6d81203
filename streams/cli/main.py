"""``cxpulse``: one entry point, a sub-command per task.

Example::

    cxpulse stack up          # local Kafka broker
    cxpulse worker            # Faust worker: agents + HTTP ingest + /metrics
    cxpulse simulate --minutes 10 --speed 60
    cxpulse query "SELECT kind, count() FROM events GROUP BY kind"
"""

from __future__ import annotations

import logging
import os

import click

from streams.cli import bench, board, data, demo, evaluate, grafana, model, schema, stack, worker
from streams.cli.errors import CxpulseGroup
from streams.settings import unknown_variables

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@click.group(cls=CxpulseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--log-level", default="WARNING", show_default=True, help="Python log level",
              type=click.Choice(LEVELS, case_sensitive=False))
def cli(log_level: str) -> None:
    """cxpulse: real-time customer-experience monitoring."""
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in unknown_variables(os.environ):
        click.echo(f"warning: {name} is not a cxpulse setting; it is ignored", err=True)


for command in (bench.bench, bench.bench_load, bench.bench_board, bench.bench_panels, bench.bench_compare, bench.bench_redaction,
                evaluate.evaluate, stack.stack, worker.worker, data.publish, data.simulate, data.query, demo.demo,
                model.model, schema.schema, grafana.grafana, board.board):
    cli.add_command(command)


if __name__ == "__main__":
    cli()
