"""``cxpulse bench``: the end-to-end performance harness (see docs/performance.md)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--events", default=4000, show_default=True, help="Events per drain scenario")
@click.option("--paced-seconds", default=30.0, show_default=True, help="Length of each latency run")
@click.option("--burst-seconds", default=15.0, show_default=True, help="Length of the 3x burst")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench/results"), show_default=True)
def bench(events: int, paced_seconds: float, burst_seconds: float, out: Path) -> None:
    """Model only vs pipeline without model vs full pipeline (1 and 2 workers), with ratios."""
    from streams.bench.report import print_report, save
    from streams.bench.run import run_all

    results = run_all(events, paced_seconds, burst_seconds, log=lambda m: click.echo(m, err=True))
    print_report(results)
    data, plot = save(results, out)
    click.echo(f"\nresults: {data}\nplot: {plot}")


@click.command("bench-board")
@click.option("--events", default=10_000_000, show_default=True, help="Synthetic events over 30 days")
@click.option("--repeats", default=5, show_default=True, help="Runs per query (median reported)")
def bench_board(events: int, repeats: int) -> None:
    """Board queries (rollups and views) vs the same numbers from raw events."""
    from streams.bench.board import report, run

    click.echo(report(run(events, repeats=repeats, log=lambda m: click.echo(m, err=True)), events))


@click.command("bench-panels")
@click.option("--events", default=10_000_000, show_default=True, help="Synthetic events over 30 days")
@click.option("--repeats", default=5, show_default=True, help="Runs per query (median reported)")
def bench_panels(events: int, repeats: int) -> None:
    """Each overview panel's query, expanded as Grafana sends it, vs a full scan of events."""
    from streams.bench.panels import report, run

    timings, baseline = run(events, repeats=repeats, log=lambda m: click.echo(m, err=True))
    click.echo(report(timings, baseline, events))


@click.command("bench-compare")
@click.option("--baseline", default=None, help="Git revision the baseline worker runs (default: this tree)")
@click.option("--env", "env", multiple=True, help="KEY=VALUE added to the candidate worker's environment")
@click.option("--events", default=4000, show_default=True)
@click.option("--rounds", default=2, show_default=True, help="Each side drains this many times")
@click.option("--constant", is_flag=True, help="Both sides with constant sentiment (framework ceiling)")
def bench_compare(baseline: str | None, env: tuple[str, ...], events: int, rounds: int,
                  constant: bool) -> None:
    """A/B one change: baseline vs candidate drain throughput, alternating, in one run."""
    import json

    from streams.bench.compare import compare

    extra = dict(item.split("=", 1) for item in env)
    result = compare(events, rounds, baseline, extra, constant, log=lambda m: click.echo(m, err=True))
    click.echo(json.dumps(result, indent=2))


@click.command("bench-load")
@click.option("--backlog", default=200_000, show_default=True, help="Events drained at full speed first")
@click.option("--burst-seconds", default=60.0, show_default=True, help="Length of the 3x burst")
@click.option("--after-seconds", default=120.0, show_default=True, help="Paced traffic after the burst")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench/results"), show_default=True)
def bench_load(backlog: int, burst_seconds: float, after_seconds: float, out: Path) -> None:
    """Bounded load test: a backlog at full speed, then a 3x burst; lag, latency, memory, counts."""
    import json
    import tempfile
    import time

    from streams.bench.load import run
    from streams.bench.stack import BenchStack

    with tempfile.TemporaryDirectory(prefix="cxpulse-load-") as home:
        stack = BenchStack(Path(home))
        stack.start()
        try:
            result = run(stack, backlog, burst_seconds, after_seconds, log=lambda m: click.echo(m, err=True))
        finally:
            stack.stop()
    summary = {k: v for k, v in result.items() if not k.endswith("timeline")}
    click.echo(json.dumps(summary, indent=2))
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"load-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2))
    click.echo(f"results: {path}")


@click.command("bench-redaction")
@click.option("--samples", default=1000, show_default=True, help="Generated messages per template family")
@click.option("--seed", default=7, show_default=True)
def bench_redaction(samples: int, seed: int) -> None:
    """Redaction recall per kind, over-redaction and texts/s (vs rules alone, and Presidio if installed)."""
    from processors.redaction.benchmark import report, run

    for family in ("dev", "held_out"):
        click.echo(report(run(samples, seed, family), samples, family) + "\n")
