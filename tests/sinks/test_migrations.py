from clickhouse_connect.driver.client import Client

from sinks.clickhouse.migrations import available, migrate


def test_migrations_are_numbered_and_apply_once(store: Client) -> None:
    versions = [m.version for m in available()]
    assert versions == sorted(set(versions)) and versions[0] == 1
    assert migrate(store) == []  # the fixture applied them already
    applied = store.query("SELECT version FROM schema_migrations ORDER BY version").result_rows
    assert [v for (v,) in applied] == versions


def test_tables_exist_with_event_id_keys(store: Client) -> None:
    rows = store.query("SELECT name, sorting_key FROM system.tables WHERE database = currentDatabase()").result_rows
    keys: dict[str, str] = {name: key for name, key in rows}
    assert keys["events"] == "event_id" and keys["turns"] == "event_id, idx"
