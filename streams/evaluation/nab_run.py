"""``cxpulse eval detect --nab DIR``: the worker's detector on NAB-format series, scored NAB's way.

Example::

    report = evaluate_nab(load_corpus(Path("../shared/data/nab-realtweets-dev")), DetectorConfig())
    report["scores"]["standard"], report["series"][0]["windows_hit"]

Each series goes through its own fresh ``SpikeDetector`` with the given
config (the worker's defaults from ``Settings().detector_config()`` in the
CLI), fed as ``nab_feed`` describes. A row is a detection (anomaly_score
1.0) when an incident opens during it: that is a page. Scored with
``nab_score`` (NAB's rules and profiles, normalized null = 0, perfect =
100) and reported per series: windows hit, false incidents per day (opened
outside every window, after probation), delay of each window's first
detection from the window's start and from its centre (NAB centres a window
on its labelled point), and the published detectors' scores on the same
files beside ours.
"""

from __future__ import annotations

import bisect
import csv
import statistics
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from processors.detection import DetectorConfig, SpikeDetector
from streams.evaluation.nab_data import PROFILES, NabCorpus, NabSeries
from streams.evaluation.nab_feed import row_snapshots
from streams.evaluation.nab_score import WEIGHTS, normalized, probation_rows, score_series, window_rows


def detections(series: NabSeries, cfg: DetectorConfig, step_seconds: int = 15) -> dict[str, Any]:
    """Rows during which an incident opened, with the incidents' kinds, and the CPU time spent."""
    detector = SpikeDetector(cfg, {})
    starts = [t // 60_000 * 60_000 for t, _ in series.rows]
    rows: dict[int, list[str]] = {}
    cpu = time.process_time()
    for _, changed in row_snapshots(series, step_seconds):
        for note in detector.observe(changed):
            if note["change"] == "opened":
                row = bisect.bisect_right(starts, note["event_time_ms"]) - 1
                rows.setdefault(max(row, 0), []).append(note["title"])
    return {"rows": rows, "cpu_s": time.process_time() - cpu, "late": detector.state.clock().late}


def series_report(series: NabSeries, rows: dict[int, list[str]]) -> dict[str, Any]:
    scores = {p: score_series(series, rows, WEIGHTS[p]) for p in PROFILES}
    std = scores["standard"]
    probation = probation_rows(len(series.rows))
    spans = window_rows(series)
    period_min = series.period_ms / 60_000
    inside = {r for a, b in spans for r in range(a, b + 1)}
    false = sorted(r for r in rows if r >= probation and r not in inside)
    scored_days = (series.rows[-1][0] - series.rows[probation][0]) / 86_400_000
    delays = []
    for (a, b), hit in zip([s for s in spans if s[1] >= probation], std.first_hits, strict=True):
        centre = (a + b) / 2
        delays.append(None if hit is None else {"from_start_min": (hit - a) * period_min,
                                                  "from_label_min": (hit - centre) * period_min})
    return {"series": series.name, "rows": len(series.rows), "probation_rows": probation,
            "windows": std.windows, "windows_hit": std.windows_hit, "false_incidents": len(false),
            "false_incidents_per_day": round(len(false) / scored_days, 3), "fp_rows": std.fp_rows,
            "raw": {p: round(s.raw, 4) for p, s in scores.items()}, "delays": delays,
            "false_incident_titles": [t for r in false[:5] for t in rows[r]]}


def evaluate_nab(corpus: NabCorpus, cfg: DetectorConfig, step_seconds: int = 15,
                 results_dir: Path | None = None) -> dict[str, Any]:
    """The report; ``results_dir``: also write NAB results CSVs (``<file>.csv``) for NAB's own scorer."""
    per: list[Any] = []
    all_scores: dict[str, list[Any]] = {p: [] for p in PROFILES}
    for series in corpus.series:
        run = detections(series, cfg, step_seconds)
        rep = series_report(series, run["rows"]) | {"cpu_s": round(run["cpu_s"], 1), "late_snapshots": run["late"]}
        per.append(rep)
        for p in PROFILES:
            all_scores[p].append(score_series(series, run["rows"], WEIGHTS[p]))
        if results_dir is not None:
            write_results(series, run["rows"], results_dir)
    hits = [d for r in per for d in r["delays"] if d is not None]
    return {"step_seconds": step_seconds, "config": asdict(cfg),
            "scores": {p: round(normalized(all_scores[p], p), 2) for p in PROFILES},
            "windows": sum(r["windows"] for r in per), "windows_hit": sum(r["windows_hit"] for r in per),
            "false_incidents_per_day_per_series": round(statistics.mean(r["false_incidents_per_day"] for r in per), 3),
            "median_delay_from_start_min": _median([d["from_start_min"] for d in hits]),
            "median_delay_from_label_min": _median([d["from_label_min"] for d in hits]),
            "series": per, "published": corpus.published}


def write_results(series: NabSeries, rows: dict[int, list[str]], folder: Path) -> Path:
    from datetime import UTC, datetime

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{series.name}.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["timestamp", "value", "anomaly_score"])
        for i, (t, v) in enumerate(series.rows):
            stamp = datetime.fromtimestamp(t / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")
            w.writerow([stamp, v, 1.0 if i in rows else 0.0])
    return path


def table(report: dict[str, Any]) -> str:
    """The report as the text a person reads: ours per series, then the published detectors."""
    lines = [f"{'series':<22}{'windows':>9}{'false/day':>11}{'FP rows':>9}{'delay start':>13}{'delay label':>13}"]
    for r in report["series"]:
        ds = [d for d in r["delays"] if d is not None]
        lines.append(f"{r['series']:<22}{r['windows_hit']:>5}/{r['windows']:<3}{r['false_incidents_per_day']:>11.2f}"
                     f"{r['fp_rows']:>9}{_fmt(_median([d['from_start_min'] for d in ds])):>13}"
                     f"{_fmt(_median([d['from_label_min'] for d in ds])):>13}")
    s = report["scores"]
    lines.append(f"cxpulse NAB score: standard {s['standard']:.2f}, reward_low_FP {s['reward_low_FP_rate']:.2f}, "
                 f"reward_low_FN {s['reward_low_FN_rate']:.2f}; windows {report['windows_hit']}/{report['windows']}, "
                 f"{report['false_incidents_per_day_per_series']:.2f} false incidents/day/series "
                 "(delays in minutes, median per series)")
    if report["published"]:
        lines.append(f"{'published (same files)':<24}{'standard':>9}{'low_FP':>9}{'low_FN':>9}{'windows':>9}")
        ranked = sorted(report["published"].items(), key=lambda kv: -kv[1]["standard"])
        for name, p in [("cxpulse", {**s, "windows_hit": report["windows_hit"], "windows": report["windows"]}),
                        *ranked]:
            lines.append(f"{name:<24}{p['standard']:>9.2f}{p['reward_low_FP_rate']:>9.2f}"
                         f"{p['reward_low_FN_rate']:>9.2f}{p['windows_hit']:>6}/{p['windows']}")
    return "\n".join(lines)


def _median(xs: Sequence[float]) -> float | None:
    return round(statistics.median(xs), 1) if xs else None


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.0f}"
