"""``cxpulse board snapshot``: the boards as PNGs, drawn from the very queries Grafana runs.

For people without a Grafana (and for reviewers): each panel's SQL is
expanded for the board's default time range (ending at ``now``, by default
the newest stored event) with every variable at All, run on ClickHouse, and
drawn where the panel sits on the board. Incidents shade the time series.

Example::

    paths = snapshot(connect("chdb:///.cxpulse/clickhouse"), Path("snapshots"))
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clickhouse_connect.driver.client import Client

from grafana.export import load
from grafana.frames import Frame, fetch
from grafana.panel_queries import board_range, everything, panel_queries, selections
from grafana.time_range import TimeRange

BOARDS = ("cx-overview", "cx-friction", "cx-agents", "cx-social", "cx-accounts")
ROW_INCHES = 0.42


def latest_event(client: Client) -> datetime:
    newest = client.command("SELECT toUnixTimestamp(max(occurred_at)) FROM events")
    return datetime.fromtimestamp(int(str(newest)), UTC) if newest else datetime.now(UTC)


def snapshot(client: Client, out: Path, boards: tuple[str, ...] = BOARDS, now: datetime | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    at = now or latest_event(client)
    return [_board(client, load(uid), at, out / f"{uid}.png") for uid in boards]


def board_frames(client: Client, board: dict[str, Any], r: TimeRange) -> tuple[dict[str, Frame], Frame | None]:
    chosen = selections(client, board, r, everything)
    frames, annotations = {}, None
    for q in panel_queries(board):
        try:
            frame = fetch(client, q.expand(chosen, r))
        except Exception as exc:  # noqa: BLE001 - a broken panel is drawn as such, the rest still render
            frame = Frame(("error",), ("String",), ((str(exc).splitlines()[0][:120],),))
        if q.panel_type == "annotations":
            annotations = frame
        else:
            frames[q.title] = frame
    return frames, annotations


def _spans(frame: Frame | None, r: TimeRange) -> list[tuple[datetime, datetime | None]]:
    """Incident regions, clipped to the range (an incident may outlast it)."""
    if frame is None or not frame.rows:
        return []
    t, end = frame.columns.index("time"), frame.columns.index("timeEnd")
    stop = r.end.replace(tzinfo=None)
    return [(row[t], min(row[end] or stop, stop)) for row in frame.rows]


def _board(client: Client, board: dict[str, Any], now: datetime, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from grafana.draw import draw

    r = board_range(board, now)
    frames, annotations = board_frames(client, board, r)
    rows = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in board["panels"])
    fig = plt.figure(figsize=(18, rows * ROW_INCHES + 1))
    grid = fig.add_gridspec(rows, 24, hspace=3.0, wspace=1.2)
    for panel in board["panels"]:
        g = panel["gridPos"]
        ax = fig.add_subplot(grid[g["y"]:g["y"] + g["h"], g["x"]:g["x"] + g["w"]])
        draw(ax, panel, frames.get(panel["title"], Frame((), (), ())), _spans(annotations, r))
    fig.suptitle(f"{board['title']}  ({r.start:%Y-%m-%d %H:%M} to {r.end:%Y-%m-%d %H:%M} UTC, all variables)",
                 x=0.01, ha="left", fontsize=12)
    fig.savefig(path, dpi=80, bbox_inches="tight")
    plt.close(fig)
    return path
