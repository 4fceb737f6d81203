"""Every query of an exported board, expanded as Grafana would send it to ClickHouse.

Example::

    for q in panel_queries(load("cx-overview")):
        sql = q.expand({"channel": Selection.of("chat")}, TimeRange.last(now, hours=6))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from clickhouse_connect.driver.client import Client

from grafana.datasources import CLICKHOUSE_TYPE
from grafana.macros import expand
from grafana.templating import Selection, interpolate
from grafana.time_range import TimeRange, parse_duration_ms


@dataclass(frozen=True, slots=True)
class PanelQuery:
    board: str
    title: str
    panel_type: str
    raw_sql: str
    min_interval: str | None = None

    def expand(self, variables: Mapping[str, Selection], r: TimeRange) -> str:
        interval = r.interval_ms(self.min_interval)
        return expand(interpolate(self.raw_sql, variables, r, interval), r, interval)


def board_range(board: dict[str, Any], now: datetime) -> TimeRange:
    """The board's default time range (``now-6h`` to ``now``) ending at ``now``."""
    span = parse_duration_ms(board["time"]["from"].removeprefix("now-"))
    return TimeRange(now - timedelta(milliseconds=span), now)


def panel_queries(board: dict[str, Any]) -> Iterator[PanelQuery]:
    """The ClickHouse targets of every panel, plus the board's annotation queries."""
    for panel in board.get("panels", []):
        for target in panel.get("targets", []):
            if target.get("datasource", {}).get("type") == CLICKHOUSE_TYPE:
                yield PanelQuery(board["uid"], panel["title"], panel["type"], target["rawSql"],
                                 panel.get("interval"))
    for annotation in board.get("annotations", {}).get("list", []):
        if (target := annotation.get("target", {})).get("rawSql"):
            yield PanelQuery(board["uid"], annotation["name"], "annotations", target["rawSql"])


Choose = Callable[[str, list[str], str], Selection]


def everything(name: str, options: list[str], default: str) -> Selection:
    """All for query variables, the saved value for custom ones (e.g. a volume guard)."""
    return Selection.all(options) if default == "$__all" else Selection.of(default, multi=False)


def selections(client: Client, board: dict[str, Any], r: TimeRange, choose: Choose = everything) -> dict[str, Selection]:
    """Each ClickHouse or custom variable's options, resolved in order, and ``choose``'s pick among them."""
    chosen: dict[str, Selection] = {}
    for v in board.get("templating", {}).get("list", []):
        default = str(v.get("current", {}).get("value", ""))
        if v.get("type") == "custom":
            options = [o.strip() for o in v["query"].split(",")]
        elif v.get("type") == "query" and v.get("datasource", {}).get("type") == CLICKHOUSE_TYPE:
            sql = expand(interpolate(v["query"], chosen, r, 1000), r, 1000)
            options = [str(row[0]) for row in client.query(sql).result_rows]
        else:
            continue
        chosen[v["name"]] = choose(v["name"], options, default)
    return chosen
