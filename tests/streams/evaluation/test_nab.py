"""NAB mode: the scorer against the rules and NAB's own tool, and the feed's contacts in event time."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from processors.detection import DetectorConfig
from streams.evaluation.nab_check import nab_scores
from streams.evaluation.nab_data import NabSeries, load_corpus, published_scores
from streams.evaluation.nab_feed import minute_counts, row_snapshots
from streams.evaluation.nab_run import detections, write_results
from streams.evaluation.nab_score import WEIGHTS, normalized, score_series

T0 = 1_425_000_000_000 // 300_000 * 300_000  # a 5-minute boundary in 2015
TOOL = Path(__file__).resolve().parents[3] / "../shared/tools/nab"


def series(n: int = 2000, windows: tuple[tuple[int, int], ...] = ((1000, 1099),)) -> NabSeries:
    rows = tuple((T0 + i * 300_000, 10 + (i % 7)) for i in range(n))
    return NabSeries("Twitter_volume_TEST", rows, tuple((rows[a][0], rows[b][0]) for a, b in windows))


def test_the_rules_earliest_detection_in_a_window_probation_and_false_positives() -> None:
    s, std = series(), WEIGHTS["standard"]
    assert score_series(s, [], std).raw == -1.0  # a missed window costs fnWeight
    assert score_series(s, [1000], std).raw == pytest.approx(1.0)  # the window's first row: the full tpWeight
    assert score_series(s, [1000, 1050], std).raw == pytest.approx(1.0)  # later detections in it are free
    assert score_series(s, [100], std).raw == -1.0  # in probation (first 15%, at most 750 rows): not scored
    assert score_series(s, [800], std).raw == pytest.approx(-1.0 - 0.11)  # before any window: the full fpWeight
    past = score_series(s, [1100], std)  # just after the window's end: cheaper
    assert -1.0 - 0.11 < past.raw < -1.0 and past.fp_rows == 1
    middle = score_series(s, [1050], std).raw  # y = -(1099 - 1050 + 1) / 100 = -0.5
    assert middle == pytest.approx((2 / (1 + math.exp(5 * -0.5)) - 1) / (2 / (1 + math.exp(-5)) - 1))
    assert normalized([score_series(s, [], std)], "standard") == 0.0
    assert normalized([score_series(s, [1000], std)], "standard") == pytest.approx(100.0)


@pytest.mark.skipif(not (TOOL / "nabscore.py").exists(), reason="NAB's scorer is not beside the project")
def test_ours_equals_nabs_own_scorer_on_the_same_rows(tmp_path: Path) -> None:
    s = series(3000, ((1000, 1099), (2000, 2199)))
    data, results = tmp_path / "data", tmp_path / "results"
    data.mkdir()
    write_results(s, {}, data)  # timestamp,value(,anomaly_score) is a data file too
    labels = tmp_path / "windows.json"
    stamp = [r.split(",")[0] for r in (data / f"{s.name}.csv").read_text().splitlines()[1:]]
    labels.write_text(json.dumps({f"realTweets/{s.name}.csv": [[stamp[a], stamp[b]] for a, b in
                                                                ((1000, 1099), (2000, 2199))]}))
    rows: dict[int, list[Any]] = {500: [], 800: [], 1040: [], 1100: [], 1150: [], 2500: []}
    write_results(s, rows, results)
    theirs = nab_scores(TOOL, results, data, labels)["scores"]
    ours = {p: round(normalized([score_series(s, rows, w)], p), 2) for p, w in WEIGHTS.items()}
    assert ours == theirs


def test_rows_become_contacts_in_event_time_and_the_detector_runs_on_them() -> None:
    s = series(1200)
    counts = list(minute_counts(s))
    assert len(counts) == 5 * len(s.rows) and sum(n for _, n in counts) == sum(v for _, v in s.rows)
    snaps = list(row_snapshots(s, 15))
    assert all(b.minute * 1000 <= at <= b.minute * 1000 + 60_000 for at, bs in snaps for b in bs)
    run = detections(s, DetectorConfig(), step_seconds=60)
    assert run["late"] == 0 and run["cpu_s"] < 60


def test_published_scores_are_read_from_the_folders_readme() -> None:
    table = "| ARTime | 83.77 | 73.14 | 89.18 | 16/16 | 33 |\n| null | 0.00 | 0.00 | 0.00 | 0/16 | 0 |"
    assert published_scores(table)["ARTime"] == {"standard": 83.77, "reward_low_FP_rate": 73.14,
                                                 "reward_low_FN_rate": 89.18, "windows_hit": 16, "windows": 16,
                                                 "fp_rows": 33}


def test_a_missing_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "combined_windows.json").write_text('{"realTweets/none.csv": []}')
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path)
