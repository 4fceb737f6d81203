import time

from sinks.alerts import AlertmanagerTarget, WebhookTarget
from streams.detect.delivery import targets
from streams.detect.freshness import BEHIND, fresh, outgoing
from streams.settings import Settings

NOW = int(time.time() * 1000)
FIRING = [{"status": "firing"}]


def note(change: str, event_ms: int, status: str = "firing", segments: list | None = None) -> dict:
    return {"id": "x#1", "incident": "x", "change": change, "status": status, "severity": "critical",
            "event_time_ms": event_ms, "opened_at": "2026-01-05T10:00:00+00:00", "title": "CX spike (critical): x",
            "summary": "CX spike (critical): x\n- ...", "labels": {"severity": "critical", "team": "cx-support"},
            "segments": FIRING if segments is None else segments}


def test_freshness_is_event_time_against_the_clock() -> None:
    assert fresh({"event_time_ms": NOW - 60_000}, NOW, 900)
    assert not fresh({"event_time_ms": NOW - 3_600_000}, NOW, 900)


def test_targets_come_from_settings_only_when_configured() -> None:
    assert targets(Settings(_env_file=None)) == []
    both = targets(Settings(_env_file=None, alertmanager_url="http://127.0.0.1:9093",
                            alert_webhook_url="http://127.0.0.1:9/hook"))
    assert [type(t) for t in both] == [AlertmanagerTarget, WebhookTarget]


def test_a_live_decision_is_paged_as_it_is() -> None:
    live = note("opened", NOW - 30_000)
    assert outgoing(live, paged=False, now_ms=NOW, max_age_seconds=900) is live


def test_an_incident_decided_in_a_backlog_is_held_until_caught_up_then_paged_if_still_open() -> None:
    old = NOW - 3_600_000
    assert outgoing(note("opened", old), paged=False, now_ms=NOW, max_age_seconds=900) is None
    assert outgoing(note("refresh", old), paged=False, now_ms=NOW, max_age_seconds=900) is None
    late = outgoing(note("refresh", NOW - 5_000), paged=False, now_ms=NOW, max_age_seconds=900)
    assert late is not None and late["change"] == "opened" and late["late"]
    assert "while the pipeline was behind" in late["summary"]


def test_between_bursts_a_late_incident_is_not_paged() -> None:
    quiet = note("refresh", NOW - 5_000, segments=[{"status": "resolved"}])
    assert outgoing(quiet, paged=False, now_ms=NOW, max_age_seconds=900) is None


def test_an_incident_over_before_anyone_was_paged_is_summarised_once_at_info() -> None:
    for event_ms in (NOW - 3_600_000, NOW - 5_000):  # resolved inside the backlog, or just after catching up
        summary = outgoing(note("resolved", event_ms, status="resolved"), paged=False, now_ms=NOW, max_age_seconds=900)
        assert summary is not None and summary["change"] == "backlog" and summary["severity"] == "info"
        assert summary["labels"]["severity"] == "info" and summary["title"].startswith(BEHIND)


def test_a_paged_incident_is_followed_whatever_its_age() -> None:
    for change in ("updated", "escalated", "resolved", "refresh"):
        n = note(change, NOW - 3_600_000)
        assert outgoing(n, paged=True, now_ms=NOW, max_age_seconds=900) is n
