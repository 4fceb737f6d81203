"""Grafana's frontend interpolation of dashboard queries (never applied to alert rules).

``$__conditionalAll`` first, then template variables, then ``$__interval``,
``$__interval_ms``, ``$__from`` and ``$__to``. The plugin's own macros are
left for :func:`grafana.macros.expand`.

Example::

    channel = Selection.all(["call", "chat", "email"])
    interpolate("... $__conditionalAll(channel IN ($channel), $channel)", {"channel": channel}, r, 60_000)
    # "... 1=1"
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from grafana.macros import call_arguments
from grafana.time_range import TimeRange, interval_text


@dataclass(frozen=True, slots=True)
class Selection:
    """What a variable is set to: chosen values, or All (every option, or ``all_value``)."""

    values: tuple[str, ...]
    is_all: bool = False
    multi: bool = True

    @classmethod
    def all(cls, options: list[str]) -> Selection:
        return cls(tuple(options), is_all=True)

    @classmethod
    def of(cls, *values: str, multi: bool = True) -> Selection:
        return cls(tuple(values), multi=multi)

    def render(self, fmt: str | None) -> str:
        quoted = ",".join("'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'" for v in self.values)
        if fmt in ("singlequote", "sqlstring"):
            return quoted
        if fmt in ("csv", "raw"):
            return ",".join(self.values)
        # The plugin's default: a multi-value (or All) selection is a quoted list, one value is raw.
        return quoted if self.multi or self.is_all else (self.values[0] if self.values else "")


_VARIABLE = re.compile(r"\$\{(\w+)(?::(\w+))?\}|\[\[(\w+)(?::(\w+))?\]\]|\$(\w+)")
_CONDITIONAL = "$__conditionalAll"


def interpolate(sql: str, variables: Mapping[str, Selection], r: TimeRange, interval_ms: int) -> str:
    sql = _conditional_all(sql, variables)
    builtins = {"__interval": interval_text(interval_ms), "__interval_ms": str(interval_ms),
                "__from": str(r.from_ms), "__to": str(r.to_ms)}

    def one(m: re.Match[str]) -> str:
        name = m[1] or m[3] or m[5]
        if name in builtins:
            return builtins[name]
        if name not in variables:
            return m[0]  # not a dashboard variable: the plugin's macro or literal text
        return variables[name].render(m[2] or m[4])

    return _VARIABLE.sub(one, sql)


def _conditional_all(sql: str, variables: Mapping[str, Selection]) -> str:
    while (at := sql.find(_CONDITIONAL)) >= 0:
        args, end = call_arguments(sql, at + len(_CONDITIONAL))
        if len(args) != 2:
            raise ValueError(f"$__conditionalAll takes (condition, $variable): {args}")
        selection = variables.get(args[1].lstrip("$").strip("{}"))
        everything = selection is None or selection.is_all or not selection.values
        sql = sql[:at] + ("1=1" if everything else args[0]) + sql[end:]
    return sql
