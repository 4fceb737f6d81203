"""Print query results as a terminal table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from sinks.clickhouse.client import StoreBusy, connect


def print_query(dsn: str, sql: str, limit: int) -> int:
    console = Console()
    try:
        client = connect(dsn)
        result = client.query(sql, settings={"readonly": 1})
    except StoreBusy as exc:
        console.print(f"[red]{exc}[/red]")
        return 3
    except Exception as exc:  # noqa: BLE001 - show ClickHouse's own message
        console.print(f"[red]query failed:[/red] {str(exc).splitlines()[0][:500]}")
        return 1
    table = Table(*result.column_names, show_lines=False)
    for row in result.result_rows[:limit]:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
    console.print(f"{len(result.result_rows)} rows")
    return 0
