-- One row per event. ORDER BY event_id: the key cxpulse deduplicates on,
-- and what makes the writer's "already stored?" look-up a primary-key read.
CREATE TABLE IF NOT EXISTS events
(
    event_id UUID,
    kind LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    stored_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    customer_id String,
    account_id String,
    agent_id String,
    team LowCardinality(String),
    case_id String,
    language LowCardinality(String),
    text String CODEC(ZSTD(3)),
    sentiment_label LowCardinality(String),
    sentiment_score Nullable(Float32),
    sentiment_start Nullable(Float32),
    sentiment_end Nullable(Float32),
    sentiment_model LowCardinality(String),
    scored UInt8,
    turn_count UInt16,
    email_subject String,
    email_direction LowCardinality(String),
    wait_seconds Nullable(Float32),
    handle_seconds Nullable(Float32),
    transfers Nullable(UInt16),
    ivr_used UInt8,
    bot_used UInt8,
    social_platform LowCardinality(String),
    social_author String,
    social_followers Nullable(UInt64),
    social_url String,
    social_public UInt8,
    social_brand_reply UInt8,
    social_in_reply_to String,
    survey_type LowCardinality(String),
    survey_score Nullable(Int8),
    case_status LowCardinality(String),
    case_priority LowCardinality(String),
    contact_channel LowCardinality(String),
    pii_redactions UInt16,
    source_topic LowCardinality(String),
    source_partition Int32,
    source_offset Int64,
    payload String CODEC(ZSTD(3)),
    INDEX occurred_idx occurred_at TYPE minmax GRANULARITY 4
)
ENGINE = ReplacingMergeTree
ORDER BY event_id;

-- Per-turn (chat) and per-utterance (call) text and sentiment.
CREATE TABLE IF NOT EXISTS turns
(
    event_id UUID,
    idx UInt16,
    kind LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    speaker LowCardinality(String),
    text String CODEC(ZSTD(3)),
    sentiment_label LowCardinality(String),
    sentiment_score Nullable(Float32),
    start_s Nullable(Float32),
    end_s Nullable(Float32)
)
ENGINE = ReplacingMergeTree
ORDER BY (event_id, idx);
