"""Prometheus config, pipeline-health rules and the pipeline board's PromQL, checked by Debian's promtool."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client import REGISTRY

import sinks.metrics  # noqa: F401  (registers the metrics)
from grafana.export import load

PROMETHEUS = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"
SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_sum", "_count")}


def promtool(*args: str, cwd: Path = PROMETHEUS) -> subprocess.CompletedProcess[str]:
    if shutil.which("promtool") is None:
        pytest.fail("promtool missing: make prereqs installs Debian's prometheus package")
    return subprocess.run(["promtool", *args], capture_output=True, text=True, cwd=cwd)


def test_rules_are_valid() -> None:
    result = promtool("check", "rules", "rules/cxpulse.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_rules_fire_as_their_unit_tests_expect() -> None:
    result = promtool("test", "rules", "tests/cxpulse_test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_has_a_unit_test() -> None:
    rules = yaml.safe_load((PROMETHEUS / "rules" / "cxpulse.yml").read_text())
    alerts = {r["alert"] for g in rules["groups"] for r in g["rules"] if "alert" in r}
    tests = yaml.safe_load((PROMETHEUS / "tests" / "cxpulse_test.yml").read_text())
    tested = {t["alertname"] for case in tests["tests"] for t in case["alert_rule_test"] if t["exp_alerts"]}
    assert alerts == tested


def test_config_is_valid() -> None:
    result = promtool("check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def board_expressions() -> list[str]:
    board = load("cx-pipeline")
    return [t["expr"] for p in board["panels"] for t in p["targets"] if "expr" in t]


def test_pipeline_board_promql_parses(tmp_path: Path) -> None:
    """Each panel query, with Grafana's variables filled in, as a recording rule promtool must parse."""
    exprs = [e.replace("$__rate_interval", "5m").replace("$job", ".*").replace("$instance", ".*")
             for e in board_expressions()]
    rules = {"groups": [{"name": "board", "rules": [{"record": f"board:q{i}", "expr": e} for i, e in enumerate(exprs)]}]}
    (tmp_path / "board.yml").write_text(yaml.safe_dump(rules))
    result = promtool("check", "rules", "board.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_board_and_rules_name_only_metrics_the_workers_export() -> None:
    exported = {m.name + s for m in REGISTRY.collect() if m.name.startswith("cx_") for s in SUFFIXES[m.type]}
    text = "\n".join(board_expressions()) + (PROMETHEUS / "rules" / "cxpulse.yml").read_text()
    used = set(re.findall(r"\bcx_[a-z_]+", text))
    assert used and used <= exported, used - exported
