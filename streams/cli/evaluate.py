"""``cxpulse eval detect``: score the spike detectors on simulated incidents."""

from __future__ import annotations

import json
from pathlib import Path

import click

from streams.settings import Settings


@click.group(name="eval")
def evaluate() -> None:
    """Evaluate cxpulse's components on simulated data."""


@evaluate.command()
@click.option("--days", default=7, show_default=True, help="Simulated days with incidents (after warm-up)")
@click.option("--seed", default=3, show_default=True)
@click.option("--warmup-days", default=1, show_default=True, help="Calm days first, to learn baselines")
@click.option("--rate", default=60.0, show_default=True, help="Contacts per minute at the daily peak")
@click.option("--out", type=click.Path(path_type=Path), default=Path(".cxpulse/eval"), show_default=True)
def detect(days: int, seed: int, warmup_days: int, rate: float, out: Path) -> None:
    """Our detector and river's HalfSpaceTrees on the same simulated days: JSON report + PNG."""
    try:
        from streams.evaluation.plot import plot_incident
        from streams.evaluation.run import evaluate as run_eval
    except ImportError as exc:  # river / matplotlib are the "eval" extra
        raise click.ClickException(f"{exc.name} is missing: pip install 'cxpulse[eval]'") from exc
    out.mkdir(parents=True, exist_ok=True)
    result = run_eval(days, seed, warmup_days, cfg=Settings().detector_config(), rate_per_minute=rate)
    (out / "detect.json").write_text(json.dumps(result.report, indent=2))
    click.echo(json.dumps(result.report["detectors"], indent=2))
    click.echo(json.dumps({"targets": result.report["targets"]}, indent=2))
    if result.trace is not None:
        click.echo(f"plot: {plot_incident(result.trace, out / 'incident.png')}")
    click.echo(f"report: {out / 'detect.json'}")
