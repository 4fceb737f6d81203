"""Incidents to Prometheus Alertmanager through its v2 API (``POST /api/v2/alerts``).

Example::

    target = AlertmanagerTarget("http://127.0.0.1:9093", ttl_seconds=300)
    await target.send(note)

One Alertmanager alert per incident, labelled ``alertname=CXSpike``,
``incident``, ``severity``, ``group`` and the notification's routing labels
(``team``, ``channel``, ``topic``; ``account``, ``account_owner`` and
``account_value`` for an account incident; group on ``incident`` so each
incident is one notification group). Like Prometheus, a firing alert is
sent with ``endsAt`` a few minutes ahead and re-sent (``refresh``) until it
resolves, so an Alertmanager that restarts or a cxpulse that dies does not
leave a page firing forever. Re-sending the same labels is how Alertmanager
deduplicates: it never notifies twice for one incident and state. When an
incident escalates, the lower severities' label sets are resolved.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from processors.detection.incident import SEVERITIES
from sinks.alerts.target import check


class AlertmanagerTarget:
    name = "alertmanager"

    def __init__(self, url: str, ttl_seconds: float = 300.0, timeout: float = 5.0) -> None:
        self.url = url.rstrip("/") + "/api/v2/alerts"
        self.ttl, self.timeout = timedelta(seconds=ttl_seconds), timeout

    def wants(self, note: dict[str, Any]) -> bool:
        return True

    async def send(self, note: dict[str, Any]) -> None:
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            check(await client.post(self.url, json=alerts(note, datetime.now(UTC) + self.ttl)))


def alerts(note: dict[str, Any], expires: datetime) -> list[dict[str, Any]]:
    """The incident's alert, plus its lower severities' label sets resolved."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    # Alertmanager's endsAt is wall time: a resolution decided on event time that runs ahead of
    # the clock (skewed publishers) must still end the alert now, not when that time comes.
    resolved = note["resolved_at"] and min(datetime.fromisoformat(note["resolved_at"]), datetime.now(UTC))
    ends = resolved.isoformat(timespec="seconds") if resolved else expires.isoformat(timespec="seconds")
    if note["change"] == "backlog":  # over before anyone was paged: one info alert that expires by itself
        return [_alert(note, "info", expires.isoformat(timespec="seconds"))]
    current = SEVERITIES.index(note["severity"])
    return [_alert(note, severity, ends if i == current else now) for i, severity in enumerate(SEVERITIES)
            if i <= current]


def _alert(note: dict[str, Any], severity: str, ends: str) -> dict[str, Any]:
    labels = {**note.get("labels", {}), "alertname": "CXSpike", "incident": note["incident"],
              "severity": severity, "group": note["group"], "service": "cxpulse"}
    annotations = {"summary": note["title"], "description": note["summary"], "board": note["board_url"]}
    alert = {"labels": labels, "annotations": annotations, "startsAt": note["opened_at"], "endsAt": ends}
    return alert | ({"generatorURL": note["board_url"]} if note["board_url"] else {})
