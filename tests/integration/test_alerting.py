"""Spike -> page, end to end on real processes: Kafka, the worker, Alertmanager, webhook receivers.

Two hours of calm simulated traffic teach the detector its baseline; then a
burst of angry chats arrives in real time. The page must reach Alertmanager
within 10 s of the triggering event's time, reach on-call (a receiver
Alertmanager routes to) once, survive a worker kill -9 without a second
page, and resolve once calm traffic moves event time on.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from streams.bench.kafka_io import publish, wait_enriched
from streams.bench.processes import WorkerProcess, store_rows
from streams.settings import Settings
from streams.simulator import SimConfig, Simulator
from streams.stack.alertmanager import AlertmanagerProcess
from streams.stack.receiver import PageReceiver
from tests import factories as f
from tests.integration.faults import wait_for

pytestmark = pytest.mark.integration
ANGRY = ["This is a disgrace, my parcel never arrived and nobody answers", "Worst service ever, I am furious",
         "Still no delivery after two weeks, absolutely useless", "I want my money back, this is a scam"]


@pytest.fixture
def alert_env(env: dict[str, str], alertmanager: AlertmanagerProcess, slack: PageReceiver) -> dict[str, str]:
    return env | {"CXPULSE_DETECT_ENABLED": "true", "CXPULSE_ALERTMANAGER_URL": alertmanager.url,
                  "CXPULSE_ALERT_WEBHOOK_URL": slack.url, "CXPULSE_DETECT_SNAPSHOT_SECONDS": "0.5",
                  "CXPULSE_DETECT_RESOLVE_SECONDS": "60",
                  "CXPULSE_DETECT_EPISODE_GAP_SECONDS": "120",
                  # the calm traffic after the burst is published at once, 25 minutes of event time ahead
                  "CXPULSE_DETECT_HORIZON_FUTURE_SECONDS": "3600",
                  "CXPULSE_ALERT_REFRESH_SECONDS": "5"}


def calm(start: datetime, minutes: int, seed: int) -> list[dict[str, Any]]:
    sim = Simulator(SimConfig(seed=seed, start=start, rate_per_minute=20, flat=True))
    return [e for e in sim.events(timedelta(minutes=minutes))]


def am_alerts(am: AlertmanagerProcess) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{am.url}/api/v2/alerts?active=true", timeout=5) as r:
        return [a for a in json.load(r) if a["labels"].get("alertname") == "CXSpike"]


def pages(receiver: PageReceiver, status: str) -> list[dict[str, Any]]:
    return [p["body"] for p in receiver.received if p["body"]["status"] == status]


def angry_burst(settings: Settings, seconds: float) -> None:
    """Angry chats as they happen (occurred_at = now), two per second."""
    deadline, i = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        turns = [{"speaker": "customer", "text": ANGRY[i % len(ANGRY)]}]
        publish(settings, [f.chat(turns=turns, occurred_at=datetime.now(UTC).isoformat(),
                                  customer_id=f"cust-a{i}", account_id=f"acct-a{i}")])
        i += 1
        time.sleep(0.5)


def first_alert_at(am: AlertmanagerProcess, timeout: float) -> float | None:
    """Wall time at which Alertmanager first lists a CXSpike alert (polled every 0.2 s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if am_alerts(am):
            return time.time()
        time.sleep(0.2)
    return None


def firing_states(receiver: PageReceiver) -> list[tuple[str, ...]]:
    """Each on-call notification's set of firing (incident, severity) alerts."""
    return [tuple(sorted(f"{a['labels']['incident']}/{a['labels']['severity']}" for a in body["alerts"]
                         if a["status"] == "firing")) for body in pages(receiver, "firing")]


@pytest.mark.faults
def test_a_spike_pages_on_call_once_and_resolves(alert_env: dict[str, str], alertmanager: AlertmanagerProcess,
                                                 oncall: PageReceiver, slack: PageReceiver,
                                                 tmp_path: Path, settings: Settings) -> None:
    worker = WorkerProcess(alert_env, tmp_path / "alert-worker.log").start()
    try:
        now = datetime.now(UTC)
        history = calm(now - timedelta(minutes=125), 124, seed=11)
        publish(settings, history)
        wait_enriched(settings, {e["event_id"] for e in history}, timeout=300)
        time.sleep(5)  # the last snapshots reach the detector
        # A backfill is never paged (decided about the past). NOTE: the detector can still
        # record a false incident while kinds catch up at different speeds (open item, issue 7).
        # At most a once-only info summary of an incident over before the worker caught up
        # (streams/detect/freshness.py); nothing at warning or above.
        assert not [a for a in am_alerts(alertmanager) if a["labels"].get("backlog") != "true"], am_alerts(alertmanager)
        assert all(p["body"]["cxpulse"]["change"] == "backlog" for p in slack.received), \
            [p["body"]["cxpulse"]["summary"] for p in slack.received]
        slack.received.clear()
        oncall.received.clear()

        slack.down = True  # fault 5 (docs/reliability.md): the direct webhook is down when the incident opens
        burst = threading.Thread(target=angry_burst, args=(settings, 40))
        burst.start()
        seen_at = first_alert_at(alertmanager, timeout=60)
        burst.join()
        assert seen_at is not None, json.dumps(worker.get("/v1/detector")[1])[:3000]
        firing = am_alerts(alertmanager)
        incident = firing[0]["labels"]["incident"]
        assert oncall.wait(lambda got: bool(got), timeout=30), "Alertmanager did not notify on-call"
        assert wait_for(lambda: slack.refused > 0, timeout=30)  # tried while down; on-call was paged anyway
        time.sleep(5)
        print(f"\ninjected: webhook down (503) during the incident; {slack.refused} attempts refused")
        slack.down, back = False, time.monotonic()
        assert slack.wait(lambda got: bool(got), timeout=60), "the direct webhook got nothing after recovery"
        print(f"delivered {time.monotonic() - back:.1f} s after the webhook came back")
        note = slack.received[0]["body"]["cxpulse"]
        assert note["change"] == "opened" and len(note["examples"]) == 3 and note["incident"] == incident
        delay = seen_at - note["event_time_ms"] / 1000  # at Alertmanager, which was up
        print(f"page at Alertmanager {delay:.1f} s after the triggering event's time")
        assert delay <= 10

        worker.kill()  # mid-incident: state must come back from the changelog, pages must not repeat
        worker.start()
        time.sleep(15)  # snapshots re-sent, refreshes to Alertmanager, deliveries replayed
        notes = [(p["body"] or {}).get("cxpulse") or {} for p in slack.received]
        opened = [n for n in notes if n.get("change") == "opened"]
        assert len(opened) == 1, [p["body"] for p in slack.received]
        states = firing_states(oncall)
        assert len(states) == len(set(states)), states  # no state paged twice (escalation is a new state)

        after = calm(datetime.now(UTC), 25, seed=12)
        publish(settings, after)
        def slack_resolved(got: list[dict[str, Any]]) -> bool:
            return any(((p["body"] or {}).get("cxpulse") or {}).get("change") == "resolved" for p in got)

        assert slack.wait(slack_resolved, 120), \
            diagnosis(worker)
        assert oncall.wait(lambda got: any(p["body"]["status"] == "resolved" for p in got), 60), \
            f"alertmanager: {am_alerts(alertmanager)}\ndeliveries: {delivery_counts(worker)}\n{diagnosis(worker)}"
        resolved = [p for p in slack.received if p["body"]["cxpulse"]["change"] == "resolved"]
        assert len(resolved) == 1 and resolved[0]["body"]["cxpulse"]["incident"] == incident
    finally:
        worker.stop()
    rows = store_rows(settings.dsn, f"SELECT status FROM alert_annotations WHERE incident = '{incident}'")
    assert rows == [["resolved"]]


def delivery_counts(worker: WorkerProcess) -> list[str]:
    text = urllib.request.urlopen(f"{worker.url}/metrics", timeout=5).read().decode()
    return [line for line in text.splitlines() if line.startswith(("cx_alerts_delivered_total", "cx_alert_notif"))]


def diagnosis(worker: WorkerProcess) -> str:
    """What a failed resolution needs to be understood: the detector, the live windows, the log."""
    status = worker.get("/v1/detector")[1]
    live = {kind: [(w["start"], w.get("offset"), w.get("last_ms")) for w in ws[-3:]]
            for kind, ws in worker.get("/v1/live/minute")[1].items()}
    return "\n".join([f"clock: {status.get('clock')}", f"live (start, offset, last_ms): {live}",
                      f"worker log:\n{worker.tail()}"])


def alertmanager_has_alert(am: AlertmanagerProcess, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if am_alerts(am):
            return True
        time.sleep(0.5)
    return False
