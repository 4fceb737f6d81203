"""``board snapshot`` draws every CX board from its panel queries."""

from __future__ import annotations

from pathlib import Path

from clickhouse_connect.driver.client import Client
from matplotlib.image import imread

from grafana.export import load
from grafana.panel_queries import board_range
from grafana.snapshot import BOARDS, board_frames, latest_event, snapshot
from tests.grafana.conftest import INCIDENT
from tests.sample import SAMPLE_DAYS, SAMPLE_START


def test_snapshots_are_drawn_for_every_board(boards_db: Client, tmp_path: Path) -> None:
    paths = snapshot(boards_db, tmp_path, now=INCIDENT)
    assert [p.name for p in paths] == [f"{uid}.png" for uid in BOARDS]
    for path in paths:
        height, width, _ = imread(path).shape
        assert width > 1000 and height > 300


def test_every_panel_gets_a_frame_and_none_is_an_error(boards_db: Client) -> None:
    for uid in BOARDS:
        board = load(uid)
        frames, annotations = board_frames(boards_db, board, board_range(board, INCIDENT))
        assert set(frames) == {p["title"] for p in board["panels"]}
        assert all(f.columns != ("error",) for f in frames.values()), uid
        assert annotations is not None


def test_default_end_is_the_newest_event(boards_db: Client) -> None:
    newest = latest_event(boards_db)
    assert SAMPLE_START < newest <= SAMPLE_START.replace(day=SAMPLE_START.day + SAMPLE_DAYS)
