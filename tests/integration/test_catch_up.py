"""A worker catching up a backlog pages only what is still happening (docs/detection.md, "Late decisions").

Real processes: Kafka, a worker started after 95 minutes of traffic were already
waiting, Alertmanager and two webhook receivers. The backlog holds two bursts
of angry chats: one over 50 minutes ago (opened and closed inside the backlog)
and one that is still going on when the worker catches up, and goes on live.
The first must reach the team's channel once, as an info "while the pipeline
was behind" summary, and page nobody; the second must page on-call.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from streams.bench.kafka_io import publish
from streams.bench.processes import WorkerProcess
from streams.settings import Settings
from streams.stack.alertmanager import AlertmanagerProcess
from streams.stack.receiver import PageReceiver
from tests import factories as f
from tests.integration.test_alerting import ANGRY, angry_burst, calm, pages

pytestmark = pytest.mark.integration


def angry_between(start: datetime, minutes: int, per_minute: int, tag: str) -> list[dict[str, Any]]:
    out = []
    for i in range(minutes * per_minute):
        at = start + timedelta(seconds=i * 60 / per_minute)
        out.append(f.chat(turns=[{"speaker": "customer", "text": ANGRY[i % len(ANGRY)]}],
                          occurred_at=at.isoformat(), customer_id=f"cust-{tag}{i}", account_id=f"acct-{tag}{i}"))
    return out


def notes(receiver: PageReceiver) -> list[dict[str, Any]]:
    return [((p["body"] or {}).get("cxpulse") or {}) for p in receiver.received]


def test_a_backlog_pages_what_is_still_open_and_summarises_what_is_over(
        env: dict[str, str], settings: Settings, alertmanager: AlertmanagerProcess, oncall: PageReceiver,
        slack: PageReceiver, tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    history = calm(now - timedelta(minutes=95), 95, seed=21)
    over = angry_between(now - timedelta(minutes=60), 5, 60, "old")  # opened and closed inside the backlog
    ongoing = angry_between(now - timedelta(minutes=4), 4, 60, "now")  # still going on at catch-up
    publish(settings, sorted(history + over + ongoing, key=lambda e: e["occurred_at"]))
    worker_env = env | {"CXPULSE_DETECT_ENABLED": "true", "CXPULSE_ALERTMANAGER_URL": alertmanager.url,
                        "CXPULSE_ALERT_WEBHOOK_URL": slack.url, "CXPULSE_DETECT_SNAPSHOT_SECONDS": "0.5",
                        "CXPULSE_DETECT_WARMUP_MINUTES": "30", "CXPULSE_DETECT_RESOLVE_SECONDS": "60",
                        "CXPULSE_DETECT_EPISODE_GAP_SECONDS": "120", "CXPULSE_ALERT_REFRESH_SECONDS": "5"}
    worker = WorkerProcess(worker_env, tmp_path / "worker.log").start()  # the backlog is waiting for it
    burst = threading.Thread(target=angry_burst, args=(settings, 60))  # ... and the second burst goes on
    burst.start()
    try:
        assert oncall.wait(lambda got: bool(pages(oncall, "firing")), timeout=240), \
            f"on-call was not paged\nteam got: {[n.get('title') for n in notes(slack)]}\n{worker.tail()}"
        assert slack.wait(lambda got: any(n.get("change") == "backlog" for n in notes(slack)), timeout=60), \
            f"no backlog summary\nteam got: {[n.get('title') for n in notes(slack)]}\n{worker.tail()}"
    finally:
        burst.join()
        worker.stop()
    summaries = [n for n in notes(slack) if n.get("change") == "backlog"]
    opened = [n for n in notes(slack) if n.get("change") == "opened"]
    print(f"\nbacklog summaries {len(summaries)}, opened {len(opened)}: "
          f"{[(n['severity'], n['title']) for n in summaries + opened]}")
    assert summaries and all(n["severity"] == "info" and n["title"].startswith("While the pipeline was behind")
                             for n in summaries)
    old_end = (now - timedelta(minutes=50)).timestamp() * 1000
    assert all(n["event_time_ms"] < (now + timedelta(minutes=2)).timestamp() * 1000 for n in summaries)
    assert opened and all(n["event_time_ms"] > old_end for n in opened)  # only the ongoing burst was paged
    paged = {(a["labels"]["incident"], a["labels"]["severity"]) for body in pages(oncall, "firing")
             for a in body["alerts"] if a["status"] == "firing"}
    print(f"on-call paged for {sorted(paged)}; team changes {[n.get('change') for n in notes(slack)]}")
    assert {sev for _, sev in paged} <= {"warning", "critical"}
    assert not {i for i, _ in paged} & {n["incident"] for n in summaries}  # the burst that was over paged nobody
    assert {i for i, _ in paged} <= {n["incident"] for n in notes(slack) if n.get("change") != "backlog"}
