"""The two datasources every board and rule points at, by fixed uid.

The provisioning file (``grafana/provisioning/datasources/cxpulse.yaml``)
creates them with these uids, so exported JSON works in any Grafana.
"""

from __future__ import annotations

from grafana_foundation_sdk.models.dashboard import DataSourceRef

CLICKHOUSE_TYPE = "grafana-clickhouse-datasource"
CLICKHOUSE_UID = "cxpulse-clickhouse"
CLICKHOUSE_PLUGIN_VERSION = "4.20.0"
PROMETHEUS_TYPE = "prometheus"
PROMETHEUS_UID = "cxpulse-prometheus"

CLICKHOUSE = DataSourceRef(type_val=CLICKHOUSE_TYPE, uid=CLICKHOUSE_UID)
PROMETHEUS = DataSourceRef(type_val=PROMETHEUS_TYPE, uid=PROMETHEUS_UID)
