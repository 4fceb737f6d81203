"""Can this value go into that ClickHouse column? Checked per row, before the insert.

One value the store cannot take (a float beyond Float32, a string that is
not valid UTF-8, a date outside DateTime64's range) fails the whole insert in
clickhouse-connect's serializer, or is silently clamped by the server. The
writer checks each row against the table's real column types (read from
``system.columns``) so such a value isolates its own event, which is then
dead-lettered with the column and the rule, and nothing else in the batch is
held back.

Example::

    >>> check = value_check("Nullable(Float32)")
    >>> check(None), check(1.5), check(1e300)
    (None, None, 'beyond Float32')
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from clickhouse_connect.driver.client import Client

Check = Callable[[Any], str | None]  # None: fine; else what is wrong (never the value)

FLOAT32_MAX = 3.4028234663852886e38
DATETIME64_RANGE = (datetime(1900, 1, 1, tzinfo=UTC), datetime(2299, 12, 31, 23, 59, 59, tzinfo=UTC))
_INT = re.compile(r"^(U?)Int(8|16|32|64)$")
_UUID_TEXT = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return "not a string"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "not valid UTF-8"
    return None


def _integer(signed: bool, bits: int) -> Check:
    low, high = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2**bits - 1)
    name = f"{'' if signed else 'U'}Int{bits}"

    def check(value: Any) -> str | None:
        if not isinstance(value, numbers.Integral):
            return "not an integer"
        return None if low <= int(value) <= high else f"beyond {name}"
    return check


def _float(bits: int) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, numbers.Real):
            return "not a number"
        if bits == 32 and math.isfinite(value) and abs(float(value)) > FLOAT32_MAX:
            return "beyond Float32"
        return None
    return check


def _uuid(value: Any) -> str | None:
    return None if isinstance(value, UUID) or (isinstance(value, str) and _UUID_TEXT.match(value)) else "not a UUID"


def _datetime(value: Any) -> str | None:
    if not isinstance(value, datetime) or value.tzinfo is None:
        return "not a timezone-aware datetime"
    low, high = DATETIME64_RANGE
    return None if low <= value <= high else "outside DateTime64's range (1900 to 2299)"


def _nullable(inner: Check) -> Check:
    return lambda value: None if value is None else inner(value)


def _array(inner: Check) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list | tuple):
            return "not an array"
        return next((f"element: {p}" for p in map(inner, value) if p), None)
    return check


def _any(value: Any) -> str | None:
    return None


def value_check(type_name: str) -> Check:
    """The check for a ClickHouse type name as ``system.columns`` spells it; unknown types pass."""
    t = type_name.strip()
    for wrapper, make in (("Nullable(", _nullable), ("LowCardinality(", lambda c: c), ("Array(", _array)):
        if t.startswith(wrapper) and t.endswith(")"):
            return make(value_check(t[len(wrapper):-1]))
    if t in {"String"} or t.startswith("FixedString("):
        return _string
    if m := _INT.match(t):
        return _integer(m.group(1) == "", int(m.group(2)))
    if t in {"Float32", "Float64"}:
        return _float(int(t[-2:]))
    if t == "UUID":
        return _uuid
    if t.startswith(("DateTime64", "DateTime")):
        return _datetime
    return _any


class RowCheck:
    """The checks of one table's columns, in the order the writer sends them."""

    def __init__(self, columns: Sequence[str], types: dict[str, str]) -> None:
        self.columns = tuple(columns)
        self.checks = tuple(value_check(types.get(c, "")) for c in self.columns)

    @classmethod
    def of_table(cls, client: Client, table: str, columns: Sequence[str]) -> RowCheck:
        found = client.query("SELECT name, type FROM system.columns WHERE database = currentDatabase() "
                             "AND table = {t:String}", parameters={"t": table}).result_rows
        return cls(columns, {name: type_ for name, type_ in found})

    def problem(self, row: Sequence[Any]) -> str | None:
        """'column: rule' for the first value the column cannot take, else None."""
        for column, check, value in zip(self.columns, self.checks, row, strict=True):
            if issue := check(value):
                return f"{column}: {issue}"
        return None
