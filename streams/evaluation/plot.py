"""The PNG of one incident: negative rate, baseline, significance threshold, alerts."""

# matplotlib plots datetimes on its axes; its type stubs only name floats.
# mypy: disable-error-code="arg-type"

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from streams.evaluation.trace import Trace


def plot_incident(trace: Trace, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def when(ms_or_s: float, ms: bool = False) -> datetime:
        return datetime.fromtimestamp(ms_or_s / 1000 if ms else ms_or_s, UTC)

    points = [p for p in trace.minutes if p["baseline"] is not None]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    xs = [when(p["t"]) for p in points]
    ax.plot(xs, [p["observed"] for p in points], label=f"negative rate, last 5 min ({trace.series})", color="C3")
    ax.plot(xs, [p["baseline"] for p in points], label="baseline (hour-of-week profile)", color="C0")
    ax.fill_between(xs, [p["baseline"] for p in points], [p["threshold"] or 1.0 for p in points],
                    color="C0", alpha=0.15, label="normal band (below the alpha threshold)")
    inc = trace.planned.incident
    begin = trace.begin_ms + 60 * 60_000
    ax.axvspan(when(begin, True), when(begin + inc.duration.total_seconds() * 1000, True), color="0.85",
               label=f"injected: {trace.planned.label}")
    for i, t in enumerate(trace.ours):
        ax.axvline(when(t, True), color="C2", lw=2, label="cxpulse alert" if i == 0 else None)
    for i, t in enumerate(trace.theirs):
        ax.axvline(when(t, True), color="C1", ls="--", label="HalfSpaceTrees alert" if i == 0 else None)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of contacts")
    ax.set_title("cxpulse eval detect: one injected incident")
    ax.legend(loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
