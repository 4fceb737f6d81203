"""Friction drivers: why customers struggle (the four root causes), repeat contacts, their words."""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard

from grafana.boards.base import board, filters
from grafana.panels import bars, stat, table, timeseries
from grafana.variables import variable

UID = "cx-friction"
TITLE = "CX friction drivers"

CAUSES = ("trapped_self_service", "long_wait", "repeating_themselves", "skill_gap")
LABELS = {"trapped_self_service": "Trapped in self-service", "long_wait": "Long wait",
          "repeating_themselves": "Repeating themselves", "skill_gap": "Unskilled answers"}
WHERE = f"$__timeFilter(minute) AND {filters('channel', 'topic')}"
RATE = [("green", None), ("orange", 10), ("red", 20)]


def _sums() -> str:
    return ",\n       ".join(f"sum({c}) AS `{LABELS[c]}`" for c in CAUSES)


def _rates(total: str) -> str:
    return ",\n       ".join(f"round(100 * sum({c}) / nullIf(sum({total}), 0), 1) AS `{LABELS[c]} %`" for c in CAUSES)


# A contact with two topics is in topic_minute twice: over time and per channel,
# count it once from contact_minute unless specific topics are chosen.
CONTACTS_WHERE = f"$__timeFilter(minute) AND {filters('channel')}"
OVER_TIME = f"""
SELECT $__timeInterval(minute) AS time, {_sums()}
FROM contact_minute WHERE {CONTACTS_WHERE}
GROUP BY time ORDER BY time
"""
FRICTION_RATE = f"""
SELECT 100 * sum(any_friction) / nullIf(sum(contacts), 0) AS friction_rate FROM contact_minute WHERE {CONTACTS_WHERE}
"""
BY_TOPIC = f"""
SELECT topic, {_rates('mentions')}
FROM topic_minute WHERE {WHERE}
GROUP BY topic ORDER BY sum(any_friction) DESC
"""
BY_CHANNEL = f"""
SELECT channel, sum(contacts) AS Contacts, {_rates('contacts')}
FROM contact_minute WHERE {CONTACTS_WHERE}
GROUP BY channel ORDER BY channel
"""
REPEATS = f"""
SELECT channel, topic, count() AS contacts, countIf(is_repeat) AS repeats,
       round(100 * repeats / contacts, 1) AS `repeat %`
FROM repeat_contacts(start = $__fromTime, end = $__toTime)
WHERE {filters('channel', 'topic')}
GROUP BY channel, topic ORDER BY repeats DESC
LIMIT 30
"""
REPEAT_RATE = f"""
SELECT 100 * countIf(is_repeat) / nullIf(count(), 0) AS repeat_rate
FROM repeat_contacts(start = $__fromTime, end = $__toTime)
WHERE {filters('channel', 'topic')}
"""
EXAMPLES = """
SELECT occurred_at AS time, kind AS Channel, arrayStringConcat(topics, ', ') AS Topics,
       arrayStringConcat(friction, ', ') AS Friction, substring(text, 1, 280) AS Message
FROM events
WHERE $__timeFilter(occurred_at) AND contact = 1 AND notEmpty(friction)
  AND $__conditionalAll(kind IN ($channel), $channel)
  AND $__conditionalAll(hasAny(if(empty(topics), ['other'], topics), [$topic]), $topic)
ORDER BY occurred_at DESC
LIMIT 25
"""


def build() -> dashboard.Dashboard:
    return (board(UID, TITLE, "The four root causes customers name, repeat contacts, and example messages "
                  "(text is redacted before storage).", time_from="now-24h")
            .with_variable(variable("channel")).with_variable(variable("topic"))
            .with_panel(stat("Contacts with friction", FRICTION_RATE, "percent", steps=RATE, w=6))
            .with_panel(stat("Repeat contacts (7 days, same topic)", REPEAT_RATE, "percent", steps=RATE, w=6))
            .with_panel(timeseries("Root causes over time", OVER_TIME, "short", stacked=True, w=12,
                                   description="Contacts per cause (a contact can name several); every topic, "
                                               "see by topic below.").interval("5m"))
            .with_panel(bars("Root causes by topic", BY_TOPIC, "percent", w=12,
                             description="% of the topic's contacts naming each cause."))
            .with_panel(table("Root causes by channel", BY_CHANNEL, w=12))
            .with_panel(table("Repeat contacts by channel and topic", REPEATS, w=12))
            .with_panel(table("Example messages", EXAMPLES, w=24, h=10,
                              description="Latest contacts with friction; personal data already redacted.")))
