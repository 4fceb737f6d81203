"""Event time as the detector knows it: a watermark per kind.

Example::

    clock = Clock()
    clock.advance(bucket)                  # the newest event time of bucket.kind moves on
    clock.time(Series.parse("all"))       # the slowest active kind's watermark

A channel's series runs on its own kind's clock. Overall and per-topic
series mix every kind, so they run on the slowest kind that is still
active: a minute is not counted as final for "all" while email is still
catching up on it (after a restart, kinds catch up at different speeds). A
kind is active while its watermark moved within ``IDLE_MS`` of processing
time, or is within ``IDLE_MS`` of the newest in event time; a quiet channel
(no social posts at night) stops holding the others back.

:meth:`settled` is stricter, for what the baseline learns: within a kind it
is the slowest active *source partition*'s time. In a backfill one partition
of a kind topic can be read an hour ahead of another; a minute learned then
would be missing the other partition's events, and the complete minutes after
it would look like a spike. ``now`` should be processing time (the worker
passes it) so that a partition catching up counts as active however far the
others jumped ahead in event time. A partition that has not delivered a single
event of the kind yet is unknown here and cannot hold learning back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from processors.detection.bucket import Bucket
from processors.detection.series import Series

IDLE_MS = 10 * 60_000


@dataclass(slots=True)
class Clock:
    marks: dict[str, int] = field(default_factory=dict)  # kind -> newest event time (ms)
    moved: dict[str, int] = field(default_factory=dict)  # kind -> processing time its mark last moved
    now: int = 0  # processing time of the latest observation (ms)
    channels: list[str] = field(default_factory=list)  # kinds that carry contacts
    topics: list[str] = field(default_factory=list)
    first: int = 0  # the first minute ever seen (epoch seconds)
    pruned: int = 0  # minutes before this one have been dropped
    late: int = 0  # snapshots too old to be applied (their events are still stored elsewhere)
    resumed: int = 0  # the minute event time jumped to, if it ever did (nothing before it is learned)
    out_of_horizon: int = 0  # snapshots of minutes far from processing time (ignored; see the detector)
    parts: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> partition -> newest ms
    parts_moved: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> partition -> when it moved

    @property
    def newest(self) -> int:
        return max(self.marks.values(), default=0)

    def tick(self, now_ms: int) -> None:
        self.now = max(self.now, now_ms)

    def advance(self, bucket: Bucket) -> None:
        if bucket.last_ms > self.marks.get(bucket.kind, 0):
            self.marks[bucket.kind] = bucket.last_ms
            self.moved[bucket.kind] = self.now
        self._advance_parts(bucket)
        self.first = min(self.first, bucket.minute) if self.first else bucket.minute
        if bucket.stats.contacts and bucket.kind not in self.channels:
            self.channels = sorted([*self.channels, bucket.kind])
        if new := set(bucket.stats.by_topic) - set(self.topics):
            self.topics = sorted([*self.topics, *new])

    def time(self, series: Series) -> int:
        if series.kind is not None:
            return self.marks.get(series.kind, 0)
        return min(self._active(self.marks, self.moved).values(), default=0)

    def settled(self, series: Series) -> int:
        """The event time up to which ``series`` has all its data (see the module docstring)."""
        if series.kind is not None:
            return self._settled(series.kind)
        return min((self._settled(k) for k in self._active(self.marks, self.moved)), default=0)

    def _settled(self, kind: str) -> int:
        parts = self.parts.get(kind)
        if not parts:
            return self.marks.get(kind, 0)
        return min(self._active(parts, self.parts_moved.get(kind, {})).values(), default=0)

    def _active(self, marks: dict[str, int], moved: dict[str, int]) -> dict[str, int]:
        newest = max(marks.values(), default=0)
        return {k: t for k, t in marks.items()
                if t >= newest - IDLE_MS or self.now - moved.get(k, 0) <= IDLE_MS}

    def _advance_parts(self, bucket: Bucket) -> None:
        parts, moved = self.parts.setdefault(bucket.kind, {}), self.parts_moved.setdefault(bucket.kind, {})
        for part, ms in bucket.parts.items():
            if ms > parts.get(part, 0):
                parts[part], moved[part] = ms, self.now

    def to_dict(self) -> dict[str, Any]:
        # Two levels copied by hand: dataclasses.asdict deep-copies and was a third of a replay's time.
        return {f.name: _copy(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Clock:
        return cls(**data) if data else cls()


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: dict(v) if isinstance(v, dict) else v for k, v in value.items()}
    return list(value) if isinstance(value, list) else value
