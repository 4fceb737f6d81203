"""``cxpulse model train | eval | bench``: the sentiment model's life cycle."""

from __future__ import annotations

import json
from pathlib import Path

import click

from processors.sentiment.classifier import ARTIFACT

WORK = Path("artifacts/sentiment")


@click.group()
def model() -> None:
    """Train, evaluate and benchmark the sentiment model."""


@model.command()
@click.option("--seed", default=13, show_default=True)
@click.option("--epochs", default=1.0, show_default=True)
@click.option("--lr", default=8e-5, show_default=True)
@click.option("--work", type=click.Path(path_type=Path), default=WORK, show_default=True)
@click.option("--artifact", type=click.Path(path_type=Path), default=ARTIFACT, show_default=True)
@click.option("--tiny", is_flag=True, help="A few steps on a small subset (smoke test)")
def train(seed: int, epochs: float, lr: float, work: Path, artifact: Path, tiny: bool) -> None:
    """Fetch the sources with pip, fine-tune, export ONNX int8, evaluate, write the card."""
    from processors.sentiment.training.finetune import TrainConfig
    from processors.sentiment.training.pipeline import run

    cfg = TrainConfig(seed=seed, epochs=epochs, lr=lr, max_steps=3 if tiny else None)
    metrics = run(work, artifact, cfg, tiny=tiny, log=click.echo)
    click.echo(f"mean accuracy {metrics['model']['mean_accuracy']:.3f} "  # type: ignore[index]
               f"(VADER {metrics['vader']['mean_accuracy']:.3f}); artifact in {artifact}")  # type: ignore[index]


@model.command("eval")
@click.option("--artifact", type=click.Path(path_type=Path), default=ARTIFACT, show_default=True)
@click.option("--work", type=click.Path(path_type=Path), default=WORK, show_default=True)
@click.option("--json-out", type=click.Path(path_type=Path))
def evaluate(artifact: Path, work: Path, json_out: Path | None) -> None:
    """Per-source accuracy and macro-F1 on the validation split, next to VADER."""
    from processors.sentiment.training.evaluation import print_report, run_eval

    result = run_eval(artifact, work / "sources")
    print_report(result)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2))


@model.command()
@click.option("--artifact", type=click.Path(path_type=Path), default=ARTIFACT, show_default=True)
@click.option("--work", type=click.Path(path_type=Path), default=WORK, show_default=True)
@click.option("--texts", default=2000, show_default=True)
@click.option("--naive-texts", default=300, show_default=True)
@click.option("--call-size", default=256, show_default=True,
              help="Texts per classify() call (the pipeline scores a stream batch per call)")
@click.option("--json-out", type=click.Path(path_type=Path))
@click.option("--record", is_flag=True, help="Write the results into the artifact's model card")
def bench(artifact: Path, work: Path, texts: int, naive_texts: int, call_size: int,
          json_out: Path | None, record: bool) -> None:
    """int8 vs fp32 ONNX vs a naive transformers pipeline, on the same texts."""
    from processors.sentiment.benchmark import print_bench, run_bench

    sample = pipeline_texts(texts)
    words = sum(len(t.split()) for t in sample) / len(sample)
    click.echo(f"{len(sample)} distinct texts the pipeline would score (mean {words:.0f} words)")
    results = run_bench(artifact, work, sample, naive_texts, call_size)
    print_bench(results)
    if json_out:
        json_out.write_text(json.dumps(results, indent=2))
    if record:
        import os
        import platform

        from processors.sentiment.training.card import with_speed

        card = artifact / "MODEL_CARD.md"
        machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}"
        card.write_text(with_speed(card.read_text(), results, machine))


def pipeline_texts(count: int, seed: int = 11) -> list[str]:
    """Distinct texts from simulated traffic, chosen exactly as the agent chooses them."""
    from datetime import UTC, datetime, timedelta

    from streams.contract import validate_event
    from streams.enrichment import scored_texts
    from streams.simulator import SimConfig, Simulator

    sim = Simulator(SimConfig(seed=seed, start=datetime(2026, 1, 5, 9, tzinfo=UTC),
                              rate_per_minute=120, flat=True, pii_rate=0.0))
    texts: dict[str, None] = {}
    for event in sim.events(timedelta(days=2)):
        texts.update(dict.fromkeys(scored_texts(validate_event(event))))
        if len(texts) >= count:
            break
    return list(texts)[:count]
