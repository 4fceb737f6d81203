import asyncio
import json
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from processors.detection.incident import SEVERITIES
from sinks.alerts import AlertmanagerTarget
from sinks.alerts.alertmanager import alerts
from streams.stack.alertmanager import AlertmanagerProcess
from streams.stack.process import free_port
from streams.stack.receiver import PageReceiver


def test_one_alert_per_incident_with_lower_severities_resolved(notes) -> None:
    critical = max(notes, key=lambda n: SEVERITIES.index(n["severity"]))
    expires = datetime.now(UTC) + timedelta(minutes=5)
    sent = alerts(critical, expires)
    assert [a["labels"]["severity"] for a in sent] == list(SEVERITIES[:SEVERITIES.index(critical["severity"]) + 1])
    assert {a["labels"]["incident"] for a in sent} == {critical["incident"]}
    assert sent[-1]["endsAt"] == expires.isoformat(timespec="seconds")
    assert all(datetime.fromisoformat(a["endsAt"]) <= datetime.now(UTC) + timedelta(seconds=1) for a in sent[:-1])
    assert sent[-1]["annotations"]["description"] == critical["summary"]


def test_an_incident_keeps_one_identity_while_channels_join(notes) -> None:
    """Alertmanager knows an alert by its labels: a joining channel must not make a second alert."""
    expires = datetime.now(UTC) + timedelta(minutes=5)
    identities = {frozenset((k, v) for k, v in a["labels"].items() if k != "severity")
                  for n in notes for a in alerts(n, expires)}
    assert len(identities) == 1, identities


def test_a_resolved_incident_ends_at_its_resolution(notes) -> None:
    resolved = notes[-1]
    assert alerts(resolved, datetime.now(UTC))[-1]["endsAt"] == resolved["resolved_at"]


def test_a_resolution_ahead_of_the_clock_ends_the_alert_now(notes) -> None:
    ahead = notes[-1] | {"resolved_at": (datetime.now(UTC) + timedelta(minutes=20)).isoformat(timespec="seconds")}
    ends = datetime.fromisoformat(alerts(ahead, datetime.now(UTC))[-1]["endsAt"])
    assert ends <= datetime.now(UTC)  # Alertmanager would otherwise keep paging for 20 minutes


@pytest.mark.integration
def test_real_alertmanager_notifies_once_per_state_and_resolves(notes, tmp_path) -> None:
    """Debian's Alertmanager on 127.0.0.1 routing to a receiver: re-sends and refreshes page nobody twice."""
    with PageReceiver() as oncall:
        am = AlertmanagerProcess(tmp_path / "am", port=free_port(), receiver_url=oncall.url)
        am.start()
        try:
            target = AlertmanagerTarget(am.url)
            firing = [n for n in notes if n["status"] == "firing"]
            for note in firing + firing:  # every notification twice, as after a replay
                asyncio.run(target.send(note))
            assert oncall.wait(lambda got: bool(got), 20)
            asyncio.run(target.send(notes[-1]))
            assert oncall.wait(lambda got: any(p["body"]["status"] == "resolved" for p in got), 30)
            with urllib.request.urlopen(f"{am.url}/api/v2/alerts?active=true") as r:
                assert [a for a in json.load(r) if a["labels"]["alertname"] == "CXSpike"] == []
        finally:
            am.stop()
    states = [tuple(sorted(a["labels"]["severity"] for a in p["body"]["alerts"] if a["status"] == "firing"))
              for p in oncall.received if p["body"]["status"] == "firing"]
    assert len(states) == len(set(states)), states
