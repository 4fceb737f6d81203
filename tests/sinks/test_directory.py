"""Account facts come from the newest account event in the store (embedded ClickHouse)."""

from datetime import UTC, datetime, timedelta

from clickhouse_connect.driver.client import Client

from sinks.clickhouse.directory import account_facts
from sinks.clickhouse.writer import ClickHouseWriter
from tests import factories as f
from tests.helpers import enriched


def account(at: datetime, **kw: object) -> dict:
    return f.envelope("account", {"status": "updated", "account_id": "acct-7", "currency": "EUR"},
                      occurred_at=at.isoformat(), **kw)


def test_the_newest_account_event_wins_and_unknown_accounts_are_absent(store: Client) -> None:
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    events = [account(now - timedelta(days=30), monthly_value=900.0, owner="am-01"),
              account(now, monthly_value=1200.0, owner="am-03"),
              account(now, account_id="acct-8", monthly_value=50.0)]
    ClickHouseWriter(store).write_batch([enriched(e) for e in events])
    facts = account_facts(store, ["acct-7", "acct-8", "acct-unknown"])
    assert facts["acct-7"] == {"owner": "am-03", "monthly_value": 1200.0, "currency": "EUR"}
    assert facts["acct-8"]["owner"] == "" and "acct-unknown" not in facts
    assert account_facts(store, []) == {}
