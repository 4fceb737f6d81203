"""Grafana's alert rules fire on the sample's incident and outage, and stay normal on calm days.

Each rule is read from the provisioning document Grafana loads, its SQL
expanded as the alerting backend expands it (macros only, 1 s interval),
run on embedded ClickHouse, and its threshold applied per instance.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from clickhouse_connect.driver.client import Client

from grafana.alerting.evaluate import evaluate, instances, query_sql, threshold
from grafana.alerting.provisioning import document, is_stale, rule_documents
from grafana.frames import fetch
from tests.grafana.conftest import BUSY_DAY, INCIDENT, OUTAGE
from tests.sample import SAMPLE_START

RULES = {r["uid"]: r for r in rule_documents()}
CALM = [SAMPLE_START + timedelta(days=1, hours=h) for h in range(0, 72, 3)]
BUSY_CALM = [BUSY_DAY + timedelta(hours=h) for h in range(2, 24, 2)]


def alerting(states: dict) -> list:
    return [labels for labels, state in states.items() if state == "Alerting"]


def test_provisioning_file_is_current() -> None:
    assert not is_stale(), "run `cxpulse grafana export` and commit grafana/provisioning/alerting/"


def test_rule_sql_uses_only_what_alerting_expands() -> None:
    for rule in rule_documents():
        sql = rule["data"][0]["model"]["rawSql"]
        assert not re.search(r"\$__(from|to)\b|\$__conditionalAll|\$\{|\$(?!__)\w", sql), rule["uid"]
        assert "$" not in query_sql(rule["data"][0], INCIDENT)


def test_incident_rule_follows_the_detector(boards_db: Client) -> None:
    rule = RULES["cx-incident-open"]
    (labels,) = alerting(evaluate(rule, boards_db, INCIDENT + timedelta(hours=1)))
    assert dict(labels)["severity"] == "critical" and "delivery" in dict(labels)["title"]
    assert evaluate(rule, boards_db, INCIDENT - timedelta(hours=2)) == {(): "Normal"}
    assert evaluate(rule, boards_db, INCIDENT + timedelta(hours=6)) == {(): "Normal"}


def test_negative_rate_rule(boards_db: Client) -> None:
    rule = RULES["cx-negative-rate"]
    fired = alerting(evaluate(rule, boards_db, INCIDENT + timedelta(minutes=30)))
    assert fired and all(dict(labels)["channel"] in ("chat", "email", "social") for labels in fired)
    for now in CALM:
        assert alerting(evaluate(rule, boards_db, now)) == [], now


def test_rules_stay_normal_on_a_busy_calm_day(busy_calm_db: Client) -> None:
    negative = RULES["cx-negative-rate"]["data"][0]
    for now in BUSY_CALM:
        for uid in ("cx-negative-rate", "cx-contacts-stopped"):
            assert alerting(evaluate(RULES[uid], busy_calm_db, now)) == [], (uid, now)
        rates = instances(fetch(busy_calm_db, query_sql(negative, now)))
        assert sum(v > 0 for v in rates.values()) >= 3  # the busy channels passed the volume guard


def test_contacts_stopped_rule(boards_db: Client) -> None:
    rule = RULES["cx-contacts-stopped"]
    assert alerting(evaluate(rule, boards_db, OUTAGE + timedelta(minutes=20))) == [()]
    for now in CALM:
        assert alerting(evaluate(rule, boards_db, now)) == [], now


def test_recovery_threshold_keeps_a_firing_instance_until_it_recovers() -> None:
    model = RULES["cx-negative-rate"]["data"][1]["model"]
    a, b = (("channel", "chat"),), (("channel", "email"),)
    assert threshold(model, {a: 35.0, b: 35.0}, firing={a}) == {a: True, b: False}
    assert threshold(model, {a: 29.0}, firing={a}) == {a: False}


def test_one_paging_path_grafana_hands_every_alert_to_alertmanager() -> None:
    """Alertmanager routes (tests/deploy/test_alertmanager.py); Grafana pages nobody directly."""
    doc = document()
    (policy,) = doc["policies"]
    assert policy["group_wait"] == "30s" and policy["repeat_interval"] == "4h" and not policy.get("routes")
    (point,) = doc["contactPoints"]
    assert policy["receiver"] == point["name"]
    assert [(r["type"], r["settings"]) for r in point["receivers"]] == \
        [("prometheus-alertmanager", {"url": "$CXPULSE_ALERTMANAGER_URL"})]
    assert RULES["cx-incident-open"]["labels"]["source"] == "detector"  # routed to the board only there
    assert {d["uid"] for d in doc["deleteContactPoints"]} >= {"cxpulse-pagerduty", "cxpulse-oncall-webhook"}


@pytest.mark.parametrize("uid", list(RULES))
def test_every_rule_has_a_summary_and_pending_period(uid: str) -> None:
    rule = RULES[uid]
    assert rule["annotations"]["summary"] and rule["for"] and rule["labels"]["product"] == "cxpulse"
