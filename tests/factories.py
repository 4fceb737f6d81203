"""Valid contract-v1 events for tests (one builder per kind)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

NOW = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)


def envelope(kind: str, defaults: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """Envelope + kind defaults + overrides (later wins)."""
    base = {"event_id": str(uuid.uuid4()), "kind": kind, "occurred_at": NOW.isoformat(),
            "source": "tests", "customer_id": "cust-1", "account_id": "acct-1",
            "agent_id": "agent-1", "team": "billing"}
    return base | (defaults or {}) | extra


def chat(text: str = "My parcel is late again", **kw: Any) -> dict[str, Any]:
    return envelope("chat", {"turns": [{"speaker": "customer", "text": text},
                                       {"speaker": "agent", "text": "Sorry, let me check."},
                                       {"speaker": "customer", "text": "Thanks, that fixed it!"}]}, **kw)


def email(body: str = "Where is my refund?", **kw: Any) -> dict[str, Any]:
    return envelope("email", {"subject": "Refund", "body": body}, **kw)


def call(text: str = "I have been waiting for an hour", **kw: Any) -> dict[str, Any]:
    return envelope("call", {"utterances": [
        {"speaker": "ivr", "text": "Press 1 for billing", "start_s": 0, "end_s": 2},
        {"speaker": "customer", "text": text, "start_s": 3, "end_s": 6},
        {"speaker": "agent", "text": "I can help", "start_s": 7, "end_s": 8}],
        "wait_seconds": 3600, "handle_seconds": 300, "transfers": 2, "ivr_used": True}, **kw)


def social(text: str = "@Acme worst service ever", **kw: Any) -> dict[str, Any]:
    return envelope("social", {"platform": "x", "author_handle": "@someone", "followers": 1200,
                               "text": text}, **kw)


def survey(kind: str = "nps", score: int = 9, comment: str = "Great help", **kw: Any) -> dict[str, Any]:
    return envelope("survey", {"survey_type": kind, "score": score, "comment": comment}, **kw)


def case(status: str = "opened", **kw: Any) -> dict[str, Any]:
    return envelope("case", {"case_id": "case-1", "status": status, "subject": "Broken router"}, **kw)


ALL = {"chat": chat, "email": email, "call": call, "social": social, "survey": survey, "case": case}
