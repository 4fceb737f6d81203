"""Grafana's frontend interpolation of dashboard queries (never applied to alert rules).

What Grafana 12/13 does before a ClickHouse query leaves the browser, in
its order: the plugin's ``$__conditionalAll`` step, then
``sceneGraph.interpolate`` of @grafana/scenes with the plugin's own format
function, ``$__interval``/``$__interval_ms`` (scoped variables) and
``$__from``/``$__to``. The plugin's backend macros are left for
:func:`grafana.macros.expand`.

Sources, all checked case by case against the real code by
``tests/grafana/test_interpolation.py`` (``grafana/checks/interpolate``):
@grafana/scenes 9.2.2 (``sceneInterpolator``, ``formatRegistry``), the
ClickHouse plugin v4 ``CHDatasource.applyTemplateVariables``,
``applyConditionalAll``, ``getMacroArgs`` and ``format``
(grafana/clickhouse-datasource ``src/data/CHDatasource.ts``).

What that means for SQL:

- A plain ``$v`` of a multi-value (or All) variable becomes ``'a','b'`` with
  nothing escaped (the plugin's format), a single-value variable its raw
  value. ``${v:sqlstring}`` doubles single quotes (and writes ``"`` as
  ``\\"``), ``${v:singlequote}`` escapes only single quotes, as ``\\'``;
  neither touches backslashes. Values that may hold quotes need
  ``${v:sqlstring}``.
- ``$__conditionalAll(cond, $v)`` is ``1=1`` when ``v`` is All or empty; an
  unknown variable keeps ``cond`` (which then holds the unknown ``$v``).
- Unknown variables stay as they are.

Example::

    channel = Selection.all(["call", "chat", "email"])
    interpolate("... $__conditionalAll(channel IN ($channel), $channel)", {"channel": channel}, r, 60_000)
    # "... 1=1"
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from grafana.time_range import TimeRange, interval_text

ALL = "$__all"
Value = str | list[str]


@dataclass(frozen=True, slots=True)
class Selection:
    """What a variable is set to: chosen values, or All (every option; no custom all value)."""

    values: tuple[str, ...]
    is_all: bool = False
    multi: bool = True

    @classmethod
    def all(cls, options: list[str]) -> Selection:
        return cls(tuple(options), is_all=True)

    @classmethod
    def of(cls, *values: str, multi: bool = True) -> Selection:
        return cls(tuple(values), multi=multi)

    @property
    def value(self) -> Value:
        """What scenes' ``getValue()`` gives a formatter: a list for multi-value or All, else one string."""
        return list(self.values) if self.multi or self.is_all else (self.values[0] if self.values else "")

    @property
    def current(self) -> str:
        """``current.value.toString()``, which the plugin's ``$__conditionalAll`` reads."""
        return ALL if self.is_all else ",".join(self.values) if self.multi else (self.values[0] if self.values else "")

    @property
    def text(self) -> str:
        """scenes' ``getValueText()``: ``All``, or the texts (here the values) joined by `` + ``."""
        return "All" if self.is_all else " + ".join(self.values)

    def render(self, fmt: str | None) -> str:
        if fmt is None:
            return _plugin_format(self.value)
        name = fmt.split(":")[0]
        if name == "text":
            return self.text
        if name in _UNSUPPORTED:
            raise ValueError(f"the {name!r} variable format is not implemented here")
        return _FORMATS.get(name, _glob)(self.value)  # scenes falls back to glob for unknown names


def _string(value: Value) -> str:
    """JavaScript's ``String(value)``: a list joined by commas."""
    return ",".join(value) if isinstance(value, list) else value


def _each(value: Value, one: Callable[[str], str]) -> str:
    return ",".join(one(v) for v in value) if isinstance(value, list) else one(value)


def _plugin_format(value: Value) -> str:
    """The ClickHouse plugin's format: a list becomes ``'a','b'``, nothing escaped."""
    return "'" + "','".join(value) + "'" if isinstance(value, list) else value


def _glob(value: Value) -> str:
    return "{" + ",".join(value) + "}" if isinstance(value, list) and len(value) > 1 else _string(value)


def _json(value: Value) -> str:
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _sql_string(v: str) -> str:
    return "'" + v.replace("'", "''").replace('"', '\\"') + "'"


_FORMATS: dict[str, Callable[[Value], str]] = {
    "raw": _string,
    "csv": _string,
    "pipe": lambda v: "|".join(v) if isinstance(v, list) else v,
    "json": _json,
    "singlequote": lambda v: _each(v, lambda s: "'" + s.replace("'", "\\'") + "'"),
    "doublequote": lambda v: _each(v, lambda s: '"' + s.replace('"', '\\"') + '"'),
    "sqlstring": lambda v: _each(v, _sql_string),
    "glob": _glob,
}
# Formats scenes has and this module does not reproduce (no board uses them).
_UNSUPPORTED = frozenset({"lucene", "regex", "distributed", "html", "percentencode", "join", "date",
                          "queryparam", "customqueryparam", "uriencode"})

# scenes' VARIABLE_REGEX: $name, [[name:format]], ${name.fieldPath:format} (JavaScript's ASCII \w).
_VARIABLE = re.compile(r"\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?\}", re.ASCII)
_CONDITIONAL = "$__conditionalAll("
_CONDITIONAL_VARIABLE = re.compile(r"(?<=\$\{)\w+(?=\})|(?<=\$)\w+", re.ASCII)


def interpolate(sql: str, variables: Mapping[str, Selection], r: TimeRange, interval_ms: int) -> str:
    sql = conditional_all(sql, variables)
    builtins = {"__interval": interval_text(interval_ms), "__interval_ms": str(interval_ms),
                "__from": str(r.from_ms), "__to": str(r.to_ms)}

    def one(m: re.Match[str]) -> str:
        name = m[1] or m[2] or m[4]
        if name in builtins:
            return builtins[name]
        if name not in variables:
            return m[0]  # not a dashboard variable: the plugin's macro or literal text
        return variables[name].render(m[3] or m[6])

    return _VARIABLE.sub(one, sql)


def conditional_all(sql: str, variables: Mapping[str, Selection]) -> str:
    """The plugin's ``applyConditionalAll``: innermost (last) call first, arguments as written."""
    while (at := sql.rfind(_CONDITIONAL)) >= 0:
        args = _macro_args(sql, at + len(_CONDITIONAL) - 1)
        if len(args) != 2:
            return sql  # the plugin gives up and leaves the rest of the query as it is
        phrase = args[0]
        if found := _CONDITIONAL_VARIABLE.search(args[1].strip()):
            selection = variables.get(found[0])
            if selection is not None and selection.current in ("", ALL):
                phrase = "1=1"
        sql = sql.replace(f"{_CONDITIONAL}{args[0]},{args[1]})", phrase, 1)
    return sql


def _macro_args(sql: str, at: int) -> list[str]:
    """The plugin's ``getMacroArgs``: split on top-level commas, untrimmed; ``[]`` when unbalanced."""
    args, depth, start = [], 0, 1
    tail = sql[at:]
    for m in re.finditer(r"[(),]", tail):
        ch = m[0]
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 1:
            args.append(tail[start:m.start()])
            start = m.end()
        if depth == 0:
            args.append(tail[start:m.start()])
            return args
    return []
