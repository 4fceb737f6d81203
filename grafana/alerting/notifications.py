"""Grafana's one contact point and its notification policy, in file-provisioning shape.

One paging path: Grafana hands every cxpulse alert to the stack's
Alertmanager (``$CXPULSE_ALERTMANAGER_URL``, expanded by Grafana when it reads
the provisioning files), which pages as ``deploy/alertmanager/alertmanager.yml``
routes it. The worker already sends the detector's incidents to that
Alertmanager; Grafana's copy of them (rule ``cx-incident-open``, label
``source=detector``) is routed there to a board-only receiver, so an
incident is never paged twice, while the threshold backstops
(``source=threshold``) page by severity. Grafana's ``prometheus-alertmanager``
integration posts what Alertmanager's API accepts; a generic webhook would
not (Alertmanager's ``/api/v2/alerts`` wants a list of alerts, not Grafana's
notification JSON).

Example::

    contact_points()[0]["receivers"][0]["type"]   # 'prometheus-alertmanager'

Against notification storms Grafana groups by folder, rule, channel and
incident (30 s wait, 5 min interval, 4 h repeat) before Alertmanager groups again.
"""

from __future__ import annotations

from typing import Any

ALERTMANAGER = "cxpulse alertmanager"
# Contact points earlier versions provisioned (they paged PagerDuty and Slack beside Alertmanager):
# deleted on upgrade by the provisioning file's ``deleteContactPoints`` and by ``grafana sync``.
RETIRED = ("cxpulse-oncall-webhook", "cxpulse-pagerduty", "cxpulse-slack")


def contact_points() -> list[dict[str, Any]]:
    return [{"orgId": 1, "name": ALERTMANAGER, "receivers": [
        {"uid": "cxpulse-alertmanager", "type": "prometheus-alertmanager",
         "settings": {"url": "$CXPULSE_ALERTMANAGER_URL"}},
    ]}]


def policy() -> dict[str, Any]:
    return {"orgId": 1, "receiver": ALERTMANAGER, "group_by": ["grafana_folder", "alertname", "channel", "incident"],
            "group_wait": "30s", "group_interval": "5m", "repeat_interval": "4h"}
