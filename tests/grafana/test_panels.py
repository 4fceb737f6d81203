"""Every panel query, expanded as Grafana and the ClickHouse plugin expand it, draws on real data.

The boards' exported JSON (what Grafana loads) is read back; each ClickHouse
query is interpolated with the board's variables set to All, one value and
two values, its macros expanded for the board's default time range ending
an hour into the sample's incident, then run on embedded ClickHouse holding
the simulated sample and the detector's notifications. Each result must be
the frame its panel type needs: rows, numbers that are not all NULL, and
for time series a leading, sorted time column.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from clickhouse_connect.driver.client import Client

from grafana.boards import BOARDS
from grafana.export import load
from grafana.frames import fetch, problems
from grafana.panel_queries import board_range as default_range
from grafana.panel_queries import everything, panel_queries, selections
from grafana.templating import Selection
from grafana.time_range import TimeRange
from tests.grafana.conftest import INCIDENT

NOW = INCIDENT + timedelta(hours=1)
CLICKHOUSE_BOARDS = [uid for uid in BOARDS if uid != "cx-pipeline"]


def board_range(board: dict) -> TimeRange:
    return default_range(board, NOW)


def pick(mode: str):
    def choose(name: str, options: list[str], default: str) -> Selection:
        if default != "$__all":  # a custom guard: its smallest option, so small samples still rank
            return Selection.of(min(options, key=int), multi=False)
        return Selection.all(options) if mode == "all" else Selection.of(*options[: 1 if mode == "one" else 2])
    return choose


@pytest.mark.parametrize("mode", ["all", "one", "two"])
@pytest.mark.parametrize("uid", CLICKHOUSE_BOARDS)
def test_every_panel_draws(boards_db: Client, uid: str, mode: str) -> None:
    board = load(uid)
    r = board_range(board)
    chosen = selections(boards_db, board, r, pick(mode))
    failures = {}
    for query in panel_queries(board):
        sql = query.expand(chosen, r)
        assert "$" not in sql.replace("$__all", ""), f"{query.title}: unexpanded token in {sql}"
        if found := problems(query.panel_type, fetch(boards_db, sql)):
            failures[query.title] = found
    assert failures == {}


def test_the_incident_is_on_the_overview(boards_db: Client) -> None:
    board = load("cx-overview")
    r = board_range(board)
    chosen = selections(boards_db, board, r, everything)
    by_title = {q.title: q for q in panel_queries(board)}
    assert fetch(boards_db, by_title["Open incidents"].expand(chosen, r)).rows == ((1,),)
    incidents = fetch(boards_db, by_title["Incidents in range"].expand(chosen, r))
    row = dict(zip(incidents.columns, incidents.rows[0], strict=True))
    assert len(incidents.rows) == 1 and row["severity"] == "critical" and "delivery" in row["incident"]
    assert row["opened"] < NOW.replace(tzinfo=None) < row["resolved"]  # the table shows each incident's latest state
    after = TimeRange(r.start + timedelta(hours=6), r.end + timedelta(hours=6))
    assert fetch(boards_db, by_title["Open incidents"].expand(chosen, after)).rows == ((0,),)


def test_annotations_have_the_columns_grafana_reads(boards_db: Client) -> None:
    board = load("cx-overview")
    (query,) = [q for q in panel_queries(board) if q.panel_type == "annotations"]
    frame = fetch(boards_db, query.expand({}, board_range(board)))
    assert {"time", "timeEnd", "text", "tags"} <= set(frame.columns) and len(frame.rows) == 1
