"""ClickHouse: connection from a DSN, migrations, the idempotent writer."""
