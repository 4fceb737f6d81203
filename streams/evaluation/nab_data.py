"""NAB-format series: ``timestamp,value`` CSVs, their labelled windows, the published scores.

Example::

    corpus = load_corpus(Path("../shared/data/nab-realtweets-dev"))
    s = corpus.series[0]
    s.name, len(s.rows), s.windows[0]         # 'Twitter_volume_AAPL', 15902, (start_ms, end_ms)
    corpus.published["ARTime"]["standard"]    # 83.77, when the folder's README lists it

The format is that of the Numenta Anomaly Benchmark (github.com/numenta/NAB,
Lavin & Ahmad, ICMLA 2015): one row per period, windows as ``[start, end]``
timestamps of rows in ``combined_windows.json``, keyed ``<category>/<file>``.
Nothing here is copied from NAB: the data stays where it is (a setting or an
argument points at it) and is read as is. The published detectors' scores
are read from the folder's README table when it has one (the development
folder's lists them for exactly its series).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

PROFILES = ("standard", "reward_low_FP_rate", "reward_low_FN_rate")


@dataclass(frozen=True, slots=True)
class NabSeries:
    name: str  # the file's stem, e.g. Twitter_volume_AAPL
    rows: tuple[tuple[int, int], ...]  # (timestamp in epoch ms, value)
    windows: tuple[tuple[int, int], ...]  # (start ms, end ms), both timestamps of rows

    @property
    def period_ms(self) -> int:
        """The rows' spacing (the most common gap)."""
        gaps = [b[0] - a[0] for a, b in zip(self.rows, self.rows[1:], strict=False)]
        return max(set(gaps), key=gaps.count) if gaps else 60_000

    @property
    def days(self) -> float:
        return (self.rows[-1][0] - self.rows[0][0]) / 86_400_000 if self.rows else 0.0


@dataclass(frozen=True, slots=True)
class NabCorpus:
    series: tuple[NabSeries, ...]
    published: dict[str, dict[str, float]] = field(default_factory=dict)  # detector -> profile -> score


def parse_ms(text: str) -> int:
    return int(datetime.fromisoformat(text.strip()).replace(tzinfo=UTC).timestamp() * 1000)


def load_series(path: Path, windows: list[list[str]]) -> NabSeries:
    with path.open(newline="") as f:
        rows = tuple((parse_ms(r["timestamp"]), int(float(r["value"]))) for r in csv.DictReader(f))
    return NabSeries(path.stem, rows, tuple((parse_ms(a), parse_ms(b)) for a, b in windows))


def load_corpus(folder: Path, labels: Path | None = None) -> NabCorpus:
    """Every file named in the labels (default ``folder/combined_windows.json``) that is in ``folder``."""
    labels = labels or folder / "combined_windows.json"
    windows: dict[str, list[list[str]]] = json.loads(labels.read_text())
    series = [load_series(folder / Path(key).name, ws) for key, ws in sorted(windows.items())
              if (folder / Path(key).name).exists()]
    if not series:
        raise FileNotFoundError(f"no series of {labels} in {folder}")
    readme = folder / "README.md"
    return NabCorpus(tuple(series), published_scores(readme.read_text()) if readme.exists() else {})


def published_scores(markdown: str) -> dict[str, dict[str, float]]:
    """The ``| detector | standard | reward_low_FP | reward_low_FN | windows hit | FP rows |`` table."""
    out: dict[str, dict[str, float]] = {}
    row = re.compile(r"^\|\s*([A-Za-z][\w-]*)\s*\|\s*(-?[\d.]+)\s*\|\s*(-?[\d.]+)\s*\|\s*(-?[\d.]+)\s*\|"
                     r"\s*(\d+)/(\d+)\s*\|\s*(\d+)\s*\|", re.M)
    for m in row.finditer(markdown):
        out[m[1]] = {**dict(zip(PROFILES, map(float, m.group(2, 3, 4)), strict=True)),
                     "windows_hit": int(m[5]), "windows": int(m[6]), "fp_rows": int(m[7])}
    return out
