"""The ClickHouse plugin's backend macros, expanded as plugin v4.20 expands them.

Facts: ``shared/notes/grafana-clickhouse.md``. This runs after Grafana's
own interpolation (``grafana.templating``); in alert rules it is the only
expansion there is.

Example::

    expand("SELECT ... WHERE $__timeFilter(minute)", time_range, interval_ms=60_000)
    # "SELECT ... WHERE minute >= toDateTime(1760000000) AND minute <= toDateTime(1760021600)"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from grafana.time_range import TimeRange, parse_duration_ms


class MacroError(ValueError):
    """A macro with the wrong number of arguments (the plugin fails the query)."""


Expand = Callable[[list[str], TimeRange, int], str]


def _args(n: int, fn: Callable[..., str]) -> Expand:
    def run(args: list[str], r: TimeRange, interval_ms: int) -> str:
        if len(args) != n:
            raise MacroError(f"expected {n} argument(s), got {len(args)}: {args}")
        return fn(r, interval_ms, *args)
    return run


def _s(r: TimeRange) -> tuple[int, int]:
    return r.from_ms // 1000, r.to_ms // 1000


def _day(ms: int) -> str:
    return (datetime.fromtimestamp(ms / 1000)).strftime("%Y-%m-%d")  # the plugin's local zone


def _interval_s(ms: int) -> int:
    return max(ms // 1000, 1)


MACROS: dict[str, Expand] = {
    "timeFilter_ms": _args(1, lambda r, i, c: f"{c} >= fromUnixTimestamp64Milli({r.from_ms}) "
                                              f"AND {c} <= fromUnixTimestamp64Milli({r.to_ms})"),
    "timeFilter": _args(1, lambda r, i, c: f"{c} >= toDateTime({_s(r)[0]}) AND {c} <= toDateTime({_s(r)[1]})"),
    "dateFilter": _args(1, lambda r, i, c: f"{c} >= toDate('{_day(r.from_ms)}') AND {c} <= toDate('{_day(r.to_ms)}')"),
    "dateTimeFilter": _args(2, lambda r, i, d, t: f"({d} >= toDate('{_day(r.from_ms)}') AND {d} <= toDate('{_day(r.to_ms)}'))"
                                                  f" AND ({t} >= toDateTime({_s(r)[0]}) AND {t} <= toDateTime({_s(r)[1]}))"),
    "fromTime_ms": _args(0, lambda r, i: f"fromUnixTimestamp64Milli({r.from_ms})"),
    "toTime_ms": _args(0, lambda r, i: f"fromUnixTimestamp64Milli({r.to_ms})"),
    "fromTime": _args(0, lambda r, i: f"toDateTime({_s(r)[0]})"),
    "toTime": _args(0, lambda r, i: f"toDateTime({_s(r)[1]})"),
    "timeInterval_ms": _args(1, lambda r, i, c: f"toStartOfInterval(toDateTime64({c}, 3), INTERVAL {max(i, 1)} millisecond)"),
    "timeInterval": _args(1, lambda r, i, c: f"toStartOfInterval(toDateTime({c}), INTERVAL {_interval_s(i)} second)"),
    "interval_s": _args(0, lambda r, i: str(_interval_s(i))),
    "timeFrom": _args(1, lambda r, i, c: f"{c} >= toDateTime({_s(r)[0]})"),
    "timeTo": _args(1, lambda r, i, c: f"{c} <= toDateTime({_s(r)[1]})"),
    "timeGroup": _args(2, lambda r, i, c, d: f"toStartOfInterval(toDateTime({c}), INTERVAL {parse_duration_ms(d) // 1000} second)"),
}
MACROS["dt"] = MACROS["dateTimeFilter"]
# Longest name first, so `timeFilter_ms` is never read as `timeFilter`.
_NAMES = sorted(MACROS, key=len, reverse=True)
_PATTERN = re.compile(r"\$__(" + "|".join(_NAMES) + r")\b")
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)


def expand(sql: str, time_range: TimeRange, interval_ms: int = 1000) -> str:
    """``sql`` with every plugin macro replaced; unknown ``$__x`` tokens stay as they are."""
    sql = _COMMENTS.sub(lambda m: " " * len(m.group()), sql)
    out, pos = [], 0
    while match := _PATTERN.search(sql, pos):
        name = match[1]
        args, end = call_arguments(sql, match.end())
        out.append(sql[pos:match.start()])
        out.append(MACROS[name](args, time_range, interval_ms))
        pos = end
    return "".join(out) + sql[pos:]


def call_arguments(sql: str, at: int) -> tuple[list[str], int]:
    """Arguments of ``(...)`` at ``at`` split on top-level commas, and the end position."""
    if at >= len(sql) or sql[at] != "(":
        return [], at
    depth, start, args = 0, at + 1, []
    for i in range(at, len(sql)):
        ch = sql[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                args.append(sql[start:i])
                return [a.strip() for a in args if a.strip()], i + 1
        elif ch == "," and depth == 1:
            args.append(sql[start:i])
            start = i + 1
    raise MacroError(f"unbalanced parentheses after position {at}")

