"""The ClickHouse plugin's backend macros, expanded as plugin v4.20 expands them.

Facts: ``shared/notes/grafana-clickhouse.md`` and ``docs/grafana.md``. This
runs after Grafana's own interpolation (``grafana.templating``); in alert
rules it is the only expansion there is. The plugin (module
github.com/grafana/clickhouse-datasource, ``pkg/macros``) is not served by
the Go module proxy, so unlike the boards' schema and their interpolation it
cannot be run here; the table tests (``tests/grafana/test_macros.py``) pin
the documented behaviour:

- comments (``--`` to the end of the line, ``/* */``) are blanked first, but
  only outside quoted text: ``'a -- b'``, ``"x"`` and backquoted names with
  doubled quotes or backslash escapes are scanned past, as the plugin's
  ``scanQuoted`` does;
- ``$__interval`` and ``$__interval_ms`` are the backend's too (the plugin
  SDK's ``sqlutil`` default macros): in alert rules, which Grafana's
  frontend never touches, they become the query interval as
  ``gtime.FormatInterval`` writes it (``1s``, ``1m``, ``1d``) and in ms;
- a macro's arguments are expanded before the macro (nested macros);
- ``$__timeGroup(c, d)`` reads ``d`` with Go's ``time.ParseDuration``
  (``5m``, ``1h30m``, ``1.5h``; no ``d`` or ``w`` units).

Example::

    expand("SELECT ... WHERE $__timeFilter(minute)", time_range, interval_ms=60_000)
    # "SELECT ... WHERE minute >= toDateTime(1760000000) AND minute <= toDateTime(1760021600)"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from grafana.time_range import TimeRange


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


# grafana-plugin-sdk-go backend/gtime.FormatInterval: the largest unit that fits, floored.
_FORMAT_UNITS = (("y", 31_536_000_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1))


def format_interval(ms: int) -> str:
    return next((f"{ms // size}{unit}" for unit, size in _FORMAT_UNITS if ms >= size), "1ms")


# Go's time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or a bare "0".
_GO_UNITS = {"ns": 1e-6, "us": 1e-3, "\u00b5s": 1e-3, "\u03bcs": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}
_GO_PART = re.compile(r"(\d*\.?\d*)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)")


def go_duration_ms(text: str) -> float:
    """Milliseconds of a Go duration (``5m``, ``1h30m``, ``1.5h``); ``ValueError`` as Go would refuse it."""
    body = text.lstrip("+-")
    sign = -1 if text.startswith("-") else 1
    if body == "0":
        return 0.0
    total, pos = 0.0, 0
    while pos < len(body):
        m = _GO_PART.match(body, pos)
        if not m or m[1] in ("", "."):
            raise ValueError(f"time: invalid duration {text!r}")
        total += float(m[1]) * _GO_UNITS[m[2]]
        pos = m.end()
    if not body:
        raise ValueError(f"time: invalid duration {text!r}")
    return sign * total


def _time_group(r: TimeRange, i: int, c: str, d: str) -> str:
    try:
        seconds = int(go_duration_ms(d) // 1000)
    except ValueError as e:
        raise MacroError(f"$__timeGroup: {e}") from None
    if seconds < 1:
        raise MacroError(f"$__timeGroup needs a duration of at least 1s (ClickHouse refuses INTERVAL {seconds}): {d!r}")
    return f"toStartOfInterval(toDateTime({c}), INTERVAL {seconds} second)"


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
    "timeGroup": _args(2, _time_group),
    "interval_ms": _args(0, lambda r, i: str(i)),
    "interval": _args(0, lambda r, i: format_interval(i)),
}
MACROS["dt"] = MACROS["dateTimeFilter"]
# Longest name first, so `timeFilter_ms` is never read as `timeFilter`.
_NAMES = sorted(MACROS, key=len, reverse=True)
_PATTERN = re.compile(r"\$__(" + "|".join(_NAMES) + r")\b")


def expand(sql: str, time_range: TimeRange, interval_ms: int = 1000) -> str:
    """``sql`` with every plugin macro replaced; unknown ``$__x`` tokens stay as they are."""
    sql = blank_comments(sql)
    out, pos = [], 0
    while match := _PATTERN.search(sql, pos):
        name = match[1]
        args, end = call_arguments(sql, match.end())
        out.append(sql[pos:match.start()])
        out.append(MACROS[name]([expand(a, time_range, interval_ms) for a in args], time_range, interval_ms))
        pos = end
    return "".join(out) + sql[pos:]


def _quoted_end(sql: str, at: int) -> int:
    """The index after the quoted text opening at ``at`` (doubled quotes and backslashes continue it)."""
    quote, i = sql[at], at + 1
    while i < len(sql):
        if sql[i] == "\\" and i + 1 < len(sql):
            i += 2
        elif sql[i] == quote:
            if i + 1 < len(sql) and sql[i + 1] == quote:
                i += 2
                continue
            return i + 1
        else:
            i += 1
    return len(sql)


def blank_comments(sql: str) -> str:
    """Comments outside quoted text replaced by as many spaces (positions stay valid)."""
    out, i = [], 0
    while i < len(sql):
        ch = sql[i]
        if ch in "'\"`":
            end = _quoted_end(sql, i)
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = len(sql) if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            end = len(sql) if end < 0 else end + 2
            out.append(" " * (end - i))
            i = end
            continue
        else:
            end = i + 1
        out.append(sql[i:end])
        i = end
    return "".join(out)


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

