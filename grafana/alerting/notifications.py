"""Contact points and the notification policy, in Grafana's file-provisioning shape.

URLs and keys are Grafana environment variables (``$VAR`` is expanded by
Grafana when it reads provisioning files), never values in the repo:
``CXPULSE_ALERTMANAGER_URL`` (the stack's Alertmanager, which already routes
on-call pages), ``CXPULSE_ONCALL_WEBHOOK_URL``, ``CXPULSE_SLACK_WEBHOOK_URL``
and ``CXPULSE_PAGERDUTY_KEY``.

Against notification storms: alerts are grouped by rule and channel, the
first notification of a group waits 30 s for its siblings, changes to a
group go out at most every 5 minutes, and a still-firing group repeats
every 4 hours (critical: every hour).
"""

from __future__ import annotations

from typing import Any

ONCALL = "cxpulse on-call"
LEADS = "cxpulse support leads"


def contact_points() -> list[dict[str, Any]]:
    return [
        {"orgId": 1, "name": ONCALL, "receivers": [
            {"uid": "cxpulse-alertmanager", "type": "prometheus-alertmanager",
             "settings": {"url": "$CXPULSE_ALERTMANAGER_URL"}},
            {"uid": "cxpulse-oncall-webhook", "type": "webhook",
             "settings": {"url": "$CXPULSE_ONCALL_WEBHOOK_URL", "httpMethod": "POST"}},
            {"uid": "cxpulse-pagerduty", "type": "pagerduty",
             "settings": {"integrationKey": "$CXPULSE_PAGERDUTY_KEY", "severity": "critical"}},
        ]},
        {"orgId": 1, "name": LEADS, "receivers": [
            {"uid": "cxpulse-slack", "type": "slack",
             "settings": {"url": "$CXPULSE_SLACK_WEBHOOK_URL", "title": "{{ .CommonLabels.alertname }}"}},
        ]},
    ]


def policy() -> dict[str, Any]:
    grouping = {"group_by": ["grafana_folder", "alertname", "channel"], "group_wait": "30s",
                "group_interval": "5m", "repeat_interval": "4h"}
    return {"orgId": 1, "receiver": LEADS, **grouping, "routes": [
        {"receiver": ONCALL, "object_matchers": [["product", "=", "cxpulse"], ["severity", "=", "critical"]],
         "repeat_interval": "1h"},
        {"receiver": LEADS, "object_matchers": [["product", "=", "cxpulse"]]},
    ]}
