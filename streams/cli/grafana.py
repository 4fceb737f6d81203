"""``cxpulse grafana``: export the boards and rules as files, or sync them into a running Grafana.

Example::

    cxpulse grafana export                     # after editing grafana/boards or grafana/alerting
    cxpulse grafana sync --url https://grafana.example.com --token "$GRAFANA_TOKEN"
"""

from __future__ import annotations

import sys

import click


@click.group()
def grafana() -> None:
    """Boards and alert rules as code."""


@grafana.command()
@click.option("--check", is_flag=True, help="Only report stale files (exit 1), write nothing")
def export(check: bool) -> None:
    """Write grafana/dashboards/*.json and grafana/provisioning/alerting/cxpulse.yaml from the code."""
    from grafana.alerting import provisioning
    from grafana.export import stale, write_all

    if check:
        outdated = stale() + (["alerting"] if provisioning.is_stale() else [])
        click.echo("up to date" if not outdated else f"stale: {', '.join(outdated)}")
        sys.exit(1 if outdated else 0)
    for path in [*write_all(), provisioning.write()]:
        click.echo(f"wrote {path}")


@grafana.command()
@click.option("--url", envvar="GRAFANA_URL", required=True, help="Grafana base URL (env GRAFANA_URL)")
@click.option("--token", envvar="GRAFANA_TOKEN", required=True,
              help="Service account token (env GRAFANA_TOKEN; prefer the variable to keep it out of shell history)")
@click.option("--no-alerting", is_flag=True, help="Boards only")
@click.option("--policy", "replace_policy", is_flag=True,
              help="Also replace the organisation's notification policy tree")
@click.option("--rotate-secrets", is_flag=True, help="Rewrite contact points (Grafana masks their URLs and keys)")
def sync(url: str, token: str, no_alerting: bool, replace_policy: bool, rotate_secrets: bool) -> None:
    """Create or update the cxpulse folder, boards, alert rules and contact points; report what changed."""
    try:
        from grafana_client import GrafanaApi
    except ImportError:
        raise click.ClickException("grafana sync needs the sync extra: pip install -e '.[sync]' in the cxpulse clone") from None
    from grafana.sync import sync as run

    try:
        changes = run(GrafanaApi.from_url(url, credential=token), alerting=not no_alerting,
                      replace_policy=replace_policy, rotate=rotate_secrets)
    except Exception as exc:  # noqa: BLE001 - connection refused, 401, 403, ...: one line, never the token
        raise click.ClickException(f"Grafana at {url}: {type(exc).__name__}: {str(exc)[:300]}") from None
    for change in changes:
        click.echo(str(change))
    changed = sum(c.action in ("created", "updated") for c in changes)
    click.echo(f"{changed} changed, {len(changes) - changed} unchanged or skipped")
