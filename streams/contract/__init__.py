"""Event contract v1: the models publishers and agents agree on."""

from streams.contract.envelope import SCHEMA_VERSION
from streams.contract.event import EVENT, Event, InvalidEvent, parse_event, validate_event
from streams.contract.kinds import (
    AccountEvent,
    CallEvent,
    CaseEvent,
    ChatEvent,
    ChatTurn,
    EmailEvent,
    SocialEvent,
    SurveyEvent,
    Utterance,
)

__all__ = [
    "EVENT", "SCHEMA_VERSION", "AccountEvent", "CallEvent", "CaseEvent", "ChatEvent", "ChatTurn", "EmailEvent",
    "Event", "InvalidEvent", "SocialEvent", "SurveyEvent", "Utterance", "parse_event", "validate_event",
]
