-- Spike-detector notifications (docs/detection.md): one row per incident change,
-- the history on-call and boards read. Idempotent on (incident, seq): a replayed
-- notification replaces its own row. Grafana annotations read `alert_annotations`.

CREATE TABLE IF NOT EXISTS alerts
(
    incident String,
    seq UInt32,
    change LowCardinality(String),
    status LowCardinality(String),
    severity LowCardinality(String),
    alert_group String,
    opened_at DateTime64(3, 'UTC'),
    resolved_at Nullable(DateTime64(3, 'UTC')),
    title String,
    summary String,
    series Array(String),
    metrics Array(LowCardinality(String)),
    segments String,
    top_topics Array(String),
    examples String,
    board_url String,
    published_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(published_at)
ORDER BY (incident, seq);

-- One row per incident: its latest state (for annotations: time, timeEnd, text, tags).
CREATE VIEW IF NOT EXISTS alert_annotations AS
SELECT
    incident,
    min(opened_at) AS time,
    argMax(resolved_at, seq) AS time_end,
    argMax(status, seq) AS status,
    argMax(severity, seq) AS severity,
    argMax(alert_group, seq) AS alert_group,
    argMax(title, seq) AS text,
    argMax(series, seq) AS series,
    argMax(board_url, seq) AS board_url
FROM alerts FINAL
GROUP BY incident;
