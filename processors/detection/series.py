"""What the detector watches: series (overall, per channel, per topic) and their metrics.

Example::

    s = Series.parse("channel:email")
    [m.name for m in s.metrics]       # ['volume', 'negative_rate', 'friction_rate']
    s.count(bucket, "negative")       # the bucket's negatives if it is an email bucket, else 0
"""

from __future__ import annotations

from dataclasses import dataclass

from processors.detection.bucket import Bucket


@dataclass(frozen=True, slots=True)
class Metric:
    """``hits`` out of ``base`` (a rate), or ``hits`` per minute when ``base`` is None (a volume)."""

    name: str
    hits: str
    base: str | None = None

    @property
    def is_rate(self) -> bool:
        return self.base is not None


VOLUME = Metric("volume", "contacts")
DROP = Metric("volume_drop", "contacts")  # the lower tail of the same counts: contacts stopped arriving
NEGATIVE = Metric("negative_rate", "negative", "contacts")
FRICTION = Metric("friction_rate", "friction", "contacts")
NPS_DETRACTORS = Metric("nps_detractors", "nps_detractor", "nps")
CSAT_UNSATISFIED = Metric("csat_unsatisfied", "csat_low", "csat")
CONTACT_METRICS = (VOLUME, NEGATIVE, FRICTION)
METRICS = {m.name: m for m in (*CONTACT_METRICS, DROP, NPS_DETRACTORS, CSAT_UNSATISFIED)}


@dataclass(frozen=True, slots=True)
class Series:
    id: str  # "all", "channel:<kind>" or "topic:<topic>"
    kind: str | None = None
    topic: str | None = None

    @classmethod
    def parse(cls, series_id: str) -> Series:
        dimension, _, value = series_id.partition(":")
        return cls(series_id, value if dimension == "channel" else None,
                   value if dimension == "topic" else None)

    @property
    def metrics(self) -> tuple[Metric, ...]:
        # Survey scores are too sparse per channel or topic; they are watched overall.
        # Drops are watched overall and per channel (a topic going quiet is good news).
        if self.id == "all":
            return (*CONTACT_METRICS, DROP, NPS_DETRACTORS, CSAT_UNSATISFIED)
        return (*CONTACT_METRICS, DROP) if self.kind else CONTACT_METRICS

    @property
    def counters(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for m in self.metrics for c in (m.hits, m.base) if c))

    def count(self, bucket: Bucket, name: str) -> int:
        if self.kind is not None and bucket.kind != self.kind:
            return 0
        return bucket.count(name, self.topic)


ALL = Series("all")


def channel(kind: str) -> Series:
    return Series(f"channel:{kind}", kind=kind)


def topic(name: str) -> Series:
    return Series(f"topic:{name}", topic=name)
