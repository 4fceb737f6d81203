"""grafana/templating.py agrees, case by case, with Grafana's own frontend interpolation.

``grafana/checks/interpolate`` runs @grafana/scenes ``sceneGraph.interpolate``
(what Grafana 12/13 dashboards use) with the ClickHouse plugin's format and
``$__conditionalAll`` step, and @grafana/data ``rangeUtil.calculateInterval``
for ``$__interval``/``$__interval_ms``, in node with jsdom. Every panel,
annotation and variable query of every exported board is interpolated with
its variables at All, one value, several values, values holding quotes and
backslashes, and with no variables defined at all (unknown variables);
every alert-rule query as alerting sends it (no variables); and every
variable format on those same selections. The interval Grafana derives for
each panel must agree too.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from grafana.alerting.provisioning import rule_documents
from grafana.boards import BOARDS
from grafana.datasources import CLICKHOUSE_TYPE
from grafana.export import load
from grafana.panel_queries import board_range, panel_queries
from grafana.templating import Selection, interpolate
from grafana.time_range import TimeRange, interval_text
from tests.grafana.conftest import INCIDENT
from tests.grafana.toolchains import interpolator

NOW = INCIDENT + timedelta(hours=1, milliseconds=250)
OPTIONS = ("alpha", "beta", "o'neil", "c:\\temp", 'say "hi"')
MODES = ("all", "one", "several", "quotes", "unknown")
FORMATS = ("", "csv", "raw", "singlequote", "doublequote", "sqlstring", "pipe", "json", "glob", "text", "nosuch")


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    sql: str
    variables: dict[str, Selection]
    r: TimeRange
    min_interval: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"sql": self.sql, "from": self.r.from_ms, "to": self.r.to_ms, "maxDataPoints": self.r.max_data_points,
                "minInterval": self.min_interval,
                "variables": [{"name": n, "values": list(s.values), "all": s.is_all, "multi": s.multi,
                               "options": list(OPTIONS) if s.multi else list(s.values)}
                              for n, s in self.variables.items()]}

    def ours(self) -> dict[str, Any]:
        interval = self.r.interval_ms(self.min_interval)
        return {"sql": interpolate(self.sql, self.variables, self.r, interval),
                "interval": interval_text(interval), "intervalMs": interval}


def selection(mode: str, multi: bool) -> Selection:
    if not multi:  # a custom single-value variable (the volume guard)
        return Selection.of("o'neil" if mode == "quotes" else "20", multi=False)
    if mode == "all":
        return Selection.all(list(OPTIONS))
    return Selection.of(*{"one": OPTIONS[:1], "several": OPTIONS[:2], "quotes": OPTIONS[2:]}[mode])


def board_cases() -> list[Case]:
    cases = []
    for uid in BOARDS:
        board = load(uid)
        r = board_range(board, NOW)
        names = {v["name"]: v.get("multi", False) for v in board.get("templating", {}).get("list", [])}
        queries = [(q.title, q.raw_sql, q.min_interval) for q in panel_queries(board)]
        queries += [(f"variable {v['name']}", v["query"], None) for v in board.get("templating", {}).get("list", [])
                    if v.get("datasource", {}).get("type") == CLICKHOUSE_TYPE]
        for title, sql, min_interval in queries:
            for mode in MODES:
                chosen = {} if mode == "unknown" else {n: selection(mode, multi) for n, multi in names.items()}
                cases.append(Case(f"{uid}/{title}/{mode}", sql, chosen, r, min_interval))
    return cases


def rule_cases() -> list[Case]:
    r = TimeRange(NOW - timedelta(hours=1), NOW)
    return [Case(f"rule {rule['uid']}/{item['refId']}", item["model"]["rawSql"], {}, r)
            for rule in rule_documents() for item in rule["data"] if "rawSql" in item["model"]]


def format_cases() -> list[Case]:
    r = TimeRange(NOW - timedelta(days=7), NOW)
    sql = " | ".join(f"${{v:{f}}}" if f else "$v" for f in FORMATS) + " | [[v]] | [[v:csv]] | ${v}"
    sql += " | $__conditionalAll(c IN ($v), $v) | $__conditionalAll( c = ${v:sqlstring} , ${v}) | ${__interval}"
    cases = []
    for mode in MODES:
        for multi in (True, False):
            chosen = {} if mode == "unknown" else {"v": selection(mode, multi)}
            cases.append(Case(f"formats/{mode}/{'multi' if multi else 'single'}", sql, chosen, r, "1h"))
    return cases


CASES = board_cases() + rule_cases() + format_cases()


@pytest.fixture(scope="module")
def grafana_results() -> list[dict[str, Any]]:
    node, script = interpolator()
    done = subprocess.run([node, str(script)], input=json.dumps([c.to_json() for c in CASES]),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    assert len(results) == len(CASES)
    return results


def test_templating_agrees_with_grafana_on_every_case(grafana_results: list[dict[str, Any]]) -> None:
    differ = {c.name: {"grafana": g, "ours": c.ours()} for c, g in zip(CASES, grafana_results, strict=True)
              if c.ours() != g}
    agreed = len(CASES) - len(differ)
    assert differ == {}, f"{agreed}/{len(CASES)} agree; first differences: {dict(list(differ.items())[:3])}"


def test_the_cases_cover_what_the_issue_asks() -> None:
    modes = {c.name.rsplit("/", 1)[-1] for c in CASES if not c.name.startswith(("rule", "formats"))}
    assert modes == set(MODES) and len({c.name.split("/")[0] for c in board_cases()}) == len(BOARDS)
    assert len(rule_cases()) == 3
    assert any("'" in v and "\\" not in v for v in OPTIONS) and any("\\" in v for v in OPTIONS)
