"""The plugin's macros expand exactly as shared/notes/grafana-clickhouse.md and docs/grafana.md record (plugin v4.20).

Go's ``time.ParseDuration`` and the plugin SDK's ``gtime.FormatInterval`` values
in the tables were read from the real functions (Go 1.26, grafana-plugin-sdk-go).
"""

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


@pytest.mark.parametrize(("sql", "expected"), [
    ("SELECT 'a -- b', $__fromTime", f"SELECT 'a -- b', toDateTime({F})"),
    ("SELECT 'it''s -- x' AS s, $__toTime", f"SELECT 'it''s -- x' AS s, toDateTime({T})"),
    ("SELECT 'c:\\\\ -- x', 'don\\'t -- y', $__toTime", f"SELECT 'c:\\\\ -- x', 'don\\'t -- y', toDateTime({T})"),
    ('SELECT "odd--name", `x /* y */`, $__toTime', f'SELECT "odd--name", `x /* y */`, toDateTime({T})'),
    ("SELECT 1 /* $__toTime */, $__fromTime -- '$__toTime\n",
     "SELECT 1 " + " " * 15 + f", toDateTime({F}) " + " " * 13 + "\n"),
    ("SELECT '$__fromTime'", f"SELECT 'toDateTime({F})'"),  # macros inside literals expand, as in the plugin
])
def test_comments_only_outside_quoted_text(sql: str, expected: str) -> None:
    assert expand(sql, R) == expected


@pytest.mark.parametrize(("interval_ms", "text"), [
    (1, "1ms"), (200, "200ms"), (1_000, "1s"), (1_500, "1s"), (20_000, "20s"), (60_000, "1m"), (90_000, "1m"),
    (3_600_000, "1h"), (86_400_000, "1d"), (604_800_000, "7d"), (31_536_000_000, "1y"),
])
def test_interval_in_alert_rules_is_the_backend_s(interval_ms: int, text: str) -> None:
    # Alert rules reach the plugin without frontend interpolation: sqlutil's $__interval / $__interval_ms.
    expected = f"{text} {interval_ms} {max(interval_ms // 1000, 1)}"
    assert expand("$__interval $__interval_ms $__interval_s", R, interval_ms) == expected


@pytest.mark.parametrize(("sql", "expected"), [
    ("$__timeFilter($__timeInterval(t))", f"toStartOfInterval(toDateTime(t), INTERVAL 60 second) >= toDateTime({F}) "
                                          f"AND toStartOfInterval(toDateTime(t), INTERVAL 60 second) <= toDateTime({T})"),
    ("$__timeGroup(t, $__interval)", "toStartOfInterval(toDateTime(t), INTERVAL 60 second)"),
    ("$__timeTo(greatest(t, $__fromTime))", f"greatest(t, toDateTime({F})) <= toDateTime({T})"),
])
def test_nested_macros_expand_inside_out(sql: str, expected: str) -> None:
    assert expand(sql, R, interval_ms=60_000) == expected


@pytest.mark.parametrize(("duration", "seconds"), [
    ("5m", 300), ("1h30m", 5400), ("1.5h", 5400), ("90s", 90), ("1m30s", 90), ("2h", 7200), ("1500ms", 1), ("+10s", 10),
])
def test_time_group_reads_durations_like_go(duration: str, seconds: int) -> None:
    assert expand(f"$__timeGroup(t, {duration})", R) == f"toStartOfInterval(toDateTime(t), INTERVAL {seconds} second)"


@pytest.mark.parametrize("duration", ["1d", "1w", "5", "m", "", "5 m", "300ms", "0", "-5m"])
def test_time_group_refuses_what_go_refuses_or_clickhouse_cannot_group_by(duration: str) -> None:
    with pytest.raises(MacroError):
        expand(f"$__timeGroup(t, {duration})", R)


def test_a_wrong_argument_count_fails_the_query() -> None:
    with pytest.raises(MacroError):
        expand("$__timeFilter(a, b)", R)


def test_sub_second_intervals_are_one_second() -> None:
    assert expand("$__interval_s", R, interval_ms=200) == "1"
