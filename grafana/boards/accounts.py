"""Accounts at risk: who is likely to leave, and the signals behind each score."""

from __future__ import annotations

from grafana_foundation_sdk.builders import dashboard

from grafana.boards.base import board
from grafana.panels import bars, stat, table

UID = "cx-accounts"
TITLE = "CX accounts at risk"

# account_risk scores the 30 days before as_of (migration 0002; weights in processors/accounts.py).
RISK = "account_risk(as_of = $__toTime)"
AT_RISK = f"SELECT countIf(score >= 50) AS at_risk FROM {RISK}"
VALUE_AT_RISK = f"""
SELECT sumIf(s.monthly_value, r.score >= 50) AS monthly_value_at_risk
FROM {RISK} AS r LEFT JOIN account_state AS s ON s.account_id = r.account_id
"""
RANKED = f"""
SELECT r.account_id AS account, r.score AS score, s.status AS status, s.monthly_value AS `monthly value`,
       r.contacts AS contacts, round(100 * r.negative_share) AS `negative %`,
       round(100 * r.negative_trend) AS `negative trend pts`, r.friction AS friction, r.repeats AS repeats
FROM {RISK} AS r LEFT JOIN account_state AS s ON s.account_id = r.account_id
ORDER BY score DESC, account
LIMIT 100
"""
# Bursts of negative contacts from one account (the detector's account incidents), open at the range's end.
ACCOUNT_INCIDENTS = """
SELECT count() AS open_account_incidents FROM alert_annotations
WHERE alert_group LIKE 'account:%' AND time <= $__toTime AND (time_end IS NULL OR time_end > $__toTime)
"""
SIGNALS = f"""
SELECT account_id AS account, c_contacts AS contacts, c_negative_share AS `negative share`,
       c_negative_trend AS `negative trend`, c_friction AS friction, c_repeats AS repeats
FROM {RISK}
ORDER BY score DESC, account
LIMIT 15
"""


def build() -> dashboard.Dashboard:
    return (board(UID, TITLE, "Accounts ranked by risk over the 30 days before the end of the time range; "
                  "the score (0-100) adds five capped signals.", time_from="now-24h", refresh="15m")
            .with_panel(stat("Accounts at risk (score >= 50)", AT_RISK, "none", decimals=0, w=6,
                             steps=[("green", None), ("orange", 1), ("red", 10)]))
            .with_panel(stat("Monthly value at risk", VALUE_AT_RISK, "currencyUSD", decimals=0, w=6))
            .with_panel(stat("Accounts with a burst of complaints now", ACCOUNT_INCIDENTS, "none", decimals=0,
                             w=6, steps=[("green", None), ("orange", 1)]))
            .with_panel(bars("What drives the top 15 scores", SIGNALS, "none", stacked=True, w=18, h=10))
            .with_panel(table("Accounts by risk", RANKED, w=24, h=12)))
