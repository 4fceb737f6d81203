"""Live minute windows to the detector's topic, as snapshots.

Example::

    snaps = Snapshots(minute_table)
    for value in snaps.changed():          # windows whose offset moved since the last call
        await producer.send(settings.minutes_topic, b"detector", value)

Every worker sends the windows of the kinds it owns, every
``CXPULSE_DETECT_SNAPSHOT_SECONDS``. A snapshot is a window's whole state,
not a delta, so sending one twice, or all of them again after a restart,
changes nothing downstream.
"""

from __future__ import annotations

from typing import Any

import orjson


class Snapshots:
    def __init__(self, table: Any) -> None:
        self.table = table
        self.sent: dict[tuple[str, float], int] = {}

    def changed(self) -> list[bytes]:
        data = dict(self.table.table.data.items())  # {(kind, (start, end)): value}
        out = []
        for (kind, (start, _end)), value in data.items():
            if self.sent.get((kind, start)) != value.get("offset"):
                self.sent[(kind, start)] = value.get("offset", -1)
                out.append(orjson.dumps(value))
        live = {(kind, start) for kind, (start, _end) in data}
        self.sent = {k: v for k, v in self.sent.items() if k in live}
        return out
