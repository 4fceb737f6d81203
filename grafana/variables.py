"""Template variables the boards share, each a ClickHouse query variable.

Every variable is multi-value with *All*: Grafana then inserts a quoted
list (``'chat','email'``), so panel SQL filters with ``IN ($channel)``;
large lists (topics, agents) use ``$__conditionalAll`` to drop the filter
when All is chosen.
"""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard
from grafana_foundation_sdk.models.dashboard import VariableOption, VariableRefresh, VariableSort

from grafana.datasources import CLICKHOUSE

# name -> (label, query listing its values)
QUERIES = {
    "channel": ("Channel", "SELECT DISTINCT channel FROM contact_minute ORDER BY channel"),
    "topic": ("Topic", "SELECT DISTINCT topic FROM topic_minute ORDER BY topic"),
    "team": ("Team", "SELECT DISTINCT team FROM agent_day WHERE team != '' ORDER BY team"),
    "agent": ("Agent", "SELECT DISTINCT agent_id FROM agent_day WHERE agent_id != '' "
                       "AND team IN ($team) ORDER BY agent_id"),
}


def variable(name: str) -> dashboard.QueryVariable:
    label, query = QUERIES[name]
    return (dashboard.QueryVariable(name).label(label).datasource(CLICKHOUSE).query(query)
            .multi(True).include_all(True).refresh(VariableRefresh.ON_DASHBOARD_LOAD)
            .sort(VariableSort.ALPHABETICAL_ASC)
            .current(VariableOption(selected=True, text="All", value="$__all")))


def min_answers(default: int = 20) -> dashboard.CustomVariable:
    """Volume guard for per-agent rankings: agents with fewer answers are not ranked."""
    return (dashboard.CustomVariable("min_answers").label("Min. answers")
            .values(",".join(str(v) for v in (5, 10, 20, 50, 100)))
            .current(VariableOption(selected=True, text=str(default), value=str(default))))

