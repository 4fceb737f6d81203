"""Connect to ClickHouse from a DSN: embedded chDB or a server over HTTP(S).

``chdb:///path`` opens an embedded engine in this process (one process per
data folder: a second process gets :class:`StoreBusy`); ``http://user:pass@
host:8123/db`` reaches a server.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import clickhouse_connect
from clickhouse_connect.driver.client import Client


class StoreBusy(RuntimeError):
    """The embedded store's folder is held by another process (e.g. a worker)."""


def connect(dsn: str) -> Client:
    if dsn.startswith("chdb:"):
        path = urlsplit(dsn).path
        if path:
            from pathlib import Path

            Path(path).mkdir(parents=True, exist_ok=True)
    try:
        return clickhouse_connect.get_client(dsn=dsn, settings=_settings(dsn))
    except Exception as exc:
        if dsn.startswith("chdb:") and "unable to open the chdb engine" in str(exc).lower():
            raise StoreBusy(f"{redact_dsn(dsn)} is in use by another process "
                            "(stop the worker, or query a ClickHouse server DSN)") from exc
        raise


def _settings(dsn: str) -> dict[str, object]:
    return {} if dsn.startswith("chdb:") else {"async_insert": 0, "wait_end_of_query": 1}


def redact_dsn(dsn: str) -> str:
    """The DSN with any password replaced, for logs and /health."""
    parts = urlsplit(dsn)
    if parts.password:
        return dsn.replace(f":{parts.password}@", ":***@", 1)
    return dsn
