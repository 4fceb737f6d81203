"""``cxpulse model bench``: our int8 path vs fp32 ONNX vs a naive baseline.

Every path runs in its own process on the same texts, so each gets its own
peak RSS. The naive baseline is what a user would write first: a transformers
``pipeline("text-classification")`` on PyTorch fp32, one text per call, on the
same fine-tuned weights (only when torch and the training output are present).
Texts are de-duplicated so the classifier's cache cannot flatter the int8 path.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CALL = 256  # texts per classify() call: about one 128-event stream batch


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def measure_classifier(folder: Path, texts: list[str], call: int = CALL) -> dict[str, Any]:
    from processors.sentiment import SentimentClassifier

    clf = SentimentClassifier.from_path(folder)
    clf.classify(texts[:32])  # warm-up (session, tokenizer)
    clf.cache.clear()
    latencies, started = [], time.perf_counter()
    for i in range(0, len(texts), call):
        t = time.perf_counter()
        clf.classify(texts[i : i + call])
        latencies.append(time.perf_counter() - t)
    return _summary(len(texts), time.perf_counter() - started, latencies)


def measure_naive(hf_folder: Path, texts: list[str]) -> dict[str, Any]:
    import torch
    from transformers import pipeline

    torch.set_num_threads(max(1, torch.get_num_threads()))
    pipe = pipeline("text-classification", model=str(hf_folder), device=-1)
    pipe(texts[0])
    latencies, started = [], time.perf_counter()
    for text in texts:
        t = time.perf_counter()
        pipe(text, truncation=True, max_length=128)
        latencies.append(time.perf_counter() - t)
    return _summary(len(texts), time.perf_counter() - started, latencies)


def _summary(n: int, seconds: float, latencies: list[float]) -> dict[str, Any]:
    return {"texts": n, "texts_per_s": round(n / seconds, 1),
            "p50_ms": round(1000 * _percentile(latencies, 50), 2),
            "p95_ms": round(1000 * _percentile(latencies, 95), 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def _child(path: str, folder: Path, texts: list[str], call: int = CALL) -> dict[str, Any] | None:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(texts, fh)
    cmd = [sys.executable, "-m", "processors.sentiment.benchmark", path, str(folder), fh.name, str(call)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    Path(fh.name).unlink()
    if out.returncode != 0:
        print(f"{path}: failed\n{out.stderr[-1500:]}", file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def fp32_folder(artifact: Path, work: Path, into: Path) -> Path | None:
    """The shipped tokenizer/config with the training run's fp32 ONNX graph."""
    fp32 = work / "model.fp32.onnx"
    if not fp32.exists():
        return None
    for f in artifact.iterdir():
        if f.name != "model.onnx" and f.is_file():
            shutil.copy2(f, into / f.name)
    (into / "model.onnx").symlink_to(fp32.resolve())
    return into


def run_bench(artifact: Path, work: Path, texts: list[str], naive_texts: int,
              call: int = CALL) -> dict[str, Any]:
    results: dict[str, Any] = {"call_size": call, "int8": _child("classifier", artifact, texts, call)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = fp32_folder(artifact, work, Path(tmp))
        results["fp32"] = _child("classifier", folder, texts, call) if folder else None
    has_torch = subprocess.run([sys.executable, "-c", "import torch"], capture_output=True).returncode == 0
    hf = work / "hf"
    results["naive"] = (_child("naive", hf, texts[:naive_texts])
                        if has_torch and (hf / "config.json").exists() else None)
    if results["int8"] and results["naive"]:
        results["int8_over_naive"] = round(results["int8"]["texts_per_s"] / results["naive"]["texts_per_s"], 2)
    return results


def print_bench(results: dict[str, Any]) -> None:
    print(f"{'path':<8}{'texts':>7}{'texts/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'peak RSS MB':>13}")
    for name in ("int8", "fp32", "naive"):
        r = results.get(name)
        if r is None:
            why = "needs the training output (artifacts/sentiment)" if name == "fp32" else \
                "needs torch (cxpulse[train]) and artifacts/sentiment/hf"
            print(f"{name:<8}  not run: {why}")
            continue
        print(f"{name:<8}{r['texts']:>7}{r['texts_per_s']:>10}{r['p50_ms']:>9}{r['p95_ms']:>9}"
              f"{r['peak_rss_mb']:>13}")
    if "int8_over_naive" in results:
        print(f"int8 / naive throughput: {results['int8_over_naive']}x (latency: int8/fp32 per "
              f"call of {results['call_size']} texts, naive per text)")


if __name__ == "__main__":
    kind, folder_arg, texts_file, call_arg = sys.argv[1:5]
    data = json.loads(Path(texts_file).read_text())
    if kind == "naive":
        print(json.dumps(measure_naive(Path(folder_arg), data)))
    else:
        print(json.dumps(measure_classifier(Path(folder_arg), data, int(call_arg))))
