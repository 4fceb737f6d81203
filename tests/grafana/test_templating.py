"""Grafana's frontend interpolation: variables, formats, $__conditionalAll, built-in intervals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grafana.templating import Selection, interpolate
from grafana.time_range import TimeRange, interval_text, round_interval

R = TimeRange(datetime(2026, 10, 5, tzinfo=UTC), datetime(2026, 10, 5, 6, tzinfo=UTC))


def run(sql: str, **variables: Selection) -> str:
    return interpolate(sql, variables, R, 60_000)


def test_multi_values_and_all_are_quoted_lists() -> None:
    assert run("c IN ($c)", c=Selection.of("chat", "email")) == "c IN ('chat','email')"
    assert run("c IN (${c})", c=Selection.all(["a", "b"])) == "c IN ('a','b')"
    assert run("c = '$c'", c=Selection.of("chat", multi=False)) == "c = 'chat'"


def test_formats_and_quotes() -> None:
    assert run("${c:csv}", c=Selection.of("a", "b")) == "a,b"
    assert run("${c:singlequote}", c=Selection.of("o'neil", multi=False)) == "'o\\'neil'"
    assert run("[[c]]", c=Selection.of("a")) == "'a'"


def test_quotes_need_sqlstring() -> None:
    # The plugin's default list format escapes nothing; sqlstring doubles quotes; neither touches backslashes.
    values = Selection.of("o'neil", "c:\\temp")
    assert run("IN ($c)", c=values) == "IN ('o'neil','c:\\temp')"
    assert run("IN (${c:sqlstring})", c=values) == "IN ('o''neil','c:\\temp')"
    assert run("${c:pipe} ${c:json} ${c:glob} ${c:text}", c=Selection.of("a", "b")) == 'a|b ["a","b"] {a,b} a + b'


def test_conditional_all_on_an_unknown_variable_keeps_the_condition() -> None:
    assert run("$__conditionalAll(t IN ($nope), $nope)") == "t IN ($nope)"


def test_conditional_all_drops_the_filter_only_for_all() -> None:
    sql = "WHERE $__conditionalAll(topic IN ($topic), $topic)"
    assert run(sql, topic=Selection.all(["a", "b"])) == "WHERE 1=1"
    assert run(sql, topic=Selection.of()) == "WHERE 1=1"
    assert run(sql, topic=Selection.of("a")) == "WHERE topic IN ('a')"


def test_builtins_and_plugin_macros() -> None:
    assert run("$__interval $__interval_ms $__from") == f"1m 60000 {R.from_ms}"
    assert run("$__interval_s $__timeFilter(t) $unknown") == "$__interval_s $__timeFilter(t) $unknown"


def test_interval_follows_grafana_rounding_and_the_panel_minimum() -> None:
    assert round_interval(21_600) == 20_000 and interval_text(20_000) == "20s"
    assert R.interval_ms() == 20_000 and R.interval_ms("1m") == 60_000
    week = TimeRange(R.end - timedelta(days=7), R.end)
    assert week.interval_ms("1h") == 3_600_000 and interval_text(86_400_000) == "1d"
