"""Print query results: a terminal table, or CSV / JSON / NDJSON for scripts.

Values are never cut: a table folds long cells instead, and CSV and JSON print
them whole. The row count says how many rows the query returned and how many
are shown. A query that ends in its own ``FORMAT X`` clause gets ClickHouse's
output for that format, byte for byte.

Example::

    cxpulse query "SELECT kind, count() AS n FROM events GROUP BY kind" --format csv > kinds.csv
    cxpulse query "SELECT * FROM events LIMIT 3 FORMAT JSONEachRow"
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Sequence
from typing import Any

import orjson
from rich.console import Console
from rich.table import Table

from sinks.clickhouse.client import StoreBusy, connect

FORMATS = ("table", "csv", "json", "ndjson")
_OWN_FORMAT = re.compile(r"\s+FORMAT\s+([A-Za-z0-9]+)\s*;?\s*$", re.IGNORECASE)


def print_query(dsn: str, sql: str, limit: int, fmt: str = "table") -> int:
    """Run ``sql`` read-only and print it; the exit code (0 ok, 1 query failed, 3 store busy)."""
    err = Console(stderr=True)
    try:
        client = connect(dsn)
        if own := _OWN_FORMAT.search(sql):
            raw = client.raw_query(sql[:own.start()], fmt=own.group(1), settings={"readonly": 1})
            sys.stdout.buffer.write(raw)
            return 0
        result = client.query(sql, settings={"readonly": 1})
    except StoreBusy as exc:
        err.print(f"[red]{exc}[/red]")
        return 3
    except Exception as exc:  # noqa: BLE001 - show ClickHouse's own message
        err.print(f"[red]query failed:[/red] {str(exc).splitlines()[0][:500]}")
        return 1
    rows = result.result_rows
    shown = rows[:limit]
    WRITERS[fmt](list(result.column_names), shown)
    count = f"{len(rows)} rows" + (f", {len(shown)} shown (--limit)" if len(shown) < len(rows) else "")
    err.print(count, highlight=False)
    return 0


def _table(columns: list[str], rows: Sequence[Sequence[Any]]) -> None:
    console = Console(soft_wrap=False) if sys.stdout.isatty() else Console(width=10_000)
    table = Table(*columns, show_lines=False)
    for column in table.columns:
        column.overflow = "fold"
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


def _csv(columns: list[str], rows: Sequence[Sequence[Any]]) -> None:
    out = csv.writer(sys.stdout)
    out.writerow(columns)
    out.writerows(["" if v is None else v for v in row] for row in rows)


def _json_rows(columns: list[str], rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _json(columns: list[str], rows: Sequence[Sequence[Any]]) -> None:
    sys.stdout.buffer.write(orjson.dumps(_json_rows(columns, rows), default=str, option=orjson.OPT_INDENT_2))
    sys.stdout.buffer.write(b"\n")


def _ndjson(columns: list[str], rows: Sequence[Sequence[Any]]) -> None:
    for row in _json_rows(columns, rows):
        sys.stdout.buffer.write(orjson.dumps(row, default=str) + b"\n")


WRITERS = {"table": _table, "csv": _csv, "json": _json, "ndjson": _ndjson}
