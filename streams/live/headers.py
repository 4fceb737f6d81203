"""Headers on ``cx.enriched`` messages that the live aggregate relies on."""

from __future__ import annotations

from collections.abc import Sequence

from streams.enriched import EnrichedEvent

OCCURRED_MS = "cx-occurred-ms"  # event time, so windows need not parse the payload
REPLAY = "cx-replay"  # "1": the event was stored before; its first publication counted it
SOURCE = "cx-source-partition"  # the kind topic's partition it was read from (the detector's watermark)


def enriched_headers(item: EnrichedEvent, replayed: bool) -> list[tuple[str, bytes]]:
    headers = [(OCCURRED_MS, str(int(item.event.occurred_at.timestamp() * 1000)).encode()),
               (SOURCE, str(item.origin.partition).encode())]
    return [*headers, (REPLAY, b"1")] if replayed else headers


def header(headers: Sequence[tuple[str, bytes]] | dict[str, bytes] | None, name: str) -> bytes | None:
    items = headers.items() if isinstance(headers, dict) else (headers or [])
    return next((v for k, v in items if k == name), None)
