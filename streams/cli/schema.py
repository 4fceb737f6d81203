"""``cxpulse schema export | check``: JSON Schema files from the contract models."""

from __future__ import annotations

import sys

import click

from streams.contract.schema import SCHEMA_DIR, render_all, write_all


@click.group()
def schema() -> None:
    """Event contract JSON Schemas (streams/contract/schemas)."""


@schema.command()
def export() -> None:
    """Rewrite the checked-in schema files."""
    for path in write_all():
        click.echo(path)


@schema.command()
def check() -> None:
    """Exit 1 when the checked-in schemas differ from the models."""
    stale = [n for n, text in render_all().items()
             if not (SCHEMA_DIR / n).exists() or (SCHEMA_DIR / n).read_text() != text]
    if stale:
        click.echo(f"stale: {', '.join(stale)} (run: cxpulse schema export)")
        sys.exit(1)
    click.echo("schemas up to date")
