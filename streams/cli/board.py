"""``cxpulse board snapshot``: the Grafana boards as PNG files, without a Grafana.

Example::

    cxpulse board snapshot --out snapshots            # every CX board, ending at the newest event
    cxpulse board snapshot --board cx-overview --at 2026-10-05T01:00:00Z
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from streams.settings import Settings


@click.group()
def board() -> None:
    """The boards outside Grafana."""


@board.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("snapshots"), show_default=True)
@click.option("--board", "boards", multiple=True, help="Board uid (repeatable); default: the CX boards")
@click.option("--at", type=click.DateTime(["%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S%z"]), default=None,
              help="End of the time range (UTC); default: the newest stored event")
def snapshot(out: Path, boards: tuple[str, ...], at: datetime | None) -> None:
    """Run every panel's query on the configured ClickHouse and draw the boards to OUT/<uid>.png."""
    from datetime import UTC

    from grafana import snapshot as snap
    from sinks.clickhouse.client import StoreBusy, connect

    unknown = sorted(set(boards) - set(snap.BOARDS))
    if unknown:
        raise click.BadParameter(f"no board {', '.join(unknown)}; the boards are {', '.join(snap.BOARDS)}",
                                 param_hint="--board")
    try:
        client = connect(Settings().dsn)
    except StoreBusy as exc:
        raise click.ClickException(str(exc)) from None
    when = at.replace(tzinfo=at.tzinfo or UTC) if at else None
    for path in snap.snapshot(client, out, boards or snap.BOARDS, when):
        click.echo(f"wrote {path}")
