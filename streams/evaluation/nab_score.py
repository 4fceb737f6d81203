"""NAB's scoring rules, written from their description, for 0/1 detections (an incident opened on a row).

Example::

    score = score_series(series, detected_rows={812, 4410}, profile=PROFILES_WEIGHTS["standard"])
    score.raw, score.windows_hit, score.fp_rows
    normalized([score, ...], "standard")          # 100 * (raw - null) / (perfect - null)

The rules (Lavin & Ahmad 2015; NAB's ``nab/sweeper.py`` and ``config/profiles.json``):

- the first 15% of a file's rows (at most 750) are probation: not scored;
- in a window only the earliest detection counts, worth
  ``tp * (2*sigmoid(-5*y) - 1) / (2*sigmoid(5) - 1)`` with ``y`` = -(rows to the
  window's end + 1) / width (-1 at the start, 0 past the end); a window with
  no detection costs ``fn``;
- a detection outside every window costs ``fp`` times ``-(2*sigmoid(-5*y) - 1)``,
  ``y`` = rows past the previous window's end / (its width - 1) (the full
  ``fp`` before the first window or more than three widths after one);
- the null detector (never detects) scores ``-fn`` per window, the perfect one
  ``tp`` per window; normalized = 100 * (raw - null) / (perfect - null).

This is an independent implementation; ``streams/evaluation/nab_check.py``
compares it with NAB's own scorer (``../shared/tools/nab``) on the same rows.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from streams.evaluation.nab_data import PROFILES, NabSeries

PROBATION_SHARE, PROBATION_MAX_ROWS = 0.15, 750


@dataclass(frozen=True, slots=True)
class Weights:
    tp: float
    fn: float
    fp: float


WEIGHTS = {"standard": Weights(1.0, 1.0, 0.11), "reward_low_FP_rate": Weights(1.0, 1.0, 0.22),
           "reward_low_FN_rate": Weights(1.0, 2.0, 0.11)}
assert tuple(WEIGHTS) == PROFILES


def scaled_sigmoid(y: float) -> float:
    return -1.0 if y > 3.0 else 2 / (1 + math.exp(5 * y)) - 1


@dataclass(frozen=True, slots=True)
class SeriesScore:
    name: str
    raw: float
    windows: int  # scored windows (those not wholly in probation)
    windows_hit: int
    fp_rows: int
    first_hits: tuple[int | None, ...] = field(default=())  # per window: the earliest scored detection row


def probation_rows(n: int) -> int:
    return min(math.floor(PROBATION_SHARE * n), int(PROBATION_SHARE * 5000), PROBATION_MAX_ROWS)


def window_rows(series: NabSeries) -> list[tuple[int, int]]:
    """Each window as (first row, last row) indices."""
    index = {t: i for i, (t, _) in enumerate(series.rows)}
    return [(index[a], index[b]) for a, b in series.windows]


def score_series(series: NabSeries, detected_rows: Iterable[int], weights: Weights) -> SeriesScore:
    n, probation = len(series.rows), probation_rows(len(series.rows))
    spans = window_rows(series)
    starts = [a for a, _ in spans]
    rows = sorted(r for r in set(detected_rows) if probation <= r < n)
    scored = [(a, b) for a, b in spans if b >= probation]
    raw, hits, fps, first = 0.0, 0, 0, []
    max_tp = scaled_sigmoid(-1.0)
    for a, b in scored:
        inside = [r for r in rows if a <= r <= b]
        first.append(inside[0] if inside else None)
        if inside:
            width = b - a + 1
            raw += weights.tp * scaled_sigmoid(-(b - inside[0] + 1) / width) / max_tp
            hits += 1
        else:
            raw -= weights.fn
    for r in rows:
        k = bisect.bisect_right(starts, r) - 1  # the last window starting at or before r
        if k >= 0 and r <= spans[k][1]:
            continue
        fps += 1
        if k < 0:
            raw -= weights.fp
        else:
            a, b = spans[k]
            raw += weights.fp * scaled_sigmoid(abs(b - r) / (b - a))
    return SeriesScore(series.name, raw, len(scored), hits, fps, tuple(first))


def normalized(scores: Sequence[SeriesScore], profile: str) -> float:
    w = WEIGHTS[profile]
    windows = sum(s.windows for s in scores)
    null, perfect = -w.fn * windows, w.tp * windows
    return 100 * (sum(s.raw for s in scores) - null) / (perfect - null) if windows else 0.0
