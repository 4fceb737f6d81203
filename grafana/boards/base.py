"""What every cxpulse board shares: tags, time settings, links, incident annotations."""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard

from grafana.datasources import CLICKHOUSE
from grafana.query import SQL

TAG = "cxpulse"

# CX incidents from the detector (migration 0003), drawn as regions on every time series.
# Per-account bursts are for account managers (the accounts board), not the whole floor.
NOT_ACCOUNT = "alert_group NOT LIKE 'account:%'"
INCIDENTS = f"""
SELECT time, time_end AS timeEnd, concat('[', severity, '] ', text) AS text, [severity, alert_group] AS tags
FROM alert_annotations
WHERE {NOT_ACCOUNT} AND time <= $__toTime AND (time_end IS NULL OR time_end >= $__fromTime)
ORDER BY time
"""


def board(uid: str, title: str, description: str, *, time_from: str = "now-6h",
          refresh: str = "1m") -> dashboard.Dashboard:
    return (dashboard.Dashboard(title).uid(uid).description(description).tags([TAG])
            .time(time_from, "now").refresh(refresh).timezone("browser").editable()
            .link(dashboard.DashboardLink("cxpulse boards").tags([TAG]).as_dropdown(True)
                  .include_vars(False).keep_time(True))
            .annotation(incidents()))


def incidents() -> dashboard.AnnotationQuery:
    # The SDK types annotation targets for Grafana's built-in source; the plugin takes its own query.
    return (dashboard.AnnotationQuery().name("Incidents").datasource(CLICKHOUSE).enable(True)
            .icon_color("red").target(SQL(INCIDENTS, "table", "Anno")))


def filters(*names: str) -> str:
    """``$__conditionalAll`` filters: All (or nothing chosen) drops the condition."""
    column = {"channel": "channel", "team": "team", "topic": "topic", "agent": "agent_id"}
    return " AND ".join(f"$__conditionalAll({column[n]} IN (${n}), ${n})" for n in names)
