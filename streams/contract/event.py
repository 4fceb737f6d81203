"""The v1 event union and its parser.

Example::

    >>> from streams.contract import InvalidEvent, parse_event
    >>> try:
    ...     parse_event(b'{"kind": "survey", "survey_type": "csat", "score": true}')
    ... except InvalidEvent as exc:
    ...     print(exc.reason)
    schema_violation

Errors name the field and the rule, never the value: the value may be
personal data, and it is kept (as the dead letter's bytes) anyway.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import orjson
from pydantic import Field, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from streams.contract.kinds import (
    AccountEvent,
    CallEvent,
    CaseEvent,
    ChatEvent,
    EmailEvent,
    SocialEvent,
    SurveyEvent,
)

Event = Annotated[
    ChatEvent | EmailEvent | CallEvent | SocialEvent | SurveyEvent | CaseEvent | AccountEvent,
    Field(discriminator="kind"),
]
EVENT = TypeAdapter(Event)
KINDS = ("chat", "email", "call", "social", "survey", "case", "account")
MAX_ERRORS = 10

_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# Pydantic messages that quote the input: replaced by the rule alone.
_OWN_MESSAGES = {
    "union_tag_invalid": f"must be one of {', '.join(KINDS)}",
    "union_tag_not_found": "is required (one of " + ", ".join(KINDS) + ")",
    "extra_forbidden": "is not a field of this kind of event",
}


class InvalidEvent(ValueError):
    """Why bytes are not a valid event; ``reason`` is a short stable code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


def _where(error: ErrorDetails) -> str:
    """The field path; a name that is not a plain identifier (it could be anything) is not echoed."""
    parts = [str(p) if isinstance(p, int) or _FIELD_NAME.match(p) else "<field>" for p in error["loc"]]
    if error["type"] in {"union_tag_invalid", "union_tag_not_found"} and not parts:
        parts = ["kind"]
    return ".".join(parts) or "<root>"


def _describe(exc: ValidationError) -> str:
    # include_input=False: the offending value may hold personal data.
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    parts = [f"{_where(e)}: {_OWN_MESSAGES.get(e['type'], e['msg'])}" for e in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        parts.append(f"and {len(errors) - MAX_ERRORS} more")
    return "; ".join(parts)


def parse_event(raw: bytes | str) -> Event:
    """Bytes (one JSON object) to a validated event; raises :class:`InvalidEvent`."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidEvent("malformed_json", str(exc).split(":")[0]) from None
    if not isinstance(data, dict):
        raise InvalidEvent("not_an_object", f"expected a JSON object, got {_json_type(data)}")
    return _validate(data)


def validate_event(data: dict[str, Any]) -> Event:
    """A Python dict, judged exactly as its JSON encoding would be (what a publisher sends)."""
    try:
        raw = orjson.dumps(data)
    except (TypeError, orjson.JSONEncodeError) as exc:
        raise InvalidEvent("malformed_json", f"not encodable as JSON ({type(exc).__name__})") from None
    return parse_event(raw)


def _validate(data: dict[str, Any]) -> Event:
    try:
        return EVENT.validate_python(data)
    except ValidationError as exc:
        reason = "unknown_kind" if _bad_kind(exc) else "schema_violation"
        raise InvalidEvent(reason, _describe(exc)) from None


def _bad_kind(exc: ValidationError) -> bool:
    return any(e["type"] in {"union_tag_invalid", "union_tag_not_found"} for e in exc.errors())


def _json_type(value: object) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number",
            type(None): "null"}.get(type(value), type(value).__name__)
