"""Every exported board passes Grafana's strict schema types (grafana-foundation-sdk Go v0.0.22).

``grafana/checks/schema`` decodes each board with ``Dashboard.UnmarshalJSONStrict``
(unknown fields, wrong types, panels through their plugin variants) and runs
``Dashboard.Validate``. A board with a stale field must fail, so the check is
known to bite.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from grafana.boards import BOARDS
from grafana.export import DASHBOARDS
from tests.grafana.toolchains import schema_checker


@pytest.fixture(scope="module")
def checker() -> Path:
    return schema_checker()


def check(checker: Path, *paths: Path) -> list[dict[str, Any]]:
    done = subprocess.run([str(checker), *map(str, paths)], capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_every_board_passes_strict_validation(checker: Path) -> None:
    results = check(checker, *(DASHBOARDS / f"{uid}.json" for uid in BOARDS))
    assert len(results) == len(BOARDS)
    assert [r for r in results if not r["ok"]] == []


@pytest.mark.parametrize(("where", "field"), [("board", "style"), ("variable", "id"), ("panel", "legacyOption")])
def test_a_stale_field_is_refused(checker: Path, tmp_path: Path, where: str, field: str) -> None:
    board = json.loads((DASHBOARDS / "cx-agents.json").read_text(encoding="utf-8"))
    target = {"board": board, "variable": board["templating"]["list"][0], "panel": board["panels"][0]}[where]
    target[field] = "x"
    path = tmp_path / "board.json"
    path.write_text(json.dumps(board), encoding="utf-8")
    (result,) = check(checker, path)
    assert not result["ok"] and f"unexpected field '{field}'" in result["error"]


def test_no_panel_has_null_options() -> None:
    for uid in BOARDS:
        board = json.loads((DASHBOARDS / f"{uid}.json").read_text(encoding="utf-8"))
        assert [p["title"] for p in board["panels"] if not isinstance(p.get("options"), dict)] == [], uid
