"""Query results as the data frames Grafana builds from them, and what each panel type needs.

The plugin turns Date/DateTime columns into time fields (the first one is
the index), strings and bools into labels and the rest into values; a
result with no rows is "no data". :func:`problems` names every way a result
would leave its panel empty or broken.

Example::

    frame = fetch(client, sql)
    assert problems("timeseries", frame) == []
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from clickhouse_connect.driver.client import Client

_WRAPPERS = re.compile(r"^(Nullable|LowCardinality)\((.*)\)$")


@dataclass(frozen=True, slots=True)
class Frame:
    columns: tuple[str, ...]
    types: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def kind(self, i: int) -> str:
        """``time``, ``label`` or ``value`` for column ``i``."""
        base = self.types[i]
        while m := _WRAPPERS.match(base):
            base = m[2]
        if base.startswith(("Date", "DateTime")):
            return "time"
        if base.startswith(("String", "FixedString", "Bool", "Enum", "UUID", "Array", "Map", "Tuple")):
            return "label"
        return "value"

    def indexes(self, kind: str) -> list[int]:
        return [i for i in range(len(self.columns)) if self.kind(i) == kind]

    def column(self, i: int) -> list[Any]:
        return [row[i] for row in self.rows]


def fetch(client: Client, sql: str) -> Frame:
    result = client.query(sql)
    return Frame(tuple(result.column_names), tuple(t.name for t in result.column_types),
                 tuple(tuple(r) for r in result.result_rows))


def problems(panel_type: str, frame: Frame) -> list[str]:
    """Why ``frame`` would not draw in a panel of ``panel_type`` (empty when it draws)."""
    if not frame.rows:
        return ["no rows"]
    found = [] if panel_type in ("table", "annotations") else _values(frame)
    if panel_type == "timeseries":
        found += _time_series(frame)
    elif panel_type == "barchart" and not (frame.indexes("label") or frame.indexes("time")):
        found.append("bar chart needs a label or time column for its x axis")
    return found


def _values(frame: Frame) -> list[str]:
    values = frame.indexes("value")
    if not values:
        return ["no numeric column"]
    if all(v is None for i in values for v in frame.column(i)):
        return ["every value is NULL"]
    return []


def _time_series(frame: Frame) -> list[str]:
    times = frame.indexes("time")
    if not times or times[0] != 0:
        return ["the first column must be the time"]
    if not frame.indexes("value"):
        return ["no numeric column"]
    stamps = frame.column(0)
    if any(t is None for t in stamps):
        return ["NULL time"]
    if stamps != sorted(stamps):
        return ["rows not sorted by time"]
    return []
