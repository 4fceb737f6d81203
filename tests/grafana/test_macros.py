"""The plugin's macros expand exactly as shared/notes/grafana-clickhouse.md records (plugin v4.20)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from grafana.macros import MacroError, expand
from grafana.time_range import TimeRange

R = TimeRange(datetime(2026, 10, 5, 0, 0, 0, 250_000, tzinfo=UTC), datetime(2026, 10, 5, 6, 0, 0, 999_000, tzinfo=UTC))
F, T = 1791158400, 1791180000


@pytest.mark.parametrize(("sql", "expected"), [
    ("$__timeFilter(minute)", f"minute >= toDateTime({F}) AND minute <= toDateTime({T})"),
    ("$__timeFilter_ms(t)", f"t >= fromUnixTimestamp64Milli({F}250) AND t <= fromUnixTimestamp64Milli({T}999)"),
    ("$__fromTime / $__toTime", f"toDateTime({F}) / toDateTime({T})"),
    ("$__fromTime_ms", f"fromUnixTimestamp64Milli({F}250)"),
    ("$__timeInterval(minute)", "toStartOfInterval(toDateTime(minute), INTERVAL 60 second)"),
    ("$__timeInterval_ms(t)", "toStartOfInterval(toDateTime64(t, 3), INTERVAL 60000 millisecond)"),
    ("$__interval_s", "60"),
    ("$__dateFilter(day)", "day >= toDate('2026-10-05') AND day <= toDate('2026-10-05')"),
    ("$__timeGroup(t, 5m)", "toStartOfInterval(toDateTime(t), INTERVAL 300 second)"),
    ("$__timeFilter( f(a, b) )", f"f(a, b) >= toDateTime({F}) AND f(a, b) <= toDateTime({T})"),
    ("$__unknown(x) stays", "$__unknown(x) stays"),
])
def test_expansion(sql: str, expected: str) -> None:
    assert expand(sql, R, interval_ms=60_000) == expected


def test_comments_are_blanked_first() -> None:
    assert "$__timeFilter" not in expand("SELECT 1 -- $__timeFilter(t)\n", R)


def test_a_wrong_argument_count_fails_the_query() -> None:
    with pytest.raises(MacroError):
        expand("$__timeFilter(a, b)", R)


def test_sub_second_intervals_are_one_second() -> None:
    assert expand("$__interval_s", R, interval_ms=200) == "1"
