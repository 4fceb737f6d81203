"""The Alertmanager configs validate with Debian's amtool (the one CI installs)."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from streams.stack.alertmanager import config

ROOT = Path(__file__).resolve().parents[2]


def amtool(path: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("amtool") is None:
        pytest.fail("amtool missing: make prereqs installs prometheus-alertmanager")
    return subprocess.run(["amtool", "check-config", str(path)], capture_output=True, text=True)


def test_production_example_is_valid_and_groups_by_incident() -> None:
    path = ROOT / "deploy" / "alertmanager" / "alertmanager.yml"
    result = amtool(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert yaml.safe_load(path.read_text())["route"]["group_by"] == ["incident"]


def test_local_stack_config_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "alertmanager.yml"
    path.write_text(yaml.safe_dump(config("http://127.0.0.1:9/page")))
    result = amtool(path)
    assert result.returncode == 0, result.stdout + result.stderr
