"""The event kinds of contract v1 (one model each, ``kind`` discriminates).

``account`` was added after the first six; adding a kind is backwards
compatible (old publishers are unaffected), so the contract stays v1.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from streams.contract.envelope import Envelope, Id, Integer, Strict, Text, Timestamp

MAX_TURNS = 2_000
MAX_CALL_SECONDS = 86_400  # a day: longer calls and waits are errors, and every value fits a Float32 column
MAX_FOLLOWERS = 10_000_000_000  # more than any account has; fits UInt64 and a JavaScript number exactly
MAX_MONTHLY_VALUE = 1e9
SURVEY_RANGES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


def _survey_ranges(schema: dict[str, Any]) -> None:
    """State each survey type's score range in the JSON Schema too (if/then per type)."""
    schema["allOf"] = [
        {"if": {"properties": {"survey_type": {"const": kind}}, "required": ["survey_type"]},
         "then": {"properties": {"score": {"type": "integer", "minimum": low, "maximum": high}}}}
        for kind, (low, high) in SURVEY_RANGES.items()
    ]


class ChatTurn(Strict):
    speaker: Literal["customer", "agent", "bot"]
    text: Text
    ts: Timestamp | None = None


class ChatEvent(Envelope):
    kind: Literal["chat"]
    turns: Annotated[list[ChatTurn], Field(min_length=1, max_length=MAX_TURNS)]


class EmailEvent(Envelope):
    kind: Literal["email"]
    direction: Literal["inbound", "outbound"] = "inbound"
    subject: Annotated[str, Field(max_length=1_000)] = ""
    body: Text
    thread_id: Id | None = None


class Utterance(Strict):
    speaker: Literal["customer", "agent", "ivr", "bot"]
    text: Text
    start_s: float = Field(ge=0, le=MAX_CALL_SECONDS)
    end_s: float = Field(ge=0, le=MAX_CALL_SECONDS, description="Not before start_s")

    @model_validator(mode="after")
    def _ordered(self) -> Utterance:
        if self.end_s < self.start_s:
            raise ValueError("end_s is before start_s")
        return self


class CallEvent(Envelope):
    kind: Literal["call"]
    utterances: Annotated[list[Utterance], Field(max_length=MAX_TURNS)] = []  # noqa: RUF012 - pydantic copies defaults
    wait_seconds: float = Field(0, ge=0, le=MAX_CALL_SECONDS)
    handle_seconds: float = Field(0, ge=0, le=MAX_CALL_SECONDS)
    transfers: Integer = Field(0, ge=0, le=100)
    ivr_used: bool = False
    bot_used: bool = False


class SocialEvent(Envelope):
    kind: Literal["social"]
    platform: Literal["x", "facebook", "instagram", "linkedin", "reddit", "tiktok", "trustpilot",
                      "youtube", "other"]
    author_handle: Annotated[str, Field(min_length=1, max_length=100)]
    followers: Integer = Field(0, ge=0, le=MAX_FOLLOWERS)
    url: Annotated[str, Field(max_length=2_048)] | None = None
    public: bool = True
    text: Text
    brand_reply: bool = Field(False, description="Posted by the brand's own account")
    in_reply_to: Id | None = Field(None, description="event_id of the post this one answers")


class SurveyEvent(Envelope):
    """NPS 0..10, CSAT 1..5, CES 1..7: the range depends on ``survey_type``."""

    model_config = ConfigDict(json_schema_extra=_survey_ranges)

    kind: Literal["survey"]
    survey_type: Literal["nps", "csat", "ces"]
    score: Integer = Field(ge=0, le=10)
    comment: Text = ""

    @model_validator(mode="after")
    def _in_range(self) -> SurveyEvent:
        low, high = SURVEY_RANGES[self.survey_type]
        if not low <= self.score <= high:
            raise ValueError(f"{self.survey_type} score must be {low}..{high}")
        return self


class CaseEvent(Envelope):
    kind: Literal["case"]
    case_id: Id
    status: Literal["opened", "assigned", "resolved", "reopened", "closed"]
    priority: Literal["low", "normal", "high", "urgent"] = "normal"
    subject: Annotated[str, Field(max_length=1_000)] = ""
    contact_channel: Literal["chat", "email", "call", "social", "other"] | None = None


class AccountEvent(Envelope):
    """A change to a customer account: opened, value changed, or closed (churn)."""

    kind: Literal["account"]
    account_id: Id
    status: Literal["opened", "updated", "closed"]
    monthly_value: float = Field(0, ge=0, le=MAX_MONTHLY_VALUE, description="Recurring revenue per month")
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    plan: Id | None = None
    close_reason: Literal["price", "service", "product", "moved", "other"] | None = None
    owner: Id | None = Field(None, description="Who owns the account (an account manager's id, not a name); "
                                               "account incidents are routed with it")
