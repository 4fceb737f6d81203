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


ROUTES = [  # labels a cxpulse notification carries -> receivers (docs/detection.md, "Routing labels")
    ("severity=critical team=cx-support channel=chat,email topic=delivery", "oncall-pager,cx-team-slack"),
    ("severity=warning team=cx-support channel=email topic=billing", "cx-team-slack"),
    ("severity=info team=cx-support channel=chat topic=delivery", "cx-board-only"),
    ("severity=warning team=account-managers channel=chat topic=refunds account=acct-7 account_owner=am-03",
     "account-managers"),
    ("severity=info team=cx-support channel=chat topic=delivery backlog=true", "cx-team-slack"),
]
GRAFANA = [  # Grafana's alert rules, through its only contact point (grafana/alerting/notifications.py)
    ("product=cxpulse source=detector severity=critical incident=delivery-1 alertname=CX_incident_open",
     "cx-board-only"),
    ("product=cxpulse source=threshold severity=critical alertname=Contacts_stopped_arriving",
     "oncall-pager,cx-team-slack"),
    ("product=cxpulse source=threshold severity=warning channel=chat alertname=Negative_rate", "cx-team-slack"),
]


def routed(path: Path, labels: str, cxpulse: bool = True) -> str:
    """The receivers amtool routes these labels to (``cxpulse``: the worker's own alert, service=cxpulse)."""
    if shutil.which("amtool") is None:
        pytest.fail("amtool missing: make prereqs installs prometheus-alertmanager")
    ours = ["service=cxpulse", "alertname=CXSpike"] if cxpulse else []
    result = subprocess.run(["amtool", "config", "routes", "test", f"--config.file={path}", *ours, *labels.split()],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(("labels", "receivers"), ROUTES)
def test_production_routes_send_each_notification_where_the_docs_say(labels: str, receivers: str) -> None:
    assert routed(ROOT / "deploy" / "alertmanager" / "alertmanager.yml", labels) == receivers, labels


@pytest.mark.parametrize(("labels", "receivers"), GRAFANA)
def test_grafana_alerts_page_once_through_the_same_routes(labels: str, receivers: str) -> None:
    """Grafana's copy of a detector incident goes to the board only: the worker already paged it."""
    assert routed(ROOT / "deploy" / "alertmanager" / "alertmanager.yml", labels, cxpulse=False) == receivers, labels


LOCAL = ["oncall", "oncall", "board-only", "account-managers", "board-only"]  # the demo's stack, same labels


@pytest.mark.parametrize(("labels", "receiver"), [(labels, local) for (labels, _), local in zip(ROUTES, LOCAL, strict=True)])
def test_the_local_stack_routes_like_production(tmp_path: Path, labels: str, receiver: str) -> None:
    path = tmp_path / "alertmanager.yml"
    path.write_text(yaml.safe_dump(config("http://127.0.0.1:9/page", account_url="http://127.0.0.1:9/am")))
    assert routed(path, labels) == receiver, labels
