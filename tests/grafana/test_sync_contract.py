"""Contract test of ``grafana sync`` against a recording HTTP server (no Grafana server runs here).

It checks the requests grafana-client sends for us: paths, bearer token,
bodies (folder, dashboards with overwrite into the cxpulse folder, rules
in their group, contact points with secrets from the environment), and
that a second run writes nothing.
"""

from __future__ import annotations

import pytest
from grafana_client import GrafanaApi

from grafana.alerting.rules import FOLDER_UID, GROUP
from grafana.boards import BOARDS
from grafana.sync import sync
from tests.grafana.recording_grafana import RecordingGrafana

ENV = {"CXPULSE_ALERTMANAGER_URL": "http://127.0.0.1:9093"}


@pytest.fixture
def grafana():
    with RecordingGrafana() as g:
        yield g


def api(url: str) -> GrafanaApi:
    return GrafanaApi.from_url(url, credential="s3cret-token")


def test_first_sync_creates_everything_with_the_right_requests(grafana: RecordingGrafana) -> None:
    changes = sync(api(grafana.url), env=ENV)
    actions = {(c.kind, c.name): c.action for c in changes}
    assert actions[("folder", FOLDER_UID)] == "created"
    assert all(actions[("dashboard", uid)] == "created" for uid in BOARDS)
    assert actions[("alert rule", "cx-incident-open")] == "created"
    assert actions[("contact point", "cxpulse-alertmanager")] == "created"
    assert [k for k in actions if k[0] == "contact point"] == [("contact point", "cxpulse-alertmanager")]
    assert actions[("policy", "notification tree")].startswith("skipped")
    requests = grafana.state.requests
    assert {r.authorization for r in requests} == {"Bearer s3cret-token"}
    (board_write,) = [r for r in requests if r.path == "/api/dashboards/db" and r.body["dashboard"]["uid"] == "cx-overview"]
    assert board_write.method == "POST" and board_write.body["overwrite"] is True
    assert board_write.body["folderUid"] == FOLDER_UID and board_write.body["dashboard"]["panels"]
    (rule_write,) = [r for r in requests if r.path == "/api/v1/provisioning/alert-rules" and r.body["uid"] == "cx-negative-rate"]
    assert rule_write.body["folderUID"] == FOLDER_UID and rule_write.body["ruleGroup"] == GROUP
    assert rule_write.body["data"][0]["model"]["rawSql"].lstrip().startswith("WITH")
    (point,) = [r for r in requests if r.method == "POST" and r.path.endswith("/contact-points")]
    assert point.body["type"] == "prometheus-alertmanager" and point.body["settings"]["url"] == "http://127.0.0.1:9093"
    assert grafana.state.groups[GROUP]["interval"] == 60


def test_second_sync_changes_nothing(grafana: RecordingGrafana) -> None:
    sync(api(grafana.url), env=ENV)
    before = len(grafana.state.writes())
    changes = sync(api(grafana.url), env=ENV)
    assert {c.action for c in changes} <= {"unchanged"} | {c.action for c in changes if c.action.startswith("skipped")}
    assert len(grafana.state.writes()) == before


def test_a_changed_board_is_overwritten_alone(grafana: RecordingGrafana, monkeypatch: pytest.MonkeyPatch) -> None:
    sync(api(grafana.url), env=ENV)
    grafana.state.dashboards["cx-social"]["dashboard"]["title"] = "edited by hand in the UI"
    changes = [c for c in sync(api(grafana.url), env=ENV) if c.action not in ("unchanged",) and "skipped" not in c.action]
    assert [str(c) for c in changes] == ["dashboard cx-social: updated"]
    assert grafana.state.dashboards["cx-social"]["dashboard"]["title"] == "CX social listening"


def test_policy_is_replaced_only_when_asked(grafana: RecordingGrafana) -> None:
    sync(api(grafana.url), env=ENV, replace_policy=True)
    assert grafana.state.policy["receiver"] == "cxpulse alertmanager"
    assert not grafana.state.policy.get("routes")  # Alertmanager routes; Grafana has one path


def test_an_unset_alertmanager_url_is_skipped_not_sent_empty(grafana: RecordingGrafana) -> None:
    actions = {(c.kind, c.name): c.action for c in sync(api(grafana.url), env={})}
    assert actions[("contact point", "cxpulse-alertmanager")] == "skipped (CXPULSE_ALERTMANAGER_URL not set)"
    assert not grafana.state.contact_points


def test_contact_points_of_earlier_versions_are_deleted(grafana: RecordingGrafana) -> None:
    """They paged PagerDuty beside Alertmanager: two pages per incident."""
    grafana.state.contact_points["cxpulse-pagerduty"] = {"uid": "cxpulse-pagerduty", "name": "cxpulse on-call",
                                                        "type": "pagerduty", "settings": {"integrationKey": "k"}}
    actions = {(c.kind, c.name): c.action for c in sync(api(grafana.url), env=ENV)}
    assert actions[("contact point", "cxpulse-pagerduty")].startswith("deleted")
    assert set(grafana.state.contact_points) == {"cxpulse-alertmanager"}
