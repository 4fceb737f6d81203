"""Synthetic history for the board-query benchmark, generated inside ClickHouse.

``INSERT ... SELECT FROM numbers()`` writes millions of plausible events in
seconds (kinds, channels, topics, friction, surveys, case life cycles,
accounts) spread evenly over ``days``; the materialized views fill the
rollups exactly as they do for live writes. Randomness is ``cityHash64`` of
the row number, so two runs build the same data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from clickhouse_connect.driver.client import Client

from sinks.clickhouse.migrations import migrate

_SELECT = """
INSERT INTO events (event_id, kind, contact, occurred_at, received_at, stored_at, source, customer_id,
    account_id, agent_id, team, case_id, language, text, sentiment_label, sentiment_score, scored,
    topics, friction, survey_type, survey_score, case_status, social_followers, social_public,
    social_brand_reply, social_in_reply_to, wait_seconds, account_status, account_value,
    source_topic, payload)
SELECT
    toUUID(reinterpretAsUUID(reverse(unhex(hex(cityHash64(number, 1)) || hex(cityHash64(number, 2)))))) AS event_id,
    multiIf(r < 25, 'chat', r < 40, 'email', r < 52, 'call', r < 65, 'social', r < 75, 'survey',
            r < 97, 'case', 'account') AS kind,
    toUInt8(kind IN ('chat', 'email', 'call', 'social')) AS contact,
    toDateTime64({start:DateTime64(3)}, 3) + toIntervalMillisecond(intDiv(number * {span_ms:UInt64}, {n:UInt64})) AS occurred_at,
    occurred_at AS received_at, occurred_at AS stored_at, 'bench' AS source,
    'cust-' || toString(cityHash64(number, 3) % 200000) AS customer_id,
    'acct-' || toString(intDiv(cityHash64(number, 3) % 200000, 4)) AS account_id,
    'agent-' || toString(cityHash64(number, 4) % 60) AS agent_id,
    ['billing', 'logistics', 'tech', 'retention', 'general'][cityHash64(number, 4) % 60 % 5 + 1] AS team,
    if(kind = 'case', 'case-' || toString(cityHash64(number, 5) % {cases:UInt64}), '') AS case_id,
    'en' AS language, '' AS text,
    if(contact, multiIf(s < -0.3, 'negative', s > 0.3, 'positive', 'neutral'), '') AS sentiment_label,
    if(contact, toFloat32(s), NULL) AS sentiment_score, contact AS scored,
    if(contact, arrayConcat([t1], if(cityHash64(number, 6) % 10 = 0, [t2], [])), []) AS topics,
    if(contact AND cityHash64(number, 7) % 10 < 2,
       [['trapped_self_service', 'long_wait', 'repeating_themselves', 'skill_gap', 'broken_promise']
        [cityHash64(number, 7) % 5 + 1]],
       []) AS friction,
    if(kind = 'survey', ['nps', 'csat', 'ces'][cityHash64(number, 8) % 3 + 1], '') AS survey_type,
    if(kind = 'survey', toInt8(multiIf(survey_type = 'nps', cityHash64(number, 9) % 11,
                                       survey_type = 'csat', 1 + cityHash64(number, 9) % 5,
                                       1 + cityHash64(number, 9) % 7)), NULL) AS survey_score,
    if(kind = 'case', ['opened', 'assigned', 'resolved', 'reopened', 'closed'][cityHash64(number, 10) % 5 + 1], '')
        AS case_status,
    if(kind = 'social', cityHash64(number, 11) % 100000, NULL) AS social_followers,
    toUInt8(kind = 'social') AS social_public, toUInt8(0) AS social_brand_reply, '' AS social_in_reply_to,
    if(kind = 'call', toFloat32(cityHash64(number, 12) % 900), NULL) AS wait_seconds,
    if(kind = 'account', ['opened', 'updated', 'closed'][cityHash64(number, 13) % 3 + 1], '') AS account_status,
    if(kind = 'account', (cityHash64(number, 14) % 50000) / 100, NULL) AS account_value,
    'bench' AS source_topic, '' AS payload
FROM
(
    SELECT number, cityHash64(number, 0) % 100 AS r,
           (cityHash64(number, 15) % 2000) / 1000 - 1 AS s,
           ['billing', 'delivery', 'account', 'product', 'refund', 'cancellation', 'other'][cityHash64(number, 16) % 7 + 1] AS t1,
           ['billing', 'delivery', 'account', 'product', 'refund', 'cancellation', 'other'][cityHash64(number, 17) % 7 + 1] AS t2
    FROM numbers({offset:UInt64}, {rows:UInt64})
)
"""


def generate(client: Client, start: datetime, days: int, n: int, chunk: int = 1_000_000) -> None:
    """Insert ``n`` events spread over ``days`` from ``start``, ``chunk`` rows per statement."""
    span_ms = days * 86_400_000
    for offset in range(0, n, chunk):
        client.command(_SELECT, parameters={"start": start, "span_ms": span_ms, "n": n, "offset": offset,
                                            "rows": min(chunk, n - offset), "cases": max(n // 25, 1)})


ROLLUPS = ("contact_minute", "topic_minute", "survey_hour", "case_state", "case_contacts", "agent_day", "contact_topics")


def history(client: Client, n: int, days: int, log: Callable[[str], None]) -> tuple[datetime, datetime]:
    """Migrate, write ``n`` events over the ``days`` before this hour, merge the rollups; (start, end)."""
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(days=days)
    migrate(client)
    started = time.perf_counter()
    generate(client, start, days, n)
    log(f"wrote {n:,} events in {time.perf_counter() - started:.1f} s; optimizing rollups")
    for table in ROLLUPS:
        client.command(f"OPTIMIZE TABLE {table} FINAL")
    return start, end
