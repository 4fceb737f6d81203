"""Pipeline health from the workers' Prometheus metrics (``sinks/metrics.py``)."""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard
from grafana_foundation_sdk.models.dashboard import VariableOption, VariableRefresh

from grafana.boards.base import board
from grafana.datasources import PROMETHEUS
from grafana.panels import prom_timeseries

UID = "cx-pipeline"
TITLE = "cxpulse pipeline health"

SEL = 'job=~"$job", instance=~"$instance"'
RATE = "$__rate_interval"


def _quantiles(metric: str) -> dict[str, str]:
    return {f"p{q}": f"histogram_quantile(0.{q}, sum by (le) (rate({metric}_bucket{{{SEL}}}[{RATE}])))"
            for q in (50, 95, 99)}


PANELS: list[tuple[str, dict[str, str], str, str]] = [
    ("Events in per second", {"{{kind}}": f"sum by (kind) (rate(cx_events_in_total{{{SEL}}}[{RATE}]))"}, "ops",
     "Events read from the kind topics."),
    ("Consumer lag", {"{{topic}}": f"sum by (topic) (cx_consumer_lag{{{SEL}}})"}, "short",
     "High-water mark minus the next offset, summed over partitions."),
    ("Dead letters per second", {"{{reason}} ({{origin}})":
                                 f"sum by (reason, origin) (rate(cx_dead_letters_total{{{SEL}}}[{RATE}]))"}, "ops",
     "Rejected inputs, kept in cx.dead-letters with their reason."),
    ("End-to-end latency (occurred -> stored)", _quantiles("cx_end_to_end_seconds"), "s", ""),
    ("Sentiment inference time per batch", _quantiles("cx_sentiment_seconds"), "s", ""),
    ("ClickHouse writes", {
        "rows/s": f"sum(rate(cx_clickhouse_rows_total{{{SEL}}}[{RATE}]))",
        "failed writes/s": f"sum(rate(cx_clickhouse_write_failures_total{{{SEL}}}[{RATE}]))",
        "p95 write s": f"histogram_quantile(0.95, sum by (le) (rate(cx_clickhouse_write_seconds_bucket{{{SEL}}}[{RATE}])))",
    }, "short", "Failed writes are retried; a steady non-zero rate means ClickHouse is unreachable."),
    ("Alert deliveries", {"{{target}} {{outcome}}":
                          f"sum by (target, outcome) (rate(cx_alerts_delivered_total{{{SEL}}}[{RATE}]))"}, "ops", ""),
    ("HTTP ingest", {"{{status}}": f"sum by (status) (rate(cx_http_requests_total{{{SEL}}}[{RATE}]))"}, "reqps", ""),
]


def _label_variable(name: str, query: str) -> dashboard.QueryVariable:
    return (dashboard.QueryVariable(name).label(name.title()).datasource(PROMETHEUS)
            .query({"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery", "qryType": 1})
            .multi(True).include_all(True).all_value(".*").refresh(VariableRefresh.ON_TIME_RANGE_CHANGED)
            .current(VariableOption(selected=True, text="All", value="$__all")))


def build() -> dashboard.Dashboard:
    result = (board(UID, TITLE, "Throughput, lag, dead letters, latency and write errors of the cxpulse workers.",
                    time_from="now-1h", refresh="30s")
              .with_variable(_label_variable("job", "label_values(cx_events_in_total, job)"))
              .with_variable(_label_variable("instance", 'label_values(cx_events_in_total{job=~"$job"}, instance)')))
    for title, series, unit, description in PANELS:
        result = result.with_panel(prom_timeseries(title, series, unit, description=description))
    return result
