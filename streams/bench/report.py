"""Print, save (JSON) and plot (PNG) one benchmark run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def ratios(r: dict[str, Any]) -> dict[str, float]:
    model = r["model_only"]["events_per_s"]
    return {"full_over_model": round(r["full"]["events_per_s"] / model, 2),
            "framework_over_model": round(r["framework"]["events_per_s"] / model, 2),
            "two_workers_over_one": round(r["two_workers"]["events_per_s"] / r["full"]["events_per_s"], 2),
            # the floors: what Faust and the broker alone do on the same topics, in the same run
            "framework_over_faust_floor": round(r["framework"]["events_per_s"] / r["floor_faust"]["events_per_s"], 2),
            "faust_floor_over_kafka_floor": round(r["floor_faust"]["events_per_s"]
                                                  / r["floor_kafka"]["events_per_s"], 2)}


def print_report(r: dict[str, Any]) -> None:
    print(f"\n{'scenario':<34}{'events/s':>10}{'peak RSS MB':>13}{'CPU %':>8}")
    rows = [("0a floor: aiokafka alone", r["floor_kafka"]), ("0b floor: Faust pass-through", r["floor_faust"]),
            ("1 model only (sentiment runtime)", r["model_only"]),
            ("2 pipeline, constant sentiment", r["framework"]), ("3 full pipeline, 1 worker", r["full"]),
            ("4 full pipeline, 2 workers", r["two_workers"])]
    for name, s in rows:
        print(f"{name:<34}{s['events_per_s']:>10}{s.get('peak_rss_mb', '-'):>13}"
              f"{s.get('mean_cpu_percent', '-'):>8}")
    print(f"\n{'paced run':<20}{'rate/s':>8}{'p50 s':>8}{'p95 s':>8}{'p99 s':>8}{'max lag':>9}{'peak RSS':>10}")
    for name in ("latency_50", "latency_90", "burst_3x"):
        s = r[name]
        print(f"{name:<20}{s['rate']:>8}{s['p50_s']:>8.2f}{s['p95_s']:>8.2f}{s['p99_s']:>8.2f}"
              f"{s['max_lag']:>9.0f}{s['peak_rss_mb']:>10}")
    print_cpu(rows)
    print("\nratios:", json.dumps(r["ratios"]))
    print("two-worker split:", r["two_workers"]["per_worker"])


PARTS = ("model", "event_loop", "clickhouse", "broker", "other_python", "process", "total")  # process: a floor's whole process


def print_cpu(rows: list[tuple[str, dict[str, Any]]]) -> None:
    """Where each event's CPU goes: the budget that bounds throughput on shared cores."""
    print(f"\n{'CPU ms per event':<34}" + "".join(f"{p:>13}" for p in PARTS))
    for name, s in rows:
        cpu = s.get("cpu_ms_per_event", {})
        print(f"{name:<34}" + "".join(f"{cpu.get(p, 0.0):>13.3f}" for p in PARTS))


def save(r: dict[str, Any], out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    stamp = r["started"].replace(":", "").replace("-", "")[:15]
    data, plot = out / f"bench-{stamp}.json", out / f"bench-{stamp}.png"
    data.write_text(json.dumps(r, indent=2))
    _plot(r, plot)
    return data, plot


def _plot(r: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b, c) = plt.subplots(3, 1, figsize=(9, 10))
    for key, label in (("framework", "constant sentiment"), ("full", "full, 1 worker"),
                       ("two_workers", "full, 2 workers")):
        a.plot(r[key]["throughput_timeline"], label=label)
    a.set(title="Drain throughput (events/s on cx.enriched)", xlabel="s", ylabel="events/s")
    for key in ("latency_50", "latency_90", "burst_3x"):
        b.plot(r[key]["p95_timeline_s"], label=f"{key} ({r[key]['rate']}/s)")
        c.plot(r[key]["lag_timeline"], label=key)
    b.set(title="End-to-end latency p95 per second (occurred -> stored)", xlabel="s", ylabel="s")
    c.set(title="Consumer lag", xlabel="s", ylabel="messages")
    for ax in (a, b, c):
        ax.legend()
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
