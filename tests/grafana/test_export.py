"""The checked-in board JSON is what the code builds, and is shaped as Grafana and the plugin expect."""

from __future__ import annotations

import pytest

from grafana.boards import BOARDS
from grafana.datasources import CLICKHOUSE_TYPE, CLICKHOUSE_UID, PROMETHEUS_UID
from grafana.export import load, stale


def test_exported_json_is_current() -> None:
    assert stale() == [], "run `cxpulse grafana export` and commit grafana/dashboards/"


@pytest.mark.parametrize("uid", list(BOARDS))
def test_board_shape(uid: str) -> None:
    board = load(uid)
    assert board["uid"] == uid and "cxpulse" in board["tags"] and board["panels"]
    ids = [p["id"] for p in board["panels"]]
    assert len(set(ids)) == len(ids)
    for panel in board["panels"]:
        assert panel["datasource"]["uid"] in (CLICKHOUSE_UID, PROMETHEUS_UID)
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            if target["datasource"]["type"] == CLICKHOUSE_TYPE:
                assert target["pluginVersion"].startswith("4.") and target["format"] in (0, 1)
                assert target["editorType"] == "sql" and target["rawSql"].strip()

