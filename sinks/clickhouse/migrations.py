"""Versioned schema migrations, applied in order on start.

Files are ``migrations/NNNN_name.sql``; statements are separated by ``;`` at
the end of a line. Applied versions are recorded in ``schema_migrations`` so
each file runs once per database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from clickhouse_connect.driver.client import Client

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")
_SPLIT = re.compile(r";\s*(?:\n|$)")
LEDGER = """CREATE TABLE IF NOT EXISTS schema_migrations
(version UInt32, name String, applied_at DateTime DEFAULT now())
ENGINE = MergeTree ORDER BY version"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        no_comments = re.sub(r"--[^\n]*", "", self.sql)
        return [s.strip() for s in _SPLIT.split(no_comments) if s.strip()]


def available() -> list[Migration]:
    folder = resources.files("sinks.clickhouse") / "migrations"
    found = []
    for entry in folder.iterdir():
        if m := _NAME.match(entry.name):
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text()))
    return sorted(found, key=lambda m: m.version)


def applied(client: Client) -> set[int]:
    client.command(LEDGER)
    return {row[0] for row in client.query("SELECT version FROM schema_migrations").result_rows}


def migrate(client: Client) -> list[Migration]:
    """Apply every migration not yet recorded; return the ones applied now."""
    done = applied(client)
    todo = [m for m in available() if m.version not in done]
    for migration in todo:
        for statement in migration.statements():
            client.command(statement)
        client.insert("schema_migrations", [[migration.version, migration.name]],
                      column_names=["version", "name"])
    return todo
