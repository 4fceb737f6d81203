"""The event kinds of contract v1 (one model each, ``kind`` discriminates).

``account`` was added after the first six; adding a kind is backwards
compatible (old publishers are unaffected), so the contract stays v1.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from streams.contract.envelope import Envelope, Id, Strict, Text, Timestamp

MAX_TURNS = 2_000
SURVEY_RANGES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


class ChatTurn(Strict):
    speaker: Literal["customer", "agent", "bot"]
    text: Text
    ts: Timestamp | None = None


class ChatEvent(Envelope):
    kind: Literal["chat"] = "chat"
    turns: Annotated[list[ChatTurn], Field(min_length=1, max_length=MAX_TURNS)]


class EmailEvent(Envelope):
    kind: Literal["email"] = "email"
    direction: Literal["inbound", "outbound"] = "inbound"
    subject: Annotated[str, Field(max_length=1_000)] = ""
    body: Text
    thread_id: Id | None = None


class Utterance(Strict):
    speaker: Literal["customer", "agent", "ivr", "bot"]
    text: Text
    start_s: float = Field(ge=0)
    end_s: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Utterance:
        if self.end_s < self.start_s:
            raise ValueError("end_s is before start_s")
        return self


class CallEvent(Envelope):
    kind: Literal["call"] = "call"
    utterances: Annotated[list[Utterance], Field(max_length=MAX_TURNS)] = []
    wait_seconds: float = Field(0, ge=0, le=86_400)
    handle_seconds: float = Field(0, ge=0, le=86_400)
    transfers: int = Field(0, ge=0, le=100)
    ivr_used: bool = False
    bot_used: bool = False


class SocialEvent(Envelope):
    kind: Literal["social"] = "social"
    platform: Literal["x", "facebook", "instagram", "linkedin", "reddit", "tiktok", "trustpilot",
                      "youtube", "other"]
    author_handle: Annotated[str, Field(min_length=1, max_length=100)]
    followers: int = Field(0, ge=0)
    url: Annotated[str, Field(max_length=2_048)] | None = None
    public: bool = True
    text: Text
    brand_reply: bool = Field(False, description="Posted by the brand's own account")
    in_reply_to: Id | None = Field(None, description="event_id of the post this one answers")


class SurveyEvent(Envelope):
    kind: Literal["survey"] = "survey"
    survey_type: Literal["nps", "csat", "ces"]
    score: int
    comment: Text = ""

    @model_validator(mode="after")
    def _in_range(self) -> SurveyEvent:
        low, high = SURVEY_RANGES[self.survey_type]
        if not low <= self.score <= high:
            raise ValueError(f"{self.survey_type} score must be {low}..{high}, got {self.score}")
        return self


class CaseEvent(Envelope):
    kind: Literal["case"] = "case"
    case_id: Id
    status: Literal["opened", "assigned", "resolved", "reopened", "closed"]
    priority: Literal["low", "normal", "high", "urgent"] = "normal"
    subject: Annotated[str, Field(max_length=1_000)] = ""
    contact_channel: Literal["chat", "email", "call", "social", "other"] | None = None


class AccountEvent(Envelope):
    """A change to a customer account: opened, value changed, or closed (churn)."""

    kind: Literal["account"] = "account"
    account_id: Id
    status: Literal["opened", "updated", "closed"]
    monthly_value: float = Field(0, ge=0, le=1e9, description="Recurring revenue per month")
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    plan: Id | None = None
    close_reason: Literal["price", "service", "product", "moved", "other"] | None = None
