"""Fields every event carries, whatever its kind.

``event_id`` is the idempotency key: it travels unchanged into every row and
message cxpulse writes, so a replay or a retry never counts an event twice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1
MAX_FUTURE = timedelta(days=1)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
MAX_TEXT = 100_000

Id = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[\w.:@/+-]+$")]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


def _plausible(value: datetime) -> datetime:
    value = value.astimezone(UTC)
    if value < EARLIEST:
        raise ValueError("timestamp before 2000-01-01")
    if value > datetime.now(UTC) + MAX_FUTURE:
        raise ValueError("timestamp more than a day in the future")
    return value


Timestamp = Annotated[AwareDatetime, AfterValidator(_plausible)]


class Strict(BaseModel):
    """Contract base: unknown fields are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Envelope(Strict):
    event_id: UUID
    schema_version: Literal[1] = SCHEMA_VERSION
    occurred_at: Timestamp = Field(description="When it happened, ISO-8601 with a UTC offset")
    source: Id = Field(description="Publishing system, e.g. 'zendesk' or 'ivr-eu'")
    customer_id: Id | None = None
    account_id: Id | None = None
    agent_id: Id | None = None
    team: Id | None = None
    case_id: Id | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")] | None = None
