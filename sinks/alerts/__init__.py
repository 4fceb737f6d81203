"""Alert delivery targets: Prometheus Alertmanager (v2 API) and a Slack-compatible webhook."""

from sinks.alerts.alertmanager import AlertmanagerTarget
from sinks.alerts.target import AlertTarget, Rejected
from sinks.alerts.webhook import WebhookTarget

__all__ = ["AlertTarget", "AlertmanagerTarget", "Rejected", "WebhookTarget"]
