"""The boards' SQL (rollups and views) and the stream's processors agree.

Ten days of simulated traffic are enriched by the real enricher, written by
the real writer, then every measure is computed twice: by the ClickHouse
rollups and views the boards read, and by the processors over the same
enriched events. The two must give the same numbers.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from clickhouse_connect.driver.client import Client

from processors import measures
from processors.accounts import account_signals, at_risk
from processors.cases import summarize
from processors.repeats import repeat_contacts
from processors.rollup import MinuteStats
from processors.social import awaiting_response, positive_negative_ratio, reach_weighted_sentiment
from processors.stats import quantile
from processors.topics import TopicMatch
from processors.workload import AgentStats, allocation_balance
from sinks.clickhouse.client import connect
from sinks.clickhouse.migrations import migrate
from sinks.clickhouse.writer import ClickHouseWriter
from streams import facts
from streams.contract import SurveyEvent
from streams.enriched import EnrichedEvent
from tests import factories as f
from tests.helpers import enriched
from tests.sample import SAMPLE_DAYS, SAMPLE_START

END = SAMPLE_START + timedelta(days=SAMPLE_DAYS)


@pytest.fixture(scope="module")
def db(chdb_dsn: str, sample: list[EnrichedEvent]) -> Iterator[Client]:
    client = connect(chdb_dsn, database=f"m_{uuid.uuid4().hex[:12]}")
    migrate(client)
    writer = ClickHouseWriter(client)
    for start in range(0, len(sample), 2_000):
        writer.write_batch(sample[start:start + 2_000])
    yield client
    client.command(f"DROP DATABASE IF EXISTS {client.database}")


def rows(db: Client, sql: str, **params: object) -> list[tuple]:
    return [tuple(r) for r in db.query(sql, parameters=params).result_rows]


def test_sample_has_every_kind_and_signal(sample: list[EnrichedEvent]) -> None:
    kinds = Counter(item.event.kind for item in sample)
    assert set(kinds) == {"chat", "email", "call", "social", "survey", "case", "account"}
    assert len(sample) > 5_000
    signals = Counter(h.signal for item in sample for h in item.friction)
    assert all(signals[s] > 10 for s in ("trapped_self_service", "long_wait", "repeating_themselves",
                                         "skill_gap", "broken_promise")), signals


def test_contact_rollup_matches_the_stream_aggregate(db: Client, sample: list[EnrichedEvent]) -> None:
    stream: dict[str, MinuteStats] = defaultdict(MinuteStats)
    for item in sample:
        if (f := facts.fact(item)) is not None:
            stream[f.channel].add(f)
    sql = rows(db, """SELECT channel, sum(contacts), sum(scored), sum(negative), sum(positive),
                      sum(trapped_self_service), sum(long_wait), sum(repeating_themselves), sum(skill_gap),
                      sum(broken_promise), sum(sentiment_sum)
                      FROM contact_minute GROUP BY channel ORDER BY channel""")
    signals = ("trapped_self_service", "long_wait", "repeating_themselves", "skill_gap", "broken_promise")
    assert [r[:-1] for r in sql] == [(ch, s.contacts, s.scored, s.negative, s.positive,
                                      *(s.friction[f] for f in signals)) for ch, s in sorted(stream.items())]
    for r, (_, s) in zip(sql, sorted(stream.items()), strict=True):
        assert r[-1] == pytest.approx(s.sentiment_sum, abs=0.05)  # scores are stored as Float32
    by_topic: Counter[str] = Counter()
    for s in stream.values():
        by_topic.update(s.by_topic)
    negative_by_topic: Counter[str] = Counter()
    for s in stream.values():
        negative_by_topic.update(s.negative_by_topic)
    sql_topics = rows(db, "SELECT topic, sum(mentions), sum(negative) FROM topic_minute GROUP BY topic")
    assert {t: (m, n) for t, m, n in sql_topics} == {t: (m, negative_by_topic[t]) for t, m in by_topic.items()}


def test_survey_measures(db: Client, sample: list[EnrichedEvent]) -> None:
    scores: dict[str, list[int]] = defaultdict(list)
    for item in sample:
        if isinstance(item.event, SurveyEvent):
            scores[item.event.survey_type].append(item.event.score)
    sql = dict(rows(db, """SELECT survey_type, arrayFlatten(groupArray(arrayWithConstant(responses, score)))
                           FROM survey_hour GROUP BY survey_type"""))
    assert measures.nps(sql["nps"]) == measures.nps(scores["nps"])
    [(nps, csat, ces, high)] = rows(db, """SELECT
        round(100 * (sumIf(responses, survey_type = 'nps' AND score >= 9)
                     - sumIf(responses, survey_type = 'nps' AND score <= 6)) / sumIf(responses, survey_type = 'nps'), 2),
        round(100 * sumIf(responses, survey_type = 'csat' AND score >= 4) / sumIf(responses, survey_type = 'csat'), 2),
        round(sumIf(responses * score, survey_type = 'ces') / sumIf(responses, survey_type = 'ces'), 2),
        round(100 * sumIf(responses, survey_type = 'ces' AND score >= 5) / sumIf(responses, survey_type = 'ces'), 2)
        FROM survey_hour""")
    assert (nps, csat, ces, high) == (measures.nps(scores["nps"]), measures.csat(scores["csat"]),
                                      measures.ces_mean(scores["ces"]), measures.ces_high_effort(scores["ces"]))
    [(top, nxt)] = rows(db, """SELECT round(100 * sumIf(responses, score = 10) / sum(responses), 2),
                               round(100 * sumIf(responses, score = 9) / sum(responses), 2)
                               FROM survey_hour WHERE survey_type = 'nps'""")
    box = measures.top_box(scores["nps"], "nps")
    assert box is not None and (top, nxt) == (box.top, box.next)


def test_cases_view_matches_case_summaries(db: Client, sample: list[EnrichedEvent]) -> None:
    linked = Counter(item.event.case_id for item in sample
                     if facts.contact(item) is not None and item.event.case_id)
    python = {c.case_id: c for c in summarize(filter(None, map(facts.case_change, sample)), linked)}
    sql = rows(db, """SELECT case_id, status, reopens, ifNull(contacts, 0), resolution_seconds,
                      is_open, first_contact_resolution FROM cases""")
    assert len(sql) == len(python) > 100
    for case_id, status, reopens, contacts, seconds, is_open, fcr in sql:
        c = python[case_id]
        assert (status, reopens, contacts, bool(is_open), bool(fcr)) == (
            c.status, c.reopens, c.contacts, c.is_open, c.first_contact_resolution), case_id
        assert seconds == pytest.approx(c.resolution_seconds) if c.resolution_seconds else seconds is None
    [(p50, p90, fcr_rate)] = rows(db, """SELECT quantileExactInclusive(0.5)(resolution_seconds),
        quantileExactInclusive(0.9)(resolution_seconds),
        round(100 * countIf(first_contact_resolution) / countIf(resolved_at IS NOT NULL), 2) FROM cases""")
    times = [c.resolution_seconds for c in python.values() if c.resolution_seconds is not None]
    assert p50 == pytest.approx(quantile(times, 0.5)) and p90 == pytest.approx(quantile(times, 0.9))
    resolved = [c for c in python.values() if c.resolved_at is not None]
    assert fcr_rate == round(100 * sum(c.first_contact_resolution for c in resolved) / len(resolved), 2)


def test_agent_workload(db: Client, sample: list[EnrichedEvent]) -> None:
    opened = Counter(c.agent_id for c in filter(None, map(facts.case_change, sample)) if c.status == "opened")
    sql = dict(rows(db, "SELECT agent_id, sum(opened) FROM agent_day GROUP BY agent_id HAVING sum(opened) > 0"))
    assert sql == dict(opened)
    [(balance,)] = rows(db, """SELECT stddevPop(n) / avg(n) FROM
                               (SELECT agent_id, sum(opened) AS n FROM agent_day GROUP BY agent_id)""")
    expected = allocation_balance([AgentStats(a, opened=n) for a, n in opened.items()])
    assert balance == pytest.approx(expected)


def test_repeat_contacts_view_matches_the_processor(db: Client, sample: list[EnrichedEvent]) -> None:
    contacts = list(filter(None, map(facts.contact, sample)))
    start = SAMPLE_START + timedelta(days=3)
    python = {(eid, topic) for eid, topic in repeat_contacts(contacts)
              if next(c.at for c in contacts if c.event_id == eid) >= start}
    sql = {(str(eid), topic) for eid, topic in rows(
        db, "SELECT event_id, topic FROM repeat_contacts(start = {s:DateTime64(3)}, end = {e:DateTime64(3)}) "
            "WHERE is_repeat", s=start, e=END)}
    assert sql == python and len(sql) > 20


def test_social_listening(db: Client, sample: list[EnrichedEvent]) -> None:
    posts = list(filter(None, map(facts.post, sample)))
    awaiting = {str(r[0]) for r in rows(db, "SELECT event_id FROM social_awaiting_response")}
    assert awaiting == set(awaiting_response(posts)) and awaiting
    [(reach, ratio)] = rows(db, """SELECT round(sum(reach_sentiment) / sum(reach_weight), 4),
                                   round(sum(positive) / sum(negative), 4)
                                   FROM contact_minute WHERE channel = 'social'""")
    assert reach == pytest.approx(reach_weighted_sentiment(posts), abs=1e-4)
    assert ratio == positive_negative_ratio(posts)


def test_account_risk_view_matches_the_processor(db: Client, sample: list[EnrichedEvent]) -> None:
    as_of = END
    contacts = list(filter(None, map(facts.contact, sample)))
    repeats = {eid for eid, _ in repeat_contacts(contacts)}
    per_account: dict[str, list] = defaultdict(list)
    for item in sample:
        if facts.contact(item) is not None and item.event.account_id:
            per_account[item.event.account_id].append(facts.account_contact(item, item.event_id in repeats))
    sql = {r[0]: r[1:] for r in rows(db, """SELECT account_id, score, c_contacts, c_negative_share,
        c_negative_trend, c_friction, c_repeats FROM account_risk(as_of = {t:DateTime64(3)})""", t=as_of)}
    assert len(sql) > 100
    for account, found in per_account.items():
        risk = at_risk(account_signals(found, as_of))
        expected = (risk.score, *risk.contributions.values())
        assert sql[account] == pytest.approx(expected, abs=0.011), account


def test_turnover_counts_closed_accounts(db: Client, sample: list[EnrichedEvent]) -> None:
    closed = {item.event.account_id for item in sample
              if item.event.kind == "account" and item.event.status == "closed"}
    [(n_closed, n_known)] = rows(db, "SELECT countIf(status = 'closed'), count() FROM account_state")
    assert n_closed == len(closed) > 0 and n_known > n_closed


def test_repeat_boundary_and_channels_in_sql(store: Client) -> None:
    t0 = SAMPLE_START + timedelta(days=1)
    def contact(build, at: datetime) -> EnrichedEvent:
        item = enriched(build(customer_id="cust-9", occurred_at=at.isoformat()))
        return replace(item, topics=(TopicMatch("billing", "keyword:bill"),))
    first = contact(f.chat, t0)
    exactly_7d = contact(f.call, t0 + timedelta(days=7))
    beyond = contact(f.email, t0 + timedelta(days=14, milliseconds=1))
    ClickHouseWriter(store).write_batch([first, exactly_7d, beyond])
    flags = dict(rows(store, "SELECT toString(event_id), is_repeat FROM repeat_contacts("
                             "start = {s:DateTime64(3)}, end = {e:DateTime64(3)})",
                             s=t0 - timedelta(hours=1), e=t0 + timedelta(days=30)))
    assert flags == {first.event_id: 0, exactly_7d.event_id: 1, beyond.event_id: 0}
