"""Draw one panel's frame on a matplotlib axis, close to how Grafana shows it.

Time series pivot long results (time, label..., value) to one line per
label set; stats show the first value with its unit; bar charts group by
their first label; tables show the first rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from matplotlib.axes import Axes

from grafana.frames import Frame

UNITS = {"percent": "%", "s": " s", "currencyUSD": " $"}
TABLE_ROWS = 8
COLORS = {"Positive": "tab:green", "Neutral": "tab:gray", "Negative": "tab:red"}


def draw(ax: Axes, panel: dict[str, Any], frame: Frame, spans: Sequence[tuple[datetime, datetime | None]]) -> None:
    ax.set_title(panel["title"], fontsize=9, loc="left")
    if not frame.rows:
        _text(ax, "No data", 12)
        return
    {"stat": _stat, "timeseries": _timeseries, "barchart": _bars}.get(panel["type"], _table)(ax, panel, frame)
    if panel["type"] == "timeseries":
        for start, end in spans:
            ax.axvspan(start, end or ax.get_xlim()[1], color="red", alpha=0.1)  # type: ignore[arg-type]


def _unit(panel: dict[str, Any]) -> str:
    return UNITS.get(panel.get("fieldConfig", {}).get("defaults", {}).get("unit", ""), "")


def _text(ax: Axes, text: str, size: int) -> None:
    ax.axis("off")
    ax.text(0.5, 0.45, text, ha="center", va="center", fontsize=size, transform=ax.transAxes)


def _stat(ax: Axes, panel: dict[str, Any], frame: Frame) -> None:
    value = frame.rows[0][frame.indexes("value")[0]]
    decimals = int(panel.get("fieldConfig", {}).get("defaults", {}).get("decimals", 1))
    if value is None:
        text = "-"
    elif _unit(panel) == " s":
        text = duration(float(value))
    else:
        text = f"{value:,.{decimals}f}{_unit(panel)}"
    _text(ax, text, 20)


def duration(seconds: float) -> str:
    """Seconds the way Grafana's ``s`` unit shows them: in the largest unit that reads well."""
    for limit, size, name in ((90, 1, "s"), (5_400, 60, "min"), (172_800, 3_600, "h")):
        if abs(seconds) < limit:
            return f"{seconds / size:.1f} {name}"
    return f"{seconds / 86_400:.1f} days"


def series(frame: Frame) -> dict[str, tuple[list[Any], list[float]]]:
    """Long to wide: one (times, values) per value column and label set."""
    labels, out = frame.indexes("label"), defaultdict(lambda: ([], []))  # type: ignore[var-annotated]
    for row in frame.rows:
        prefix = " ".join(str(row[i]) for i in labels)
        for i in frame.indexes("value"):
            name = f"{prefix} {frame.columns[i]}".strip() if len(frame.indexes("value")) > 1 or not prefix else prefix
            out[name][0].append(row[0])
            out[name][1].append(float("nan") if row[i] is None else float(row[i]))
    return dict(out)


def _timeseries(ax: Axes, panel: dict[str, Any], frame: Frame) -> None:
    data = series(frame)
    stacked = panel.get("fieldConfig", {}).get("defaults", {}).get("custom", {}).get("stacking", {}).get("mode")
    if stacked == "normal" and len({tuple(t) for t, _ in data.values()}) == 1:
        times = next(iter(data.values()))[0]
        ax.stackplot(times, *[v for _, v in data.values()], labels=list(data), alpha=0.8,
                     colors=[COLORS[n] for n in data] if set(data) <= set(COLORS) else None)
    else:
        for name, (times, values) in data.items():
            ax.plot(times, values, label=name, linewidth=1, color=COLORS.get(name))
    ax.legend(fontsize=6, loc="upper left")
    ax.tick_params(labelsize=6)
    ax.set_ylabel(_unit(panel).strip(), fontsize=7)


def _bars(ax: Axes, panel: dict[str, Any], frame: Frame) -> None:
    names = [str(r[frame.indexes("label")[0]]) for r in frame.rows]
    bottom = [0.0] * len(names)
    width = 0.8 / max(len(frame.indexes("value")), 1)
    stacked = (panel.get("options") or {}).get("stacking") == "normal"
    for n, i in enumerate(frame.indexes("value")):
        values = [float(r[i] or 0) for r in frame.rows]
        xs = [x if stacked else x + n * width for x in range(len(names))]
        ax.bar(xs, values, width=0.8 if stacked else width, bottom=bottom if stacked else None, label=frame.columns[i])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)] if stacked else bottom
    ax.set_xticks(range(len(names)), names, rotation=60, fontsize=6, ha="right")
    ax.legend(fontsize=6)
    ax.tick_params(labelsize=6)


def _table(ax: Axes, panel: dict[str, Any], frame: Frame) -> None:
    ax.axis("off")
    cells = [[_cell(v) for v in row] for row in frame.rows[:TABLE_ROWS]]
    table = ax.table(cellText=cells, colLabels=list(frame.columns), loc="upper center", cellLoc="left")
    table.auto_set_font_size(False)
    table.set_fontsize(6)
    if len(frame.rows) > TABLE_ROWS:
        ax.text(0, 0, f"{len(frame.rows)} rows, first {TABLE_ROWS} shown", fontsize=6, transform=ax.transAxes)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, datetime):
        return value.strftime("%m-%d %H:%M")
    text = " ".join(str(value).split()) if value is not None else ""
    return text if len(text) <= 40 else text[:39] + "…"
