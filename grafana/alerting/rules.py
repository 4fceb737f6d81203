"""The alert rules, built with grafana-foundation-sdk.

Rule SQL runs in Grafana's alerting backend, which expands only the plugin's
macros: no ``$__from``/``$__to``, no dashboard variables, no
``$__conditionalAll``. Every query is table-format: string label columns and
one number per row, each row an alert instance.

Rules:
- ``cx-incident-open``: an incident the spike detector has open (its own
  severity), so teams on Grafana alerting see what Alertmanager pages.
- ``cx-negative-rate``: a direct backstop that needs no learned baseline
  (detector warming up or down): with 99 % confidence more than 40 % of a
  channel's scored contacts in the last 15 minutes are negative (Wilson
  lower bound, at least 10 contacts); recovers when the bound drops under 30 %.
- ``cx-contacts-stopped``: contacts fell below a tenth of the previous
  hour's rate (publishers or the pipeline stopped); the board would
  otherwise look calm.
"""

from __future__ import annotations

from grafana_foundation_sdk.builders import alerting, expr
from grafana_foundation_sdk.models.alerting import RelativeTimeRange
from grafana_foundation_sdk.models.dashboard import DataSourceRef

from grafana.datasources import CLICKHOUSE_UID
from grafana.query import SQL

FOLDER_UID = "cxpulse"
GROUP = "cxpulse-spikes"
INTERVAL_SECONDS = 60
EXPR = "__expr__"

INCIDENT_OPEN = """
SELECT incident, severity, alert_group, text AS title, toFloat64(1) AS open
FROM alert_annotations
WHERE time <= $__toTime AND (time_end IS NULL OR time_end > $__toTime)
"""
# The 99 % Wilson lower bound of the negative share: few contacts never look like a spike.
NEGATIVE_RATE = """
WITH 2.576 AS z
SELECT channel,
       if(n >= 10, 100 * (p + z * z / (2 * n) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n), 0)
           AS negative_share_lower_bound
FROM (
    SELECT channel, sum(scored) AS n, sum(negative) / nullIf(sum(scored), 0) AS p
    FROM contact_minute
    WHERE $__timeFilter(minute)
    GROUP BY channel
)
"""
CONTACTS_STOPPED = """
SELECT toFloat64(if(before >= 40, recent / (before / 4), 1)) AS recent_vs_last_hour
FROM (
    SELECT sumIf(contacts, minute >= $__toTime - INTERVAL 15 MINUTE) AS recent,
           sumIf(contacts, minute < $__toTime - INTERVAL 15 MINUTE) AS before
    FROM contact_minute
    WHERE $__timeFilter(minute)
)
"""


def _threshold(kind: str, value: float, recover: tuple[str, float] | None = None) -> expr.TypeThreshold:
    condition = expr.ExprTypeThresholdConditions().evaluator(
        expr.ExprTypeThresholdConditionsEvaluator().type(kind).params([value]))  # type: ignore[arg-type]
    if recover:
        condition = condition.unload_evaluator(
            expr.ExprTypeThresholdConditionsUnloadEvaluator().type(recover[0]).params([recover[1]]))  # type: ignore[arg-type]
    return (expr.TypeThreshold().ref_id("B").expression("A").datasource(DataSourceRef(type_val=EXPR, uid=EXPR))
            .conditions([condition]))


def rule(uid: str, title: str, sql: str, seconds: int, threshold: expr.TypeThreshold, *, pending: str,
         summary: str, labels: dict[str, str], no_data: str = "OK") -> alerting.Rule:
    query = (alerting.Query("A").datasource_uid(CLICKHOUSE_UID)
             .relative_time_range(RelativeTimeRange(from_val=seconds, to=0)).model(SQL(sql, "table")))
    return (alerting.Rule(title).uid(uid).folder_uid(FOLDER_UID).rule_group(GROUP).condition("B")
            .with_query(query).with_query(alerting.Query("B").datasource_uid(EXPR).model(threshold))
            .for_val(pending).no_data_state(no_data).exec_err_state("Error")  # type: ignore[arg-type]
            .labels({"product": "cxpulse", **labels})
            .annotations({"summary": summary, "__dashboardUid__": "cx-overview"}))


def rules() -> list[alerting.Rule]:
    return [
        rule("cx-incident-open", "CX incident open", INCIDENT_OPEN, 3600, _threshold("gt", 0), pending="0s",
             summary="{{ $labels.title }}", labels={"source": "detector"}),
        rule("cx-negative-rate", "Negative rate clearly above 40% on a channel", NEGATIVE_RATE, 900,
             _threshold("gt", 40, ("lt", 30)), pending="5m", labels={"source": "threshold", "severity": "warning"},
             summary="{{ $labels.channel }}: at least {{ humanize $values.A.Value }}% of scored contacts negative "
                     "in the last 15 min (99% confidence)"),
        rule("cx-contacts-stopped", "Contacts stopped arriving", CONTACTS_STOPPED, 4500,
             _threshold("lt", 0.1, ("gt", 0.3)), pending="10m", labels={"source": "threshold", "severity": "critical"},
             summary="Contacts in the last 15 min are under 10% of the previous hour's rate: check publishers "
                     "and the cxpulse pipeline board"),
    ]


def group() -> alerting.RuleGroup:
    return alerting.RuleGroup(GROUP).folder_uid(FOLDER_UID).interval(INTERVAL_SECONDS).rules(rules())  # type: ignore[arg-type]
