"""Agent and team performance: backlog, allocation, first-contact resolution, resolution time, CSAT."""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard

from grafana.boards.base import board, filters
from grafana.panels import bars, stat, table, timeseries
from grafana.variables import min_answers, variable

UID = "cx-agents"
TITLE = "CX agents and teams"

WHO = filters("team", "agent")
DAYS = f"$__dateFilter(day) AND {WHO}"
RESOLVED = f"resolved_at >= $__fromTime AND resolved_at <= $__toTime AND {WHO}"
HOURS = f"hour >= toStartOfHour($__fromTime) AND hour <= $__toTime AND agent_id != '' AND {WHO}"

BACKLOG = f"SELECT countIf(is_open) AS backlog FROM cases WHERE {WHO}"
# 0 when nothing is open (a stat shows "No data" for NULL).
OLDEST = f"SELECT ifNull(dateDiff('second', minIf(opened_at, is_open), now()), 0) AS oldest_open FROM cases WHERE {WHO}"
FCR = f"""
SELECT 100 * countIf(first_contact_resolution) / nullIf(countIf(resolved_at IS NOT NULL), 0) AS fcr
FROM cases WHERE {RESOLVED}
"""
RESOLUTION = f"""
SELECT quantileExactInclusive(0.5)(resolution_seconds) AS p50, quantileExactInclusive(0.9)(resolution_seconds) AS p90
FROM cases WHERE {RESOLVED}
"""
BALANCE = f"""
SELECT stddevPop(n) / nullIf(avg(n), 0) AS allocation_balance
FROM (SELECT agent_id, sum(opened) AS n FROM agent_day WHERE {DAYS} GROUP BY agent_id)
"""
CSAT = f"""
SELECT 100 * sumIf(responses, score >= 4) / nullIf(sum(responses), 0) AS csat
FROM survey_hour WHERE survey_type = 'csat' AND {HOURS}
"""
FLOW = f"""
SELECT toStartOfInterval(toDateTime(day), INTERVAL greatest($__interval_s, 86400) second) AS time,
       sum(opened) AS Opened, sum(resolved) AS Resolved, sum(reopened) AS Reopened
FROM agent_day WHERE {DAYS}
GROUP BY time ORDER BY time
"""
ALLOCATION = f"""
SELECT agent_id AS agent, sum(opened) AS Opened, sum(resolved) AS Resolved
FROM agent_day WHERE {DAYS}
GROUP BY agent ORDER BY Opened DESC, agent
LIMIT 40
"""
SCORECARD = f"""
SELECT d.agent_id AS agent, d.agent_team AS Team, d.opened AS opened, d.resolved AS resolved,
       round(100 * c.fcr, 1) AS `FCR %`, round(c.p50 / 3600, 1) AS `resolution p50 h`,
       round(100 * s.csat, 1) AS `CSAT %`, s.answers AS answers
FROM (SELECT agent_id, any(team) AS agent_team, sum(opened) AS opened, sum(resolved) AS resolved
      FROM agent_day WHERE {DAYS} GROUP BY agent_id) AS d
LEFT JOIN (SELECT agent_id, countIf(first_contact_resolution) / nullIf(count(), 0) AS fcr,
                  quantileExactInclusive(0.5)(resolution_seconds) AS p50
           FROM cases WHERE {RESOLVED} GROUP BY agent_id) AS c ON c.agent_id = d.agent_id
LEFT JOIN (SELECT agent_id, sum(responses) AS answers, sumIf(responses, score >= 4) / answers AS csat
           FROM survey_hour WHERE survey_type = 'csat' AND {HOURS} GROUP BY agent_id) AS s ON s.agent_id = d.agent_id
ORDER BY opened DESC, agent
"""
# Ranked among agents with at least $min_answers CSAT answers; ties: more answers, then agent id.
RANKED = f"""
SELECT agent_id AS agent, any(team) AS Team, sum(responses) AS answers,
       round(100 * sumIf(responses, score >= 4) / answers, 1) AS `CSAT %`
FROM survey_hour WHERE survey_type = 'csat' AND {HOURS}
GROUP BY agent HAVING answers >= $min_answers
ORDER BY `CSAT %` {{order}}, answers DESC, agent
LIMIT 10
"""


def build() -> dashboard.Dashboard:
    return (board(UID, TITLE, "Backlog, allocation, first-contact resolution, resolution time and CSAT "
                  "per team and agent; rankings only count agents with enough answers.", time_from="now-7d",
                  refresh="5m")
            .with_variable(variable("team")).with_variable(variable("agent")).with_variable(min_answers())
            .with_panel(stat("Backlog (open cases now)", BACKLOG, "none", decimals=0))
            .with_panel(stat("Oldest open case", OLDEST, "s", decimals=0))
            .with_panel(stat("First-contact resolution", FCR, "percent", steps=[("red", None), ("orange", 60),
                                                                                  ("green", 75)]))
            .with_panel(stat("Resolution time", RESOLUTION, "s", decimals=0))
            .with_panel(stat("Allocation balance (CV, 0 = even)", BALANCE, "none", decimals=2,
                             steps=[("green", None), ("orange", 0.3), ("red", 0.5)]))
            .with_panel(stat("CSAT", CSAT, "percent", steps=[("red", None), ("orange", 70), ("green", 85)]))
            .with_panel(timeseries("Cases opened, resolved, reopened", FLOW, "short").interval("1d"))
            .with_panel(bars("Allocation: cases per agent", ALLOCATION, "short"))
            .with_panel(table("Top performers (CSAT)", RANKED.format(order="DESC")))
            .with_panel(table("Needs support (lowest CSAT)", RANKED.format(order="ASC")))
            .with_panel(table("Agent scorecard", SCORECARD, w=24, h=10)))
