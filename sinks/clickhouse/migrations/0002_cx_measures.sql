-- CX measures (docs/metrics.md). New columns on `events`, rollups filled by
-- materialized views, and views the boards read. Every rollup is fed from
-- `events`, which receives each event exactly once (the writer skips stored
-- ids), so rollups stay exact under replays and retries.

ALTER TABLE events
    ADD COLUMN IF NOT EXISTS contact UInt8 AFTER kind,
    ADD COLUMN IF NOT EXISTS topics Array(LowCardinality(String)),
    ADD COLUMN IF NOT EXISTS topic_rules Array(String),
    ADD COLUMN IF NOT EXISTS friction Array(LowCardinality(String)),
    ADD COLUMN IF NOT EXISTS friction_evidence String,
    ADD COLUMN IF NOT EXISTS account_status LowCardinality(String),
    ADD COLUMN IF NOT EXISTS account_value Nullable(Float64),
    ADD COLUMN IF NOT EXISTS account_plan String,
    ADD COLUMN IF NOT EXISTS close_reason LowCardinality(String);

-- Customer contacts per minute, channel and team: each contact counted once.
CREATE TABLE IF NOT EXISTS contact_minute
(
    minute DateTime('UTC'),
    channel LowCardinality(String),
    team LowCardinality(String),
    contacts UInt64,
    scored UInt64,
    negative UInt64,
    positive UInt64,
    sentiment_sum Float64,
    trapped_self_service UInt64,
    long_wait UInt64,
    repeating_themselves UInt64,
    skill_gap UInt64,
    broken_promise UInt64,
    any_friction UInt64,
    reach_weight Float64,
    reach_sentiment Float64
)
ENGINE = SummingMergeTree
ORDER BY (minute, channel, team);

CREATE MATERIALIZED VIEW IF NOT EXISTS contact_minute_mv TO contact_minute AS
SELECT
    toStartOfMinute(occurred_at) AS minute,
    kind AS channel,
    team,
    toUInt64(1) AS contacts,
    toUInt64(scored) AS scored,
    toUInt64(sentiment_label = 'negative') AS negative,
    toUInt64(sentiment_label = 'positive') AS positive,
    toFloat64(ifNull(sentiment_score, 0)) AS sentiment_sum,
    toUInt64(has(friction, 'trapped_self_service')) AS trapped_self_service,
    toUInt64(has(friction, 'long_wait')) AS long_wait,
    toUInt64(has(friction, 'repeating_themselves')) AS repeating_themselves,
    toUInt64(has(friction, 'skill_gap')) AS skill_gap,
    toUInt64(has(friction, 'broken_promise')) AS broken_promise,
    toUInt64(notEmpty(friction)) AS any_friction,
    if(kind = 'social' AND scored, 1 + log10(1 + ifNull(social_followers, 0)), 0) AS reach_weight,
    if(kind = 'social' AND scored, (1 + log10(1 + ifNull(social_followers, 0))) * sentiment_score, 0)
        AS reach_sentiment
FROM events
WHERE contact = 1;

-- The same per topic: a contact with two topics counts under both, so sum
-- `mentions` per topic, never across topics (totals come from contact_minute).
CREATE TABLE IF NOT EXISTS topic_minute
(
    minute DateTime('UTC'),
    channel LowCardinality(String),
    topic LowCardinality(String),
    mentions UInt64,
    scored UInt64,
    negative UInt64,
    sentiment_sum Float64,
    trapped_self_service UInt64,
    long_wait UInt64,
    repeating_themselves UInt64,
    skill_gap UInt64,
    broken_promise UInt64,
    any_friction UInt64
)
ENGINE = SummingMergeTree
ORDER BY (minute, channel, topic);

CREATE MATERIALIZED VIEW IF NOT EXISTS topic_minute_mv TO topic_minute AS
SELECT
    toStartOfMinute(occurred_at) AS minute,
    kind AS channel,
    topic,
    toUInt64(1) AS mentions,
    toUInt64(scored) AS scored,
    toUInt64(sentiment_label = 'negative') AS negative,
    toFloat64(ifNull(sentiment_score, 0)) AS sentiment_sum,
    toUInt64(has(friction, 'trapped_self_service')) AS trapped_self_service,
    toUInt64(has(friction, 'long_wait')) AS long_wait,
    toUInt64(has(friction, 'repeating_themselves')) AS repeating_themselves,
    toUInt64(has(friction, 'skill_gap')) AS skill_gap,
    toUInt64(has(friction, 'broken_promise')) AS broken_promise,
    toUInt64(notEmpty(friction)) AS any_friction
FROM events
ARRAY JOIN if(empty(topics), ['other'], topics) AS topic
WHERE contact = 1;

-- Survey answers per hour, type, team, agent, channel and score: every survey
-- measure (NPS, CSAT, CES, top box) is a function of this distribution.
CREATE TABLE IF NOT EXISTS survey_hour
(
    hour DateTime('UTC'),
    survey_type LowCardinality(String),
    team LowCardinality(String),
    agent_id LowCardinality(String),
    score Int8,
    responses UInt64
)
ENGINE = SummingMergeTree
ORDER BY (hour, survey_type, team, agent_id, score);

CREATE MATERIALIZED VIEW IF NOT EXISTS survey_hour_mv TO survey_hour AS
SELECT toStartOfHour(occurred_at) AS hour, survey_type, team, agent_id,
       assumeNotNull(survey_score) AS score, toUInt64(1) AS responses
FROM events
WHERE kind = 'survey' AND survey_score IS NOT NULL;

-- Case life cycles, one row per case after merging (see the `cases` view).
CREATE TABLE IF NOT EXISTS case_state
(
    case_id String,
    opened_at AggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    resolved_at AggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    status AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    reopens AggregateFunction(sum, UInt64),
    agent_id AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    team AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    channel AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    topics AggregateFunction(groupUniqArrayArray, Array(String))
)
ENGINE = AggregatingMergeTree
ORDER BY case_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS case_state_mv TO case_state AS
SELECT
    case_id,
    minState(if(case_status = 'opened', toNullable(occurred_at), NULL)) AS opened_at,
    minState(if(case_status = 'resolved', toNullable(occurred_at), NULL)) AS resolved_at,
    argMaxState(toString(case_status), occurred_at) AS status,
    sumState(toUInt64(case_status = 'reopened')) AS reopens,
    argMaxState(agent_id, occurred_at) AS agent_id,
    argMaxState(toString(team), occurred_at) AS team,
    argMaxState(toString(contact_channel), occurred_at) AS channel,
    groupUniqArrayArrayState(CAST(topics, 'Array(String)')) AS topics
FROM events
WHERE kind = 'case'
GROUP BY case_id;

-- Customer contacts linked to a case (first-contact resolution needs them).
CREATE TABLE IF NOT EXISTS case_contacts
(
    case_id String,
    contacts UInt64
)
ENGINE = SummingMergeTree
ORDER BY case_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS case_contacts_mv TO case_contacts AS
SELECT case_id, count() AS contacts
FROM events
WHERE contact = 1 AND case_id != ''
GROUP BY case_id;

CREATE VIEW IF NOT EXISTS cases AS
SELECT
    s.case_id AS case_id,
    minMerge(s.opened_at) AS opened_at,
    minMerge(s.resolved_at) AS resolved_at,
    argMaxMerge(s.status) AS status,
    sumMerge(s.reopens) AS reopens,
    argMaxMerge(s.agent_id) AS agent_id,
    argMaxMerge(s.team) AS team,
    argMaxMerge(s.channel) AS channel,
    groupUniqArrayArrayMerge(s.topics) AS topics,
    any(c.contacts) AS contacts,
    dateDiff('millisecond', opened_at, resolved_at) / 1000 AS resolution_seconds,
    status IN ('opened', 'assigned', 'reopened') AS is_open,
    resolved_at IS NOT NULL AND reopens = 0 AND contacts <= 1 AS first_contact_resolution
FROM case_state AS s
LEFT JOIN (SELECT case_id, sum(contacts) AS contacts FROM case_contacts GROUP BY case_id) AS c
    ON c.case_id = s.case_id
GROUP BY s.case_id;

-- Cases opened, resolved and reopened per agent and day.
CREATE TABLE IF NOT EXISTS agent_day
(
    day Date,
    team LowCardinality(String),
    agent_id LowCardinality(String),
    opened UInt64,
    resolved UInt64,
    reopened UInt64
)
ENGINE = SummingMergeTree
ORDER BY (day, team, agent_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_day_mv TO agent_day AS
SELECT toDate(occurred_at) AS day, team, agent_id,
       toUInt64(case_status = 'opened') AS opened,
       toUInt64(case_status = 'resolved') AS resolved,
       toUInt64(case_status = 'reopened') AS reopened
FROM events
WHERE kind = 'case' AND agent_id != '';

-- Contacts per hour of the week (1 = Monday 00:00 UTC hour 0): the seasonal
-- profile boards show and detectors compare against.
CREATE VIEW IF NOT EXISTS contact_hour_of_week AS
SELECT channel, topic, toDayOfWeek(minute) AS weekday, toHour(minute) AS hour,
       sum(mentions) AS mentions, uniqExact(toStartOfHour(minute)) AS hours_seen,
       mentions / hours_seen AS per_hour
FROM topic_minute
GROUP BY channel, topic, weekday, hour;

-- Every customer contact under each of its topics, sorted by customer and
-- topic: the input of repeat contacts and account risk. The sort key lets
-- their window functions stream instead of sorting 30 days of contacts
-- (`cxpulse bench-board`); `customer` is cityHash64(customer_id), a cheap key.
-- `topic_index` = 1 counts each contact once.
CREATE TABLE IF NOT EXISTS contact_topics
(
    customer UInt64,
    topic LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    event_id UUID,
    channel LowCardinality(String),
    customer_id String,
    account_id String,
    team LowCardinality(String),
    topic_index UInt8,
    scored UInt8,
    sentiment_label LowCardinality(String),
    friction Array(LowCardinality(String))
)
ENGINE = MergeTree
ORDER BY (customer, topic, occurred_at, event_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS contact_topics_mv TO contact_topics AS
SELECT cityHash64(customer_id) AS customer, topic, occurred_at, event_id, kind AS channel,
       customer_id, account_id, team, topic_index, scored, sentiment_label, friction
FROM events
ARRAY JOIN if(empty(topics), ['other'], topics) AS topic,
           arrayEnumerate(if(empty(topics), ['other'], topics)) AS topic_index
WHERE contact = 1;

-- Repeat contacts between {start} and {end}: the same customer contacted us
-- about the same topic, on any channel, at most 7 days earlier.
CREATE VIEW IF NOT EXISTS repeat_contacts AS
SELECT * FROM
(
    SELECT event_id, occurred_at, channel, customer_id, account_id, team, topic,
           lagInFrame(toNullable(occurred_at)) OVER w AS previous_at,
           previous_at IS NOT NULL AND previous_at >= occurred_at - INTERVAL 7 DAY AS is_repeat
    FROM contact_topics
    WHERE customer_id != ''
      AND occurred_at >= {start:DateTime64(3)} - INTERVAL 7 DAY AND occurred_at < {end:DateTime64(3)}
    WINDOW w AS (PARTITION BY customer, topic ORDER BY occurred_at, event_id
                 ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
)
WHERE occurred_at >= {start:DateTime64(3)};

-- Public complaints nobody from the brand has answered yet.
CREATE VIEW IF NOT EXISTS social_awaiting_response AS
SELECT event_id, occurred_at, social_platform, social_author, social_followers, social_url,
       sentiment_score, topics, text
FROM events
WHERE kind = 'social' AND social_brand_reply = 0 AND social_public = 1
  AND sentiment_label = 'negative'
  AND toString(event_id) NOT IN
      (SELECT social_in_reply_to FROM events WHERE kind = 'social' AND social_brand_reply = 1);

-- Latest known state of each account.
CREATE VIEW IF NOT EXISTS account_state AS
SELECT account_id,
       argMax(account_status, occurred_at) AS status,
       argMaxIf(account_value, occurred_at, account_value IS NOT NULL) AS monthly_value,
       minIf(occurred_at, account_status = 'opened') AS opened_at,
       maxIf(occurred_at, account_status = 'closed') AS closed_at
FROM events
WHERE kind = 'account'
GROUP BY account_id;

-- At-risk score per account over the 30 days before {as_of}: same weights and
-- caps as processors/accounts.py (tests/sinks/test_measure_sql.py holds them
-- together). Signals: contacts, negative share, its rise in the last 7 days
-- against the 23 before, contacts with friction, repeat contacts.
CREATE VIEW IF NOT EXISTS account_risk AS
SELECT account_id, contacts, negative_share, negative_trend, friction, repeats,
       round(15 * least(contacts / 10, 1), 2) AS c_contacts,
       round(30 * least(negative_share / 1, 1), 2) AS c_negative_share,
       round(20 * least(greatest(negative_trend, 0) / 0.5, 1), 2) AS c_negative_trend,
       round(20 * least(friction / 5, 1), 2) AS c_friction,
       round(15 * least(repeats / 3, 1), 2) AS c_repeats,
       round(c_contacts + c_negative_share + c_negative_trend + c_friction + c_repeats, 2) AS score
FROM
(
    SELECT account_id,
           countIf(first) AS contacts,
           countIf(first AND scored = 1) AS n_scored,
           countIf(first AND sentiment_label = 'negative') AS n_negative,
           countIf(first AND scored = 1 AND recent) AS n_recent,
           countIf(first AND sentiment_label = 'negative' AND recent) AS n_recent_negative,
           if(n_scored > 0, n_negative / n_scored, 0) AS negative_share,
           if(n_recent > 0, n_recent_negative / n_recent, 0)
             - if(n_scored - n_recent > 0, (n_negative - n_recent_negative) / (n_scored - n_recent), 0)
               AS negative_trend,
           countIf(first AND notEmpty(friction)) AS friction,
           uniqExactIf(event_id, is_repeat) AS repeats
    FROM
    (
        SELECT event_id, occurred_at, account_id, topic_index = 1 AS first, scored, sentiment_label,
               friction, occurred_at >= {as_of:DateTime64(3)} - INTERVAL 7 DAY AS recent,
               customer_id != '' AND previous_at IS NOT NULL
                   AND previous_at >= occurred_at - INTERVAL 7 DAY AS is_repeat
        FROM
        (
            SELECT *, lagInFrame(toNullable(occurred_at)) OVER w AS previous_at
            FROM contact_topics
            WHERE account_id != ''
              AND occurred_at >= {as_of:DateTime64(3)} - INTERVAL 37 DAY
              AND occurred_at < {as_of:DateTime64(3)}
            WINDOW w AS (PARTITION BY customer, topic ORDER BY occurred_at, event_id
                         ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
        )
        WHERE occurred_at >= {as_of:DateTime64(3)} - INTERVAL 30 DAY
    )
    GROUP BY account_id
);
