"""Evaluate a Grafana-managed rule on ClickHouse the way Grafana's alerting backend would.

Only what the rules here use: ClickHouse queries in table format (one
number per row, string columns as labels, each row an instance) and
threshold expressions with an optional recovery threshold. Macros expand
with alerting's defaults (no dashboard variables, a 1 s interval unless the
query sets ``intervalMs``). No rows means NoData, mapped by ``noDataState``.

Example::

    states = evaluate(rule_documents()[0], client, now)
    # {(("incident", "a1b2"), ("severity", "critical"), ...): "Alerting"}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from clickhouse_connect.driver.client import Client

from grafana.frames import Frame, fetch
from grafana.macros import expand
from grafana.time_range import TimeRange

Labels = tuple[tuple[str, str], ...]
Instances = dict[Labels, float]

_EVALUATORS = {
    "gt": lambda v, p: v > p[0], "lt": lambda v, p: v < p[0], "gte": lambda v, p: v >= p[0],
    "lte": lambda v, p: v <= p[0], "eq": lambda v, p: v == p[0], "ne": lambda v, p: v != p[0],
    "within_range": lambda v, p: p[0] < v < p[1], "outside_range": lambda v, p: v < p[0] or v > p[1],
}


class RuleError(ValueError):
    """The rule's query cannot be evaluated as Grafana would (it would be in the Error state)."""


def query_sql(item: Mapping[str, Any], now: datetime) -> str:
    span = item["relativeTimeRange"]
    r = TimeRange(now - timedelta(seconds=span["from"]), now - timedelta(seconds=span["to"]))
    return expand(item["model"]["rawSql"], r, int(item["model"].get("intervalMs", 1000)))


def instances(frame: Frame) -> Instances:
    """A table-format result as alert instances: labels from strings, the one number as value."""
    if not frame.rows:
        return {}  # NoData (the embedded engine may not even name the columns)
    if frame.indexes("time"):
        raise RuleError("table-format alert queries must not return a time column")
    values = frame.indexes("value")
    if len(values) != 1:
        raise RuleError(f"exactly one numeric column is needed, got {[frame.columns[i] for i in values]}")
    labels = frame.indexes("label")
    out: Instances = {}
    for row in frame.rows:
        key = tuple((frame.columns[i], str(row[i])) for i in labels)
        if key in out:
            raise RuleError(f"duplicate label set {key}")
        out[key] = float("nan") if row[values[0]] is None else float(row[values[0]])
    return out


def threshold(model: Mapping[str, Any], data: Instances, firing: set[Labels] | None = None) -> dict[Labels, bool]:
    """Grafana's threshold: the firing condition, or, for instances already firing, not yet recovered."""
    condition = model["conditions"][0]
    fire, recover = condition["evaluator"], condition.get("unloadEvaluator")
    out = {}
    for labels, value in data.items():
        if recover and firing and labels in firing:
            out[labels] = not _EVALUATORS[recover["type"]](value, recover["params"])
        else:
            out[labels] = _EVALUATORS[fire["type"]](value, fire["params"])
    return out


def evaluate(rule: Mapping[str, Any], client: Client, now: datetime,
             firing: set[Labels] | None = None) -> dict[Labels, str]:
    """Instance states at ``now``: Alerting or Normal, or the rule's NoData state when nothing came back."""
    results: dict[str, Instances] = {}
    condition: dict[Labels, bool] = {}
    for item in rule["data"]:
        model = item["model"]
        if item["datasourceUid"] == "__expr__":
            if model["type"] != "threshold":
                raise RuleError(f"expression type {model['type']} is not supported here")
            condition = threshold(model, results[model["expression"]], firing)
            results[item["refId"]] = {k: float(v) for k, v in condition.items()}
        else:
            results[item["refId"]] = instances(fetch(client, query_sql(item, now)))
    final = results[rule["condition"]]
    if not final:
        return {(): {"OK": "Normal"}.get(rule["noDataState"], rule["noDataState"])}
    return {labels: "Alerting" if value else "Normal" for labels, value in final.items()}
