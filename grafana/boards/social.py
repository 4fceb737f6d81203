"""Social listening: mentions, positive:negative ratio, reach-weighted sentiment, complaints awaiting a reply."""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard

from grafana.boards.base import board, filters
from grafana.panels import stat, table, timeseries
from grafana.variables import variable

UID = "cx-social"
TITLE = "CX social listening"

SOCIAL = "$__timeFilter(minute) AND channel = 'social'"
MENTIONS = f"SELECT sum(contacts) AS mentions FROM contact_minute WHERE {SOCIAL}"
RATIO = f"SELECT sum(positive) / nullIf(sum(negative), 0) AS ratio FROM contact_minute WHERE {SOCIAL}"
REACH = f"SELECT sum(reach_sentiment) / nullIf(sum(reach_weight), 0) AS reach_sentiment FROM contact_minute WHERE {SOCIAL}"
AWAITING_COUNT = "SELECT count() AS awaiting FROM social_awaiting_response WHERE $__timeFilter(occurred_at)"
OVER_TIME = f"""
SELECT $__timeInterval(minute) AS time, sum(positive) AS Positive, sum(scored) - sum(positive) - sum(negative) AS Neutral,
       sum(negative) AS Negative
FROM contact_minute WHERE {SOCIAL}
GROUP BY time ORDER BY time
"""
REACH_OVER_TIME = f"""
SELECT $__timeInterval(minute) AS time, sum(reach_sentiment) / nullIf(sum(reach_weight), 0) AS `reach-weighted`,
       sum(sentiment_sum) / nullIf(sum(scored), 0) AS `per post`
FROM contact_minute WHERE {SOCIAL}
GROUP BY time ORDER BY time
"""
BY_TOPIC = f"""
SELECT topic, sum(mentions) AS Mentions, round(100 * sum(negative) / nullIf(sum(scored), 0), 1) AS `negative %`
FROM topic_minute WHERE $__timeFilter(minute) AND channel = 'social' AND {filters('topic')}
GROUP BY topic ORDER BY Mentions DESC
"""
AWAITING = """
SELECT occurred_at AS time, social_platform AS platform, social_followers AS followers,
       round(sentiment_score, 2) AS sentiment, arrayStringConcat(topics, ', ') AS Topics,
       substring(text, 1, 280) AS post, social_url AS link
FROM social_awaiting_response
WHERE $__timeFilter(occurred_at)
  AND $__conditionalAll(hasAny(if(empty(topics), ['other'], topics), [$topic]), $topic)
ORDER BY followers DESC, occurred_at DESC
LIMIT 50
"""


def build() -> dashboard.Dashboard:
    return (board(UID, TITLE, "Public mentions of the brand: volume, mood weighted by the author's reach, and "
                  "negative public posts nobody from the brand has answered.", time_from="now-24h")
            .with_variable(variable("topic"))
            .with_panel(stat("Mentions", MENTIONS, "short", decimals=0, w=6))
            .with_panel(stat("Positive : negative", RATIO, "none", decimals=2, w=6,
                             steps=[("red", None), ("orange", 1), ("green", 2)]))
            .with_panel(stat("Reach-weighted sentiment (-1..1)", REACH, "none", decimals=2, w=6,
                             steps=[("red", None), ("orange", -0.1), ("green", 0.1)]))
            .with_panel(stat("Complaints awaiting a reply", AWAITING_COUNT, "none", decimals=0, w=6,
                             steps=[("green", None), ("orange", 5), ("red", 20)]))
            .with_panel(timeseries("Mentions by sentiment", OVER_TIME, "short", stacked=True).interval("5m"))
            .with_panel(timeseries("Sentiment: reach-weighted vs per post", REACH_OVER_TIME, "none").interval("5m"))
            .with_panel(table("Topics in public posts", BY_TOPIC, w=8))
            .with_panel(table("Public complaints awaiting a reply", AWAITING, w=16,
                              description="Most-followed authors first; text redacted.")))
