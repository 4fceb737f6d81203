"""A corpus of bad (and merely strange) input, with the outcome each must have.

Used by the unit tests (decode and HTTP ingest rules) and by the integration
test that sends every case through a real broker and a real worker. An
outcome is a dead-letter reason, or ``ACCEPTED`` for input that is odd but
valid: it is stored with its text cleaned (``processors.text.clean``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from tests import factories as f

ACCEPTED = "accepted"
INVISIBLE = ("\u202e", "\u200b", "\x00", "\ufeff")  # never stored


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the kind topic it is published to
    value: bytes
    outcome: str


def _json(event: dict[str, Any]) -> bytes:
    return orjson.dumps(event)


def corpus() -> list[Case]:
    """Fresh event ids on every call (cases are stored, so each run needs its own)."""
    chat = f.chat()
    deep = b"[" * 5000 + b"]" * 5000
    return [
        Case("malformed JSON", "chat", b'{"kind": "chat", "event_id": ', "malformed_json"),
        Case("non-UTF-8 bytes", "chat", _json(f.chat("caf\u00e9")).replace("\u00e9".encode(), b"\xe9"),
             "malformed_json"),
        Case("raw null byte", "chat", b"\x00" + _json(f.chat()), "malformed_json"),
        Case("deeply nested JSON", "chat", deep, "malformed_json"),
        Case("nesting in an unknown field", "chat", _json(chat)[:-1] + b',"x":' + deep + b"}", "malformed_json"),
        Case("not an object", "chat", b"[1, 2, 3]", "not_an_object"),
        Case("wrong type", "survey", _json(f.survey() | {"score": "ten"}), "schema_violation"),
        Case("missing kind", "chat", _json({k: v for k, v in f.chat().items() if k != "kind"}), "unknown_kind"),
        Case("unknown kind", "chat", _json(f.chat() | {"kind": "fax"}), "unknown_kind"),
        Case("unknown field", "chat", _json(f.chat() | {"favourite_colour": "blue"}), "schema_violation"),
        Case("NPS 11", "survey", _json(f.survey(score=11)), "schema_violation"),
        Case("CSAT 0", "survey", _json(f.survey() | {"survey_type": "csat", "score": 0}), "schema_violation"),
        Case("year 2999", "chat", _json(f.chat() | {"occurred_at": "2999-01-01T00:00:00Z"}), "schema_violation"),
        Case("year 1970", "chat", _json(f.chat() | {"occurred_at": "1970-01-01T00:00:00Z"}), "schema_violation"),
        Case("SQL in the event id", "chat", _json(f.chat() | {"event_id": "1'; DROP TABLE events; --"}),
             "schema_violation"),
        Case("SQL in the customer id", "chat", _json(f.chat() | {"customer_id": "x'); DROP TABLE events; --"}),
             "schema_violation"),
        Case("10,000-turn chat", "chat", _json(f.chat(turns=[{"speaker": "customer", "text": "hi"}] * 10_000)),
             "schema_violation"),
        Case("900 KB text", "chat", _json(f.chat("a" * 900_000)), "schema_violation"),
        Case("chat on the email topic", "email", _json(f.chat()), "wrong_topic"),
        Case("SQL and script in text", "chat",
             _json(f.chat("'); DROP TABLE events; -- <script>alert(1)</script> {{7*7}}")), ACCEPTED),
        Case("RTL override, zero-width, BOM and null in text", "chat",
             _json(f.chat("refund \u202eplease\u200b now\ufeff\u0000 thanks")), ACCEPTED),
    ]


def event_id(case: Case) -> str | None:
    try:
        return str(orjson.loads(case.value)["event_id"])
    except Exception:  # noqa: BLE001 - not every case is an object with an id
        return None
