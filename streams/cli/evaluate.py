"""``cxpulse eval detect``: score the spike detectors on simulated incidents."""

from __future__ import annotations

import json
from pathlib import Path

import click

from streams.cli.progress import progress
from streams.settings import Settings


@click.group(name="eval")
def evaluate() -> None:
    """Evaluate cxpulse's components on simulated data."""


@evaluate.command()
@click.option("--days", default=7, show_default=True, help="Simulated days with incidents (after warm-up)")
@click.option("--seed", default=3, show_default=True)
@click.option("--warmup-days", default=1, show_default=True, help="Calm days first, to learn baselines")
@click.option("--rate", default=60.0, show_default=True, help="Contacts per minute at the daily peak")
@click.option("--burstiness", default=0.5, show_default=True,
              help="Bursty traffic: sd of the simulator's AR(1) log-rate (0 = Poisson)")
@click.option("--out", type=click.Path(path_type=Path), default=Path(".cxpulse/eval"), show_default=True)
@click.option("--nab", "nab_dir", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="Score on NAB-format series instead (a folder of timestamp,value CSVs + combined_windows.json)")
@click.option("--labels", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="NAB windows file (default: <nab>/combined_windows.json)")
@click.option("--step", default=15, show_default=True, help="NAB mode: snapshot cadence, seconds of event time")
@click.option("--nab-tool", type=click.Path(path_type=Path, file_okay=False), default=Path("../shared/tools/nab"),
              show_default=True, help="NAB mode: NAB's scorer (nabscore.py), run to cross-check ours when present")
def detect(days: int, seed: int, warmup_days: int, rate: float, burstiness: float, out: Path, nab_dir: Path | None,
           labels: Path | None, step: int, nab_tool: Path) -> None:
    """Our detector and river's HalfSpaceTrees on the same simulated days: JSON report + PNG.

    With --nab DIR: the worker's detector (its CXPULSE_DETECT_* settings) on real NAB-format
    series, scored with NAB's rules, beside the published detectors' scores."""
    if nab_dir is not None:
        _detect_nab(nab_dir, labels, step, nab_tool, out)
        return
    try:
        from streams.evaluation.plot import plot_incident
        from streams.evaluation.run import evaluate as run_eval
    except ImportError as exc:  # river / matplotlib are the "eval" extra
        raise click.ClickException(f"{exc.name} is missing: pip install 'cxpulse[eval]'") from exc
    out.mkdir(parents=True, exist_ok=True)
    with progress("simulated days", total=days + warmup_days) as advance_to:
        result = run_eval(days, seed, warmup_days, cfg=Settings().detector_config(), rate_per_minute=rate,
                          burstiness=burstiness, on_progress=advance_to)
    (out / "detect.json").write_text(json.dumps(result.report, indent=2))
    click.echo(json.dumps(result.report["detectors"], indent=2))
    click.echo(json.dumps({"targets": result.report["targets"]}, indent=2))
    if result.trace is not None:
        click.echo(f"plot: {plot_incident(result.trace, out / 'incident.png')}")
    click.echo(f"report: {out / 'detect.json'}")


def _detect_nab(folder: Path, labels: Path | None, step: int, nab_tool: Path, out: Path) -> None:
    from streams.evaluation.nab_check import cross_check
    from streams.evaluation.nab_data import load_corpus
    from streams.evaluation.nab_run import evaluate_nab, table

    corpus = load_corpus(folder, labels)
    results = out / "nab-results"
    report = evaluate_nab(corpus, Settings().detector_config(), step, results_dir=results)
    if (nab_tool / "nabscore.py").exists():
        report["cross_check"] = cross_check(report, nab_tool, results, folder, labels or folder / "combined_windows.json")
    out.mkdir(parents=True, exist_ok=True)
    (out / "detect-nab.json").write_text(json.dumps(report, indent=2))
    click.echo(table(report))
    if "cross_check" in report:
        check = report["cross_check"]
        click.echo(f"NAB's own scorer on the same rows: {check['nab_tool']['scores']} "
                   f"({'agrees' if check['agree'] else 'DISAGREES'})")
    click.echo(f"report: {out / 'detect-nab.json'}; results CSVs for NAB: {results}")
