"""The alternative: river's HalfSpaceTrees, run on the same buckets for comparison.

Example::

    hst = HalfSpaceDetector(series=["all", "channel:chat"])
    for minute, totals in closed_minutes:          # per minute, per series counters
        alerts += hst.observe(minute, totals)

One model per series, fed once per minute with the last five minutes'
volume, negative rate and friction rate (min-max scaled, as the trees
expect inputs in [0, 1]). A score above the running ``q`` quantile raises an
alert; consecutive anomalous minutes of a series are one alert. It learns
online from every minute, like our detector, and has no notion of counts:
that is the comparison.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from river import anomaly, compose, preprocessing

FEATURE_MINUTES = 5


class HalfSpaceDetector:
    def __init__(self, q: float = 0.995, warmup_minutes: int = 24 * 60, seed: int = 42) -> None:
        self.q, self.warmup, self.seed = q, warmup_minutes, seed
        self.models: dict[str, compose.Pipeline] = {}
        self.recent: dict[str, deque[Mapping[str, float]]] = {}
        self.active: set[str] = set()
        self.seen = 0

    def _model(self, series: str) -> compose.Pipeline:
        if series not in self.models:
            self.models[series] = compose.Pipeline(
                preprocessing.MinMaxScaler(),
                anomaly.QuantileFilter(anomaly.HalfSpaceTrees(seed=self.seed), q=self.q))
            self.recent[series] = deque(maxlen=FEATURE_MINUTES)
        return self.models[series]

    def observe(self, minute_counts: Mapping[str, Mapping[str, float]]) -> list[str]:
        """One closed minute: counters per series. Returns the series whose alert starts now."""
        self.seen += 1
        started = []
        for series, counts in minute_counts.items():
            model = self._model(series)
            self.recent[series].append(counts)
            x = _features(self.recent[series])
            anomalous = model["QuantileFilter"].classify(model.score_one(x)) and self.seen > self.warmup
            model.learn_one(x)
            if anomalous and series not in self.active:
                started.append(series)
            (self.active.add if anomalous else self.active.discard)(series)
        return started


def _features(recent: deque[Mapping[str, float]]) -> dict[str, float]:
    total = {k: sum(m.get(k, 0.0) for m in recent) for k in ("contacts", "negative", "friction")}
    contacts = max(total["contacts"], 1.0)
    return {"volume": total["contacts"], "negative_rate": total["negative"] / contacts,
            "friction_rate": total["friction"] / contacts}
