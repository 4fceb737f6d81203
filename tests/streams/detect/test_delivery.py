import time

from sinks.alerts import AlertmanagerTarget, WebhookTarget
from streams.detect.delivery import skip, stale, targets
from streams.settings import Settings


def test_decisions_about_the_distant_past_are_not_paged() -> None:
    now_ms = int(time.time() * 1000)
    assert not stale({"event_time_ms": now_ms - 60_000}, 900)
    assert stale({"event_time_ms": now_ms - 3_600_000}, 900)


def test_targets_come_from_settings_only_when_configured() -> None:
    assert targets(Settings(_env_file=None)) == []
    both = targets(Settings(_env_file=None, alertmanager_url="http://127.0.0.1:9093",
                            alert_webhook_url="http://127.0.0.1:9/hook"))
    assert [type(t) for t in both] == [AlertmanagerTarget, WebhookTarget]


def test_only_paged_incidents_are_resolved_on_a_target() -> None:
    now_ms = int(time.time() * 1000)
    live, old = {"event_time_ms": now_ms - 60_000}, {"event_time_ms": now_ms - 3_600_000}
    assert not skip(live | {"change": "opened"}, 900, incident_paged=False)
    assert skip(old | {"change": "opened"}, 900, incident_paged=False)
    assert skip(live | {"change": "resolved"}, 900, incident_paged=False)  # opened in a backfill
    assert not skip(live | {"change": "resolved"}, 900, incident_paged=True)
    assert not skip(old | {"change": "updated"}, 900, incident_paged=True)
