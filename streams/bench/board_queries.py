"""The CX board's 30-day queries, each with a raw-table baseline.

Every entry is (name, rollup or view query, the same numbers from raw
``events``). The benchmark runs both on the same data in the same run and
reports the ratio; the target is under 1 s for the rollup side.
"""

from __future__ import annotations

RANGE = "occurred_at >= {start:DateTime64(3)} AND occurred_at < {end:DateTime64(3)}"
MINUTES = "minute >= {start:DateTime64(3)} AND minute < {end:DateTime64(3)}"
HOURS = "hour >= {start:DateTime64(3)} AND hour < {end:DateTime64(3)}"

QUERIES: list[tuple[str, str, str]] = [
    ("contacts per hour by channel",
     f"SELECT toStartOfHour(minute) AS t, channel, sum(contacts) FROM contact_minute WHERE {MINUTES} GROUP BY t, channel",
     f"SELECT toStartOfHour(occurred_at) AS t, kind, count() FROM events WHERE contact = 1 AND {RANGE} GROUP BY t, kind"),
    ("negative share per topic per day",
     f"SELECT toDate(minute) AS d, topic, sum(negative) / sum(scored) FROM topic_minute WHERE {MINUTES} GROUP BY d, topic",
     f"SELECT toDate(occurred_at) AS d, topic, countIf(sentiment_label = 'negative') / countIf(scored = 1) "
     f"FROM events ARRAY JOIN if(empty(topics), ['other'], topics) AS topic WHERE contact = 1 AND {RANGE} GROUP BY d, topic"),
    ("friction signals per day",
     f"SELECT toDate(minute) AS d, sum(trapped_self_service), sum(long_wait), sum(repeating_themselves), "
     f"sum(skill_gap), sum(broken_promise) FROM contact_minute WHERE {MINUTES} GROUP BY d",
     f"SELECT toDate(occurred_at) AS d, countIf(has(friction, 'trapped_self_service')), countIf(has(friction, 'long_wait')), "
     f"countIf(has(friction, 'repeating_themselves')), countIf(has(friction, 'skill_gap')), "
     f"countIf(has(friction, 'broken_promise')) FROM events WHERE contact = 1 AND {RANGE} GROUP BY d"),
    ("NPS, CSAT, CES per day",
     f"SELECT toDate(hour) AS d, 100 * (sumIf(responses, survey_type = 'nps' AND score >= 9) - "
     f"sumIf(responses, survey_type = 'nps' AND score <= 6)) / sumIf(responses, survey_type = 'nps'), "
     f"100 * sumIf(responses, survey_type = 'csat' AND score >= 4) / sumIf(responses, survey_type = 'csat'), "
     f"sumIf(responses * score, survey_type = 'ces') / sumIf(responses, survey_type = 'ces') "
     f"FROM survey_hour WHERE {HOURS} GROUP BY d",
     f"SELECT toDate(occurred_at) AS d, 100 * (countIf(survey_type = 'nps' AND survey_score >= 9) - "
     f"countIf(survey_type = 'nps' AND survey_score <= 6)) / countIf(survey_type = 'nps'), "
     f"100 * countIf(survey_type = 'csat' AND survey_score >= 4) / countIf(survey_type = 'csat'), "
     f"avgIf(survey_score, survey_type = 'ces') FROM events WHERE kind = 'survey' AND {RANGE} GROUP BY d"),
    ("CSAT per agent (min 20 answers)",
     f"SELECT agent_id, 100 * sumIf(responses, score >= 4) / sum(responses) AS csat, sum(responses) AS n "
     f"FROM survey_hour WHERE survey_type = 'csat' AND {HOURS} GROUP BY agent_id HAVING n >= 20 ORDER BY csat DESC",
     f"SELECT agent_id, 100 * countIf(survey_score >= 4) / count() AS csat, count() AS n FROM events "
     f"WHERE kind = 'survey' AND survey_type = 'csat' AND {RANGE} GROUP BY agent_id HAVING n >= 20 ORDER BY csat DESC"),
    ("cases opened and resolved per agent",
     "SELECT agent_id, sum(opened), sum(resolved) FROM agent_day "
     "WHERE day >= toDate({start:DateTime64(3)}) AND day < toDate({end:DateTime64(3)}) GROUP BY agent_id",
     f"SELECT agent_id, countIf(case_status = 'opened'), countIf(case_status = 'resolved') FROM events "
     f"WHERE kind = 'case' AND {RANGE} GROUP BY agent_id"),
    ("resolution p50/p90, FCR and backlog per team",
     "SELECT team, quantileExactInclusive(0.5)(resolution_seconds), quantileExactInclusive(0.9)(resolution_seconds), "
     "countIf(first_contact_resolution) / countIf(resolved_at IS NOT NULL), countIf(is_open) FROM cases GROUP BY team",
     "SELECT team, quantileExactInclusive(0.5)(r), quantileExactInclusive(0.9)(r), 0, countIf(open) FROM "
     "(SELECT case_id, argMax(team, occurred_at) AS team, "
     "argMax(case_status, occurred_at) IN ('opened', 'assigned', 'reopened') AS open, "
     "dateDiff('millisecond', minIf(occurred_at, case_status = 'opened'), "
     "minIf(occurred_at, case_status = 'resolved')) / 1000 AS r "
     "FROM events WHERE kind = 'case' GROUP BY case_id) GROUP BY team"),
    ("social reach-weighted sentiment per day",
     f"SELECT toDate(minute) AS d, sum(reach_sentiment) / sum(reach_weight), sum(positive) / sum(negative) "
     f"FROM contact_minute WHERE channel = 'social' AND {MINUTES} GROUP BY d",
     f"SELECT toDate(occurred_at) AS d, sum((1 + log10(1 + social_followers)) * sentiment_score) / "
     f"sum(1 + log10(1 + social_followers)), countIf(sentiment_label = 'positive') / countIf(sentiment_label = 'negative') "
     f"FROM events WHERE kind = 'social' AND {RANGE} GROUP BY d"),
    ("contacts per hour of week",
     "SELECT weekday, hour, sum(mentions) FROM contact_hour_of_week GROUP BY weekday, hour",
     "SELECT toDayOfWeek(occurred_at) AS w, toHour(occurred_at) AS h, count() FROM events "
     "ARRAY JOIN if(empty(topics), ['other'], topics) AS topic WHERE contact = 1 GROUP BY w, h"),
    ("repeat-contact rate per channel",
     "SELECT channel, countIf(is_repeat) / count() FROM repeat_contacts(start = {start:DateTime64(3)}, "
     "end = {end:DateTime64(3)}) GROUP BY channel",
     "SELECT channel, countIf(is_repeat) / count() FROM (SELECT kind AS channel, occurred_at, "
     "lagInFrame(toNullable(occurred_at)) OVER w AS prev, prev >= occurred_at - INTERVAL 7 DAY AS is_repeat "
     "FROM events ARRAY JOIN if(empty(topics), ['other'], topics) AS topic WHERE contact = 1 AND customer_id != '' "
     "AND occurred_at >= {start:DateTime64(3)} - INTERVAL 7 DAY AND occurred_at < {end:DateTime64(3)} "
     "WINDOW w AS (PARTITION BY customer_id, topic ORDER BY occurred_at, event_id "
     "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) WHERE occurred_at >= {start:DateTime64(3)} GROUP BY channel"),
]
