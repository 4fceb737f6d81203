"""Fields every event carries, whatever its kind, and the strict types they use.

``event_id`` is the idempotency key: it travels unchanged into every row and
message cxpulse writes, so a replay or a retry never counts an event twice.

The types here are strict (no coercion: ``"9"`` is not a number, ``true`` is
not 1, epoch seconds are not a timestamp) and every rule they enforce is one
that a JSON Schema validator in any language reads the same way: identifiers
use an explicit ASCII alphabet (``\\w`` means different things in Rust, Python
and JavaScript regexes), UUIDs and timestamps have one textual form, given as a
``pattern`` in the published schemas. The rules a schema cannot state are
listed in :data:`PYTHON_ONLY_RULES` (and in the README).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION: Literal[1] = 1
MAX_FUTURE = timedelta(days=1)
EARLIEST_YEAR = 2000
MAX_TEXT = 100_000
MAX_ID = 128

ID_PATTERN = r"^[A-Za-z0-9._:@/+-]+$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
# RFC 3339 with a 'T', an explicit offset, a year from 2000 on, no leap second; up to 9 fraction digits
# (Go's RFC3339Nano). Day-of-month validity is the schemas' "format": "date-time".
TIMESTAMP_PATTERN = (r"^2[0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
                     r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?"
                     r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$")
LANGUAGE_PATTERN = r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$"

PYTHON_ONLY_RULES = (
    "occurred_at and turn timestamps at most one day after the receiver's clock (relative to now)",
    "a call utterance's end_s is not before its start_s (compares two fields)",
    "JSON text is UTF-8 without unpaired surrogate escapes such as \\ud800 (JSON.parse accepts them)",
    "numbers fit a 64-bit integer or a finite double (1e400 is not a number here)",
)

_UUID_RE = re.compile(UUID_PATTERN)
_TIMESTAMP_RE = re.compile(TIMESTAMP_PATTERN)


def _error(code: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(code, message)


def _uuid(value: Any) -> UUID:
    if isinstance(value, UUID):
        return value
    if not isinstance(value, str) or not _UUID_RE.match(value):
        raise _error("uuid_form", "must be a UUID in its hyphenated 8-4-4-4-12 hex form")
    return UUID(value)


def _timestamp(value: Any) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise _error("timestamp_naive", "must have a timezone")
        parsed = value
    elif isinstance(value, str) and _TIMESTAMP_RE.match(value):
        try:
            parsed = datetime.fromisoformat(_six_fraction_digits(value))
        except ValueError:
            raise _error("timestamp_date", "is not a calendar date") from None
    else:
        raise _error("timestamp_form", "must be an RFC 3339 timestamp such as 2026-05-01T12:00:00Z "
                                       "(a 'T', an offset, year 2000 or later)")
    if parsed.year < EARLIEST_YEAR:
        raise _error("timestamp_early", "timestamp before 2000-01-01")
    utc = parsed.astimezone(UTC)
    if utc > datetime.now(UTC) + MAX_FUTURE:
        raise _error("timestamp_future", "timestamp more than a day in the future")
    return utc


def _six_fraction_digits(text: str) -> str:
    """Python reads at most microseconds: cut nanoseconds (Go's RFC3339Nano) to six digits."""
    if "." not in text:
        return text.replace("Z", "+00:00")
    head, rest = text.split(".", 1)
    digits = len(rest) - len(rest.lstrip("0123456789"))
    return f"{head}.{rest[:min(digits, 6)]:0<6}{rest[digits:]}".replace("Z", "+00:00")


def _integer(value: Any) -> Any:
    """JSON has one number type: 9.0 is the integer 9 (as in every JSON Schema validator); bools are not."""
    if isinstance(value, bool):
        raise _error("int_type", "must be an integer, not a boolean")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID, pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Integer = Annotated[int, BeforeValidator(_integer)]
EventId = Annotated[UUID, BeforeValidator(_uuid),
                    WithJsonSchema({"type": "string", "format": "uuid", "pattern": UUID_PATTERN})]
Timestamp = Annotated[datetime, BeforeValidator(_timestamp),
                      WithJsonSchema({"type": "string", "format": "date-time", "pattern": TIMESTAMP_PATTERN})]
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN, max_length=35)]


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise _error("literal_error", "must be the integer 1")
    return value


Version = Annotated[Literal[1], BeforeValidator(_no_bool)]


class Strict(BaseModel):
    """Contract base: no coercion, unknown fields are errors, floats are finite, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False,
                              str_strip_whitespace=False)


class Envelope(Strict):
    event_id: EventId
    schema_version: Version = SCHEMA_VERSION
    occurred_at: Timestamp = Field(description="When it happened, RFC 3339 with a 'T' and a UTC offset")
    source: Id = Field(description="Publishing system, e.g. 'zendesk' or 'ivr-eu'")
    customer_id: Id | None = None
    account_id: Id | None = None
    agent_id: Id | None = None
    team: Id | None = None
    case_id: Id | None = None
    language: Language | None = None
