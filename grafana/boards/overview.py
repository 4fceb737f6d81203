"""Live CX overview: how many customers contact us, how they feel, and what is on fire."""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard

from grafana.boards.base import NOT_ACCOUNT, board, filters
from grafana.panels import stat, table, timeseries
from grafana.variables import variable

UID = "cx-overview"
TITLE = "CX overview"

WHERE = f"$__timeFilter(minute) AND {filters('channel', 'team')}"
HOURS = f"hour >= toStartOfHour($__fromTime) AND hour <= $__toTime AND {filters('team')}"
NEGATIVE = [("green", None), ("orange", 20), ("red", 35)]
NPS = [("red", None), ("orange", 0), ("green", 30)]
CSAT = [("red", None), ("orange", 70), ("green", 85)]
CES = [("green", None), ("orange", 3.5), ("red", 4.5)]

CONTACTS = f"SELECT sum(contacts) AS contacts FROM contact_minute WHERE {WHERE}"
NEGATIVE_RATE = f"SELECT 100 * sum(negative) / nullIf(sum(scored), 0) AS negative_rate FROM contact_minute WHERE {WHERE}"
SURVEY = "SELECT {expr} AS {name} FROM survey_hour WHERE survey_type = '{kind}' AND " + HOURS
NPS_EXPR = "100 * (sumIf(responses, score >= 9) - sumIf(responses, score <= 6)) / nullIf(sum(responses), 0)"
CSAT_EXPR = "100 * sumIf(responses, score >= 4) / nullIf(sum(responses), 0)"
CES_EXPR = "sum(responses * score) / nullIf(sum(responses), 0)"
OPEN_INCIDENTS = f"""
SELECT count() AS open_incidents FROM alert_annotations
WHERE {NOT_ACCOUNT} AND time <= $__toTime AND (time_end IS NULL OR time_end > $__toTime)
"""
VOLUME = f"""
SELECT $__timeInterval(minute) AS time, channel, sum(contacts) AS contacts
FROM contact_minute WHERE {WHERE}
GROUP BY time, channel ORDER BY time
"""
MIX = f"""
SELECT $__timeInterval(minute) AS time, sum(positive) AS Positive,
       sum(scored) - sum(positive) - sum(negative) AS Neutral, sum(negative) AS Negative
FROM contact_minute WHERE {WHERE}
GROUP BY time ORDER BY time
"""
# Baseline: the same weekday and hour over the four weeks before the range.
VS_BASELINE = f"""
SELECT cur.time AS time, cur.negative_rate AS negative_rate, base.rate AS baseline_same_hour_4w
FROM (
    SELECT $__timeInterval(minute) AS time, toDayOfWeek(time) AS wd, toHour(time) AS h,
           100 * sum(negative) / nullIf(sum(scored), 0) AS negative_rate
    FROM contact_minute WHERE {WHERE}
    GROUP BY time ORDER BY time
) AS cur
LEFT JOIN (
    SELECT toDayOfWeek(minute) AS wd, toHour(minute) AS h, 100 * sum(negative) / nullIf(sum(scored), 0) AS rate
    FROM contact_minute
    WHERE minute >= $__fromTime - INTERVAL 28 DAY AND minute < $__fromTime AND {filters('channel', 'team')}
    GROUP BY wd, h
) AS base ON cur.wd = base.wd AND cur.h = base.h
ORDER BY time
"""
SURVEY_TREND = f"""
SELECT toStartOfInterval(hour, INTERVAL greatest($__interval_s, 3600) second) AS time,
       100 * (sumIf(responses, survey_type = 'nps' AND score >= 9) - sumIf(responses, survey_type = 'nps' AND score <= 6))
           / nullIf(sumIf(responses, survey_type = 'nps'), 0) AS nps,
       100 * sumIf(responses, survey_type = 'csat' AND score >= 4) / nullIf(sumIf(responses, survey_type = 'csat'), 0) AS csat
FROM survey_hour WHERE {HOURS}
GROUP BY time ORDER BY time
"""
INCIDENTS = f"""
SELECT time AS opened, time_end AS resolved, status, severity, text AS incident,
       arrayStringConcat(series, ', ') AS series, board_url AS link
FROM alert_annotations
WHERE {NOT_ACCOUNT} AND time <= $__toTime AND (time_end IS NULL OR time_end >= $__fromTime)
ORDER BY status = 'resolved', time DESC
LIMIT 50
"""
TOPICS = f"""
SELECT topic, sum(mentions) AS contacts, 100 * sum(negative) / nullIf(sum(scored), 0) AS negative_rate,
       100 * sum(any_friction) / sum(mentions) AS friction_rate
FROM topic_minute WHERE $__timeFilter(minute) AND {filters('channel')}
GROUP BY topic ORDER BY contacts DESC
"""


def build() -> dashboard.Dashboard:
    return (board(UID, TITLE, "Contacts, sentiment and survey scores right now, against the usual; open incidents.",
                  refresh="30s")
            .with_variable(variable("channel")).with_variable(variable("team"))
            .with_panel(stat("Contacts", CONTACTS, "short", decimals=0))
            .with_panel(stat("Negative rate", NEGATIVE_RATE, "percent", steps=NEGATIVE,
                             description="Scored contacts labelled negative."))
            .with_panel(stat("NPS", SURVEY.format(expr=NPS_EXPR, name="nps", kind="nps"), "none", steps=NPS))
            .with_panel(stat("CSAT", SURVEY.format(expr=CSAT_EXPR, name="csat", kind="csat"), "percent", steps=CSAT))
            .with_panel(stat("CES (1-7, lower is better)", SURVEY.format(expr=CES_EXPR, name="ces", kind="ces"),
                             "none", steps=CES, decimals=2))
            .with_panel(stat("Open incidents", OPEN_INCIDENTS, "none", decimals=0,
                             steps=[("green", None), ("red", 1)]))
            .with_panel(timeseries("Contacts per channel", VOLUME, "short").interval("1m"))
            .with_panel(timeseries("Sentiment mix", MIX, "short", stacked=True).interval("1m"))
            .with_panel(timeseries("Negative rate vs baseline", VS_BASELINE, "percent", steps=NEGATIVE,
                                   description="Baseline: same weekday and hour over the 4 weeks before the range.")
                        .interval("1m"))
            .with_panel(timeseries("NPS and CSAT", SURVEY_TREND, "none").interval("1h"))
            .with_panel(table("Incidents in range", INCIDENTS, description="Open first; from the spike detector."))
            .with_panel(table("Topics", TOPICS, description="A contact counts under each of its topics.")))
