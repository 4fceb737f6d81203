"""Incidents to a generic webhook, in Slack's incoming-webhook format.

Example::

    target = WebhookTarget("https://hooks.slack.com/services/...")   # from CXPULSE_ALERT_WEBHOOK_URL
    await target.send(note)

Only changes a person should hear about are sent (opened, escalated,
resolved, and the one ``backlog`` summary of an incident that was over before
the pipeline caught up), not every segment that joins an incident. The body is a Slack
message (``text`` plus one coloured attachment with the summary and the
board link) with the full notification under ``cxpulse`` for machine
receivers; the ``Idempotency-Key`` header carries the notification id.
"""

from __future__ import annotations

from typing import Any

import httpx

from sinks.alerts.target import check

PAGES = ("opened", "escalated", "resolved", "backlog")
COLOURS = {"critical": "#d62728", "warning": "#ff7f0e", "info": "#1f77b4", "resolved": "#2ca02c"}


class WebhookTarget:
    name = "webhook"

    def __init__(self, url: str, timeout: float = 5.0) -> None:
        self.url, self.timeout = url, timeout

    def wants(self, note: dict[str, Any]) -> bool:
        return note["change"] in PAGES

    async def send(self, note: dict[str, Any]) -> None:
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            check(await client.post(self.url, json=slack_message(note), headers={"Idempotency-Key": note["id"]}))


def slack_message(note: dict[str, Any]) -> dict[str, Any]:
    colour = COLOURS["resolved" if note["status"] == "resolved" else note["severity"]]
    attachment = {"color": colour, "title": note["title"], "text": note["summary"], "footer": "cxpulse",
                  "fields": [{"title": "Severity", "value": note["severity"], "short": True},
                             {"title": "Incident", "value": note["incident"], "short": True},
                             *({"title": k.replace("_", " ").capitalize(), "value": v, "short": True}
                               for k, v in note.get("labels", {}).items() if k != "severity")]}
    if note["board_url"]:
        attachment["title_link"] = note["board_url"]
    return {"text": note["title"], "attachments": [attachment], "cxpulse": note}
