"""What the store knows about accounts: owner, monthly value and currency, from account events.

Example::

    account_facts(client, ["acct-7"])
    # {'acct-7': {'owner': 'am-03', 'monthly_value': 1200.0, 'currency': 'EUR'}}

The newest account event of each account wins (``argMax`` on event time).
An account incident carries these from its first page, as the labels
Alertmanager routes on (``account_owner``, ``account_value``), so a manager is
told about their own account and how much it is worth.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from clickhouse_connect.driver.client import Client

QUERY = """
SELECT account_id, argMax(account_owner, occurred_at), argMax(account_value, occurred_at),
       argMax(account_currency, occurred_at)
FROM events
WHERE kind = 'account' AND account_id IN {accounts:Array(String)}
GROUP BY account_id
"""


def account_facts(client: Client, accounts: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not accounts:
        return {}
    rows = client.query(QUERY, parameters={"accounts": list(accounts)}).result_rows
    return {account: {"owner": owner, "monthly_value": value, "currency": currency}
            for account, owner, value, currency in rows}
