"""Panel builders with the house defaults: ClickHouse SQL targets, units, thresholds.

Example::

    stat("Negative rate", "SELECT 100 * sum(negative) / sum(scored) ...", unit="percent",
         steps=[("green", None), ("orange", 20), ("red", 35)])
"""

from __future__ import annotations

from collections.abc import Sequence

from grafana_foundation_sdk.builders import barchart, dashboard, prometheus
from grafana_foundation_sdk.builders import stat as stat_panel
from grafana_foundation_sdk.builders import table as table_panel
from grafana_foundation_sdk.builders import timeseries as ts_panel
from grafana_foundation_sdk.builders.common import ReduceDataOptions, StackingConfig, VizLegendOptions
from grafana_foundation_sdk.models.common import LegendDisplayMode, LegendPlacement, StackingMode
from grafana_foundation_sdk.models.dashboard import Threshold, ThresholdsMode

from grafana.datasources import CLICKHOUSE, PROMETHEUS
from grafana.query import SQL

Steps = Sequence[tuple[str, float | None]]
NEUTRAL: Steps = (("text", None),)


def visible_legend() -> VizLegendOptions:
    """A visible list legend below the graph (the SDK's default options hide it)."""
    return (VizLegendOptions().show_legend(True).display_mode(LegendDisplayMode.LIST)
            .placement(LegendPlacement.BOTTOM).calcs([]))


def thresholds(steps: Steps) -> dashboard.ThresholdsConfig:
    return (dashboard.ThresholdsConfig().mode(ThresholdsMode.ABSOLUTE)
            .steps([Threshold(value=v, color=c) for c, v in steps]))


def timeseries(title: str, sql: str, unit: str = "short", *, description: str = "", stacked: bool = False,
               steps: Steps = NEUTRAL, w: int = 12, h: int = 8) -> ts_panel.Panel:
    panel = (ts_panel.Panel().title(title).description(description).datasource(CLICKHOUSE)
             .with_target(SQL(sql)).unit(unit).thresholds(thresholds(steps)).span(w).height(h)
             .fill_opacity(25 if stacked else 8).line_width(1).legend(visible_legend()))
    return panel.stacking(StackingConfig().mode(StackingMode.NORMAL)) if stacked else panel


def stat(title: str, sql: str, unit: str = "short", *, description: str = "", steps: Steps = NEUTRAL,
         decimals: int = 1, w: int = 4, h: int = 4) -> stat_panel.Panel:
    return (stat_panel.Panel().title(title).description(description).datasource(CLICKHOUSE)
            .with_target(SQL(sql, "table")).unit(unit).decimals(decimals).thresholds(thresholds(steps))
            .reduce_options(ReduceDataOptions().calcs(["lastNotNull"]).values(False))
            .span(w).height(h))


def table(title: str, sql: str, *, description: str = "", w: int = 12, h: int = 8) -> table_panel.Panel:
    return (table_panel.Panel().title(title).description(description).datasource(CLICKHOUSE)
            .with_target(SQL(sql, "table")).span(w).height(h))


def bars(title: str, sql: str, unit: str = "short", *, description: str = "", stacked: bool = False,
         w: int = 12, h: int = 8) -> barchart.Panel:
    panel = (barchart.Panel().title(title).description(description).datasource(CLICKHOUSE)
             .with_target(SQL(sql, "table")).unit(unit).span(w).height(h).legend(visible_legend()))
    return panel.stacking(StackingMode.NORMAL) if stacked else panel


def prom_timeseries(title: str, series: dict[str, str], unit: str = "short", *, description: str = "",
                    steps: Steps = NEUTRAL, w: int = 12, h: int = 8) -> ts_panel.Panel:
    """A Prometheus time series panel: ``series`` maps legend format to PromQL."""
    panel = (ts_panel.Panel().title(title).description(description).datasource(PROMETHEUS)
             .unit(unit).thresholds(thresholds(steps)).span(w).height(h).fill_opacity(8).legend(visible_legend()))
    for ref, (legend, expr) in zip("ABCDEFGH", series.items(), strict=False):
        panel = panel.with_target(prometheus.Dataquery().expr(expr).legend_format(legend).ref_id(ref)
                                  .range().datasource(PROMETHEUS))
    return panel
