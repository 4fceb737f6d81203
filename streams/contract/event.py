"""The v1 event union and its parser.

Example::

    from streams.contract import parse_event
    event = parse_event(b'{"kind": "survey", ...}')   # raises InvalidEvent
"""

from __future__ import annotations

from typing import Annotated

import orjson
from pydantic import Field, TypeAdapter, ValidationError

from streams.contract.kinds import (
    AccountEvent, CallEvent, CaseEvent, ChatEvent, EmailEvent, SocialEvent, SurveyEvent,
)

Event = Annotated[
    ChatEvent | EmailEvent | CallEvent | SocialEvent | SurveyEvent | CaseEvent | AccountEvent,
    Field(discriminator="kind"),
]
EVENT = TypeAdapter(Event)


class InvalidEvent(ValueError):
    """Why bytes are not a valid event; ``reason`` is a short stable code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


def _describe(exc: ValidationError) -> str:
    # include_input=False: the offending value may hold personal data.
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    parts = [f"{'.'.join(map(str, e['loc'])) or '<root>'}: {e['msg']}" for e in errors[:10]]
    return "; ".join(parts)


def parse_event(raw: bytes | str) -> Event:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidEvent("malformed_json", str(exc).split(":")[0]) from None
    if not isinstance(data, dict):
        raise InvalidEvent("not_an_object", f"expected a JSON object, got {type(data).__name__}")
    return validate_event(data)


def validate_event(data: dict[str, object]) -> Event:
    try:
        return EVENT.validate_python(data)
    except ValidationError as exc:
        reason = "unknown_kind" if _bad_kind(exc) else "schema_violation"
        raise InvalidEvent(reason, _describe(exc)) from None


def _bad_kind(exc: ValidationError) -> bool:
    return any(e["type"] in {"union_tag_invalid", "union_tag_not_found"} for e in exc.errors())
