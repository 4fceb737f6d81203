"""Prometheus metrics of the pipeline, served at the worker's ``/metrics``.

Labels never carry event content (no ids, no text): only topics, kinds,
reasons and tables, so no personal data can reach Prometheus.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300)

EVENTS_IN = Counter("cx_events_in_total", "Events read, by topic and kind", ["topic", "kind"])
DEAD_LETTERS = Counter("cx_dead_letters_total", "Rejected inputs, by reason and origin",
                       ["reason", "origin"])
DUPLICATES = Counter("cx_duplicate_events_total", "Events already stored (replays, retries)")
SENTIMENT_BATCH = Histogram("cx_sentiment_batch_texts", "Texts per sentiment call",
                            buckets=(1, 4, 16, 32, 64, 128, 256, 512, 1024))
SENTIMENT_SECONDS = Histogram("cx_sentiment_seconds", "Sentiment inference time per call",
                              buckets=LATENCY_BUCKETS)
END_TO_END = Histogram("cx_end_to_end_seconds", "occurred_at -> stored in ClickHouse",
                       buckets=LATENCY_BUCKETS)
RECEIVED_TO_STORED = Histogram("cx_received_to_stored_seconds", "read from Kafka -> stored",
                               buckets=LATENCY_BUCKETS)
BATCH_STAGE_SECONDS = Histogram("cx_batch_stage_seconds", "Time per stream batch in each stage",
                                ["stage"], buckets=LATENCY_BUCKETS)
CH_WRITE_SECONDS = Histogram("cx_clickhouse_write_seconds", "ClickHouse batch write time",
                             buckets=LATENCY_BUCKETS)
CH_WRITE_FAILURES = Counter("cx_clickhouse_write_failures_total", "Failed ClickHouse writes (retried)")
CH_ROWS = Counter("cx_clickhouse_rows_total", "Events written to ClickHouse")
CONSUMER_LAG = Gauge("cx_consumer_lag", "High-water mark minus next offset", ["topic", "partition"])
HTTP_REQUESTS = Counter("cx_http_requests_total", "Ingest requests by status", ["status"])
HTTP_EVENTS = Counter("cx_http_events_total", "Events accepted over HTTP")
ALERT_NOTIFICATIONS = Counter("cx_alert_notifications_total", "Incident notifications published",
                              ["change", "severity"])
ALERTS_DELIVERED = Counter("cx_alerts_delivered_total", "Notification deliveries by target and outcome",
                           ["target", "outcome"])
DETECTOR_LATE = Gauge("cx_detector_late_snapshots", "Minute snapshots that arrived after the detector "
                      "moved past their minute (their events are still stored)")
DETECTOR_OUT_OF_HORIZON = Gauge("cx_detector_out_of_horizon_snapshots", "Minute snapshots ignored because "
                                "their minute is far from processing time (CXPULSE_DETECT_HORIZON_*_SECONDS)")
DETECTOR_ERRORS = Counter("cx_detector_errors_total", "Snapshots the detector failed on (skipped)")
STRAY_TOPIC_MESSAGES = Gauge("cx_stray_topic_messages", "Messages in a topic under cxpulse's prefix that no "
                             "agent reads (a misspelled or retired topic)", ["topic"])
