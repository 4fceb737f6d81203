"""A ClickHouse plugin (v4) query for grafana-foundation-sdk panels.

The SDK has no ClickHouse query type, so this is the small one the plugin
expects: raw SQL, a query type and the integer ``format`` (0 time series,
1 table). ``pluginVersion`` must be set or the frontend treats it as a v3
query.

Example::

    panel.with_target(SQL("SELECT $__timeInterval(minute) AS time, sum(contacts) ..."))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from grafana_foundation_sdk.cog import builder as cogbuilder
from grafana_foundation_sdk.cog import variants as cogvariants

from grafana.datasources import CLICKHOUSE_PLUGIN_VERSION, CLICKHOUSE_TYPE, CLICKHOUSE_UID

Format = Literal["timeseries", "table"]
FORMATS: dict[Format, int] = {"timeseries": 0, "table": 1}


@dataclass(frozen=True)
class ClickHouseQuery(cogvariants.Dataquery):
    raw_sql: str
    query_type: Format = "timeseries"
    ref_id: str = "A"

    def to_json(self) -> dict[str, Any]:
        return {
            "datasource": {"type": CLICKHOUSE_TYPE, "uid": CLICKHOUSE_UID},
            "editorType": "sql",
            "format": FORMATS[self.query_type],
            "pluginVersion": CLICKHOUSE_PLUGIN_VERSION,
            "queryType": self.query_type,
            "rawSql": self.raw_sql,
            "refId": self.ref_id,
        }


class SQL(cogbuilder.Builder[ClickHouseQuery]):
    """Builder for :class:`ClickHouseQuery`; the SQL is dedented and stripped."""

    def __init__(self, raw_sql: str, query_type: Format = "timeseries", ref_id: str = "A") -> None:
        self._query = ClickHouseQuery(_tidy(raw_sql), query_type, ref_id)

    def build(self) -> ClickHouseQuery:
        return self._query


def _tidy(sql: str) -> str:
    import textwrap

    return textwrap.dedent(sql).strip()
