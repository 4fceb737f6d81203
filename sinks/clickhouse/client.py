"""Connect to ClickHouse from a DSN: embedded chDB or a server over HTTP(S).

``chdb:///path`` opens an embedded engine in this process (one process per
data folder, and one folder per process: a second process gets
:class:`StoreBusy`); ``http://user:pass@host:8123/db`` reaches a server.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import clickhouse_connect
from clickhouse_connect.driver.client import Client


class StoreBusy(RuntimeError):
    """The embedded store's folder is held by another process (e.g. a worker)."""


def connect(dsn: str, database: str | None = None) -> Client:
    """A client for ``dsn``; ``database`` (created if missing) becomes its default."""
    if dsn.startswith("chdb:") and (path := urlsplit(dsn).path):
        Path(path).mkdir(parents=True, exist_ok=True)
    try:
        client = clickhouse_connect.get_client(dsn=dsn, settings=_settings(dsn))
    except Exception as exc:
        raise _busy(dsn, exc) from exc
    if database:
        client.command(f"CREATE DATABASE IF NOT EXISTS {_identifier(database)}")
        client.database = database
    return client


def _busy(dsn: str, exc: Exception) -> Exception:
    if dsn.startswith("chdb:") and "unable to open the chdb engine" in str(exc).lower():
        return StoreBusy(f"{redact_dsn(dsn)} is in use by another process "
                         "(stop the worker, or query a ClickHouse server DSN)")
    return exc


def _identifier(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", name):
        raise ValueError(f"bad database name {name!r}")
    return name


def _settings(dsn: str) -> dict[str, object]:
    return {} if dsn.startswith("chdb:") else {"async_insert": 0, "wait_end_of_query": 1}


def redact_dsn(dsn: str) -> str:
    """The DSN with any password replaced, for logs and /health."""
    parts = urlsplit(dsn)
    if parts.password:
        return dsn.replace(f":{parts.password}@", ":***@", 1)
    return dsn
