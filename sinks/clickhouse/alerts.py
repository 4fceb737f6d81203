"""Incident notifications into the ``alerts`` table (migration 0003).

Example::

    AlertWriter(client).write([note, ...])     # notes from the spike detector

Rows are keyed by (incident, seq) in a ReplacingMergeTree, so writing a
replayed notification again replaces its own row instead of adding one.
``refresh`` notifications only re-assert an open incident; they are not
history and are skipped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from clickhouse_connect.driver.client import Client

from sinks.base import BatchingSink

COLUMNS = ("incident", "seq", "change", "status", "severity", "alert_group", "opened_at", "resolved_at",
           "title", "summary", "series", "metrics", "segments", "top_topics", "examples", "board_url",
           "published_at")


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def alert_row(note: dict[str, Any], now: datetime) -> tuple[Any, ...]:
    segments = note["segments"]
    return (note["incident"], note["seq"], note["change"], note["status"], note["severity"], note["group"],
            _time(note["opened_at"]), _time(note["resolved_at"]), note["title"], note["summary"],
            [s["series"] for s in segments], [s["metric"] for s in segments],
            orjson.dumps(segments).decode(), [t for t, _ in note["top_topics"]],
            orjson.dumps(note["examples"]).decode(), note["board_url"], now)


class AlertWriter(BatchingSink[dict[str, Any]]):
    def __init__(self, client: Client, max_items: int = 1_000) -> None:
        super().__init__(max_items)
        self.client = client

    def write(self, batch: list[dict[str, Any]]) -> None:
        now = datetime.now(UTC)
        rows = [alert_row(n, now) for n in batch if n["change"] != "refresh"]
        if rows:
            self.client.insert("alerts", rows, column_names=COLUMNS)
