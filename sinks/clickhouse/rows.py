"""Enriched events -> rows of the ``events`` and ``turns`` tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from processors.detection.bucket import EXAMPLE_CHARS
from streams.contract import AccountEvent, CallEvent, CaseEvent, EmailEvent, SocialEvent, SurveyEvent
from streams.enriched import EnrichedEvent, Turn
from streams.signals import is_contact

EVENT_COLUMNS = (
    "event_id", "kind", "occurred_at", "received_at", "stored_at", "source", "customer_id",
    "account_id", "agent_id", "team", "case_id", "language", "text", "sentiment_label",
    "sentiment_score", "sentiment_start", "sentiment_end", "sentiment_model", "scored",
    "turn_count", "email_subject", "email_direction", "wait_seconds", "handle_seconds",
    "transfers", "ivr_used", "bot_used", "social_platform", "social_author", "social_followers",
    "social_url", "social_public", "social_brand_reply", "social_in_reply_to", "survey_type",
    "survey_score", "case_status", "case_priority", "contact_channel", "pii_redactions",
    "source_topic", "source_partition", "source_offset", "payload", "contact", "topics",
    "topic_rules", "friction", "friction_evidence", "account_status", "account_value",
    "account_plan", "close_reason", "account_owner", "account_currency",
)
TURN_COLUMNS = ("event_id", "idx", "kind", "occurred_at", "speaker", "text", "sentiment_label",
                "sentiment_score", "start_s", "end_s")


def _kind_fields(e: Any) -> dict[str, Any]:
    match e:
        case EmailEvent():
            return {"email_subject": e.subject, "email_direction": e.direction}
        case CallEvent():
            return {"wait_seconds": e.wait_seconds, "handle_seconds": e.handle_seconds,
                    "transfers": e.transfers, "ivr_used": int(e.ivr_used), "bot_used": int(e.bot_used)}
        case SocialEvent():
            return {"social_platform": e.platform, "social_author": e.author_handle,
                    "social_followers": e.followers, "social_url": e.url or "",
                    "social_public": int(e.public), "social_brand_reply": int(e.brand_reply),
                    "social_in_reply_to": e.in_reply_to or ""}
        case SurveyEvent():
            return {"survey_type": e.survey_type, "survey_score": e.score}
        case CaseEvent():
            return {"case_status": e.status, "case_priority": e.priority,
                    "email_subject": e.subject, "contact_channel": e.contact_channel or ""}
        case AccountEvent():
            return {"account_status": e.status, "account_value": e.monthly_value,
                    "account_plan": e.plan or "", "close_reason": e.close_reason or "",
                    "account_owner": e.owner or "", "account_currency": e.currency}
    return {}


def _signal_fields(item: EnrichedEvent) -> dict[str, Any]:
    return {
        "contact": int(is_contact(item.event)),
        "topics": [t.topic for t in item.topics], "topic_rules": [t.rule for t in item.topics],
        "friction": [h.signal for h in item.friction],
        "friction_evidence": orjson.dumps(_evidence(item)).decode() if item.friction else "",
    }


def _evidence(item: EnrichedEvent) -> list[dict[str, str]]:
    return [{"signal": h.signal, "rule": h.rule, "evidence": h.evidence} for h in item.friction]


def event_row(item: EnrichedEvent, stored_at: datetime) -> list[Any]:
    e, s = item.event, item.sentiment
    row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS, "")
    row.update({c: None for c in ("sentiment_score", "sentiment_start", "sentiment_end",
                                  "wait_seconds", "handle_seconds", "transfers",
                                  "social_followers", "survey_score", "account_value")})
    row.update({c: 0 for c in ("scored", "ivr_used", "bot_used", "social_public",
                               "social_brand_reply", "pii_redactions", "turn_count")})
    row.update(
        event_id=e.event_id, kind=e.kind, occurred_at=e.occurred_at, received_at=item.received_at,
        stored_at=stored_at, source=e.source, customer_id=e.customer_id or "",
        account_id=e.account_id or "", agent_id=e.agent_id or "", team=e.team or "",
        case_id=e.case_id or "", language=(e.language or (s.language if s else "")),
        text=item.text, sentiment_label=s.label if s and s.scored else "",
        sentiment_score=s.score if s and s.scored else None, sentiment_start=item.start,
        sentiment_end=item.end, sentiment_model=s.model if s else "", scored=int(bool(s and s.scored)),
        turn_count=len(item.turns), pii_redactions=min(item.pii_redactions, 65_535),
        source_topic=item.origin.topic, source_partition=item.origin.partition,
        source_offset=item.origin.offset, payload=item.event_json().decode(),
    )
    row.update(_kind_fields(e))
    row.update(_signal_fields(item))
    return [row[c] for c in EVENT_COLUMNS]


def turn_rows(item: EnrichedEvent) -> list[list[Any]]:
    return [_turn_row(item, t) for t in item.turns]


def _turn_row(item: EnrichedEvent, t: Turn) -> list[Any]:
    s = t.sentiment if t.sentiment and t.sentiment.scored else None
    return [item.event.event_id, t.idx, item.event.kind, item.event.occurred_at, t.speaker, t.text,
            s.label if s else "", s.score if s else None, t.start_s, t.end_s]


def enriched_json(item: EnrichedEvent) -> bytes:
    """The ``cx.enriched`` message: the redacted event plus its sentiment."""
    s = item.sentiment
    return orjson.dumps({
        "event": orjson.Fragment(item.event_json()),
        "sentiment": None if s is None else {"label": s.label, "score": s.score, "model": s.model,
                                             "language": s.language, "scored": s.scored},
        "trajectory": {"start": item.start, "end": item.end},
        "turns": [{"idx": t.idx, "speaker": t.speaker,
                   "score": t.sentiment.score if t.sentiment else None} for t in item.turns],
        "contact": is_contact(item.event),
        "topics": [t.topic for t in item.topics],
        "friction": _evidence(item),
        "received_at": item.received_at.isoformat(),
        "text": item.text[:EXAMPLE_CHARS],  # redacted; alert summaries quote it
    })
