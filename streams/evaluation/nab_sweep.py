"""Choosing detector defaults on NAB series without tuning per series: leave one series out.

Example::

    python -m streams.evaluation.nab_sweep ../shared/data/nab-realtweets-dev \\
        --grid '{"dispersion_cap_sd": [2.5, 3.5], "alpha": [1e-4, 1e-5, 1e-6]}' --cache .cxpulse/sweep

Every config of the grid runs on every series once (cached per series and
config). Then, for each series in turn, the config with the best standard
score on the *other* series is chosen and scored on the held-out one: the
sum of those held-out results is the estimate of how the chosen defaults do
on series they were not chosen on. A default is only worth shipping when
the folds agree on it (``chosen`` lists each fold's pick).
"""

from __future__ import annotations

import argparse
import itertools
import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from processors.detection import DetectorConfig
from streams.evaluation.nab_data import NabSeries, load_corpus
from streams.evaluation.nab_run import detections
from streams.evaluation.nab_score import WEIGHTS, normalized, score_series


def _key(params: dict[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(params.items()))


def _run(args: tuple[Path, str, dict[str, Any], Path, int]) -> tuple[str, str, dict[int, list[str]]]:
    folder, name, params, cache, step = args
    path = cache / f"{name}__{_key(params)}.json"
    if not path.exists():
        series = next(s for s in load_corpus(folder).series if s.name == name)
        rows = detections(series, replace(DetectorConfig(), **params), step)["rows"]
        path.write_text(json.dumps({str(k): v for k, v in rows.items()}))
    return name, _key(params), {int(k): v for k, v in json.loads(path.read_text()).items()}


def leave_one_out(series: list[NabSeries], results: dict[str, dict[str, dict[int, list[str]]]]) -> dict[str, Any]:
    """``results[config][series]``: detected rows. Per fold the best config on the others, scored held out."""
    by_name = {s.name: s for s in series}
    folds: list[Any] = []
    held_out: dict[str, list[Any]] = {p: [] for p in WEIGHTS}
    for out in by_name:
        def score(config: str, names: list[str], profile: str = "standard") -> float:
            return normalized([score_series(by_name[n], results[config][n], WEIGHTS[profile]) for n in names], profile)
        others = [n for n in by_name if n != out]
        best = max(results, key=lambda c: score(c, others))
        folds.append({"held_out": out, "chosen": best, "train_score": round(score(best, others), 2),
                      "held_out_score": round(score(best, [out]), 2)})
        for p in WEIGHTS:
            held_out[p].append(score_series(by_name[out], results[best][out], WEIGHTS[p]))
    everyone = {c: round(normalized([score_series(by_name[n], results[c][n], WEIGHTS["standard"])
                                     for n in by_name], "standard"), 2) for c in results}
    return {"folds": folds, "held_out_scores": {p: round(normalized(s, p), 2) for p, s in held_out.items()},
            "all_series_score_per_config": everyone}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--grid", required=True, help="JSON: DetectorConfig field -> list of values")
    ap.add_argument("--cache", type=Path, default=Path(".cxpulse/nab-sweep"))
    ap.add_argument("--step", type=int, default=60, help="snapshot cadence, seconds of event time")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    grid = json.loads(args.grid)
    configs = [dict(zip(grid, values, strict=True)) for values in itertools.product(*grid.values())]
    corpus = load_corpus(args.folder)
    jobs = [(args.folder, s.name, c, args.cache, args.step) for c in configs for s in corpus.series]
    results: dict[str, dict[str, dict[int, list[str]]]] = {}
    with ProcessPoolExecutor(args.workers) as pool:
        for name, key, rows in pool.map(_run, jobs):
            results.setdefault(key, {})[name] = rows
    print(json.dumps(leave_one_out(list(corpus.series), results), indent=2))


if __name__ == "__main__":
    main()
