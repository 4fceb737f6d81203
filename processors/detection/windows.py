"""A series counted over its look-back windows, and the strongest finding among them.

Example::

    vs = views(ALL, totals_at, baseline, now_ms, windows=(2, 5, 15))
    strongest(ALL, NEGATIVE, vs, baseline, cfg)     # a Finding, or None when normal

Windows end at the series' event time, in the newest (partial) minute.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from processors.detection.baseline import Baseline
from processors.detection.config import DetectorConfig
from processors.detection.finding import Finding, drop_finding, rate_finding, volume_finding
from processors.detection.series import DROP, VOLUME, Metric, Series

RATE_MASS = 100.0  # contacts a baseline slot must rest on before its rate is trusted


@dataclass(frozen=True, slots=True)
class View:
    window: int  # minutes, including the newest partial one
    minute: int  # the newest minute (epoch seconds)
    counts: dict[str, int]  # including the newest partial minute
    complete: int  # complete minutes before the newest (volume looks only at these)
    volume: int  # contacts in the complete minutes
    mean_volume: float | None  # contacts the baseline expects in the complete minutes


def views(series: Series, totals_at: Callable[[int], Mapping[tuple[str, str | None], int]],
          baseline: Baseline, now_ms: int, windows: Sequence[int]) -> list[View]:
    """``totals_at(minute)``: the series' scope's counters of that minute, keyed (name, topic).

    Rates include the newest, partial minute (a ratio does not care how much
    of it has passed); volumes count complete minutes only, because kinds
    reach a minute's end at different times and the partial share is unknown.
    """
    newest = now_ms // 60_000 * 60
    counts = dict.fromkeys(series.counters, 0)
    mean: float | None = 0.0
    out = []
    for back in range(max(windows)):
        minute = newest - 60 * back
        totals = totals_at(minute)
        for name in counts:
            counts[name] += totals.get((name, series.topic), 0)
        if back == 0:
            partial = counts[VOLUME.hits]
        else:
            expected = baseline.expected(minute, VOLUME.hits)
            mean = None if mean is None or expected is None else mean + expected
        if back + 1 in windows:
            out.append(View(back + 1, newest, dict(counts), back, counts[VOLUME.hits] - partial, mean))
    return out


def finding(series: Series, metric: Metric, view: View, baseline: Baseline,
            cfg: DetectorConfig) -> Finding | None:
    hits = view.counts[metric.hits]
    if metric.base is None:
        if view.mean_volume is None or not view.complete:
            return None
        dispersion = baseline.dispersion(view.complete)
        if metric is DROP:
            if view.window != max(cfg.windows):  # a drop is judged over the longest window only
                return None
            return drop_finding(series.id, metric, view.complete, view.volume, view.mean_volume, cfg, dispersion)
        return volume_finding(series.id, metric, view.complete, view.volume, view.mean_volume, cfg, dispersion)
    p0 = baseline.rate(view.minute, metric.hits, metric.base, RATE_MASS)
    if p0 is None:
        return None
    return rate_finding(series.id, metric, view.window, hits, view.counts[metric.base], p0, cfg)


def strongest(series: Series, metric: Metric, vs: Sequence[View], baseline: Baseline,
              cfg: DetectorConfig) -> Finding | None:
    found = [f for v in vs if (f := finding(series, metric, v, baseline, cfg)) is not None]
    return min(found, key=lambda f: (f.p_value, -f.ratio), default=None)
