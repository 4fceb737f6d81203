"""Boards as the JSON Grafana loads, written to ``grafana/dashboards/`` and checked for staleness.

Example::

    write_all()          # after changing a board: regenerate the checked-in JSON
    assert stale() == [] # what the test suite asserts
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from grafana_foundation_sdk.cog.encoder import JSONEncoder

from grafana.boards import BOARDS

DASHBOARDS = Path(__file__).parent / "dashboards"


def render(uid: str) -> dict[str, Any]:
    board: dict[str, Any] = json.loads(json.dumps(BOARDS[uid]().build(), cls=JSONEncoder))
    for number, panel in enumerate(board.get("panels", []), start=1):
        panel["id"] = number  # stable ids keep links and diffs steady
    # The SDK (v0.0.21) defaults `placement` to "inControlsMenu", which tucks the incident toggle and the
    # board links into the controls dropdown of Grafana 12.4+; without it they stay in the dashboard bar.
    for item in [*board.get("annotations", {}).get("list", []), *board.get("links", [])]:
        item.pop("placement", None)
    return board


def text(uid: str) -> str:
    return json.dumps(render(uid), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(folder: Path = DASHBOARDS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for uid in BOARDS:
        path = folder / f"{uid}.json"
        path.write_text(text(uid), encoding="utf-8")
        written.append(path)
    return written


def stale(folder: Path = DASHBOARDS) -> list[str]:
    """Boards whose checked-in JSON differs from what the code builds (or is missing)."""
    return [uid for uid in BOARDS
            if not (p := folder / f"{uid}.json").exists() or p.read_text(encoding="utf-8") != text(uid)]


def load(uid: str, folder: Path = DASHBOARDS) -> dict[str, Any]:
    return json.loads((folder / f"{uid}.json").read_text(encoding="utf-8"))
