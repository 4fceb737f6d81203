"""Rejected input and how it is kept: the original bytes plus headers.

A dead letter's value is exactly the bytes that were rejected; why and where
from travel in headers (``cx-dlq-*``), as Kafka Connect does, so a fixed
message can be replayed to its topic unchanged. Reasons are short stable
codes (``malformed_json``, ``schema_violation``, ...) and details never echo
input values, which may hold personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from streams.records import Record


@dataclass(frozen=True, slots=True)
class Rejection:
    record: Record
    reason: str
    detail: str

    def headers(self) -> list[tuple[str, bytes]]:
        o = self.record.origin
        return [
            ("cx-dlq-reason", self.reason.encode()),
            ("cx-dlq-detail", self.detail[:2000].encode()),
            ("cx-dlq-origin", b"http" if o.topic == "http" else b"kafka"),
            ("cx-dlq-topic", o.topic.encode()),
            ("cx-dlq-partition", str(o.partition).encode()),
            ("cx-dlq-offset", str(o.offset).encode()),
            ("cx-dlq-at", datetime.now(UTC).isoformat().encode()),
        ]


def read_headers(headers: list[tuple[str, bytes]] | dict[str, bytes]) -> dict[str, str]:
    """The ``cx-dlq-*`` headers of a dead letter as text."""
    items = headers.items() if isinstance(headers, dict) else headers
    return {k: v.decode() for k, v in items if k.startswith("cx-dlq-")}
