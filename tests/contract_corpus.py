"""Valid and invalid events with the verdict each must get, for the schema parity test.

Every case is raw JSON text, as a publisher in any language would send it, and
carries the verdict the contract must give. ``python_only`` marks the few
rules no JSON Schema can state (``streams.contract.envelope.PYTHON_ONLY_RULES``):
there the schema validators accept and the worker rejects, by design.

The cases are written from the contract's rules (types, bounds, forms), not
from the code's regexes: edge values either side of each bound, each JSON
type in each field, and the forms other languages' libraries produce (Go's
RFC3339Nano, JavaScript's toISOString, Python's isoformat).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

NOW = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
STAMP = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Case:
    name: str
    raw: str
    valid: bool
    python_only: bool = False  # a rule no JSON Schema can state
    # Python's jsonschema reads "pattern" with Python's re, where "$" also matches before a final
    # newline; the JSON Schema spec (and ajv) use ECMA-262, where it does not.
    python_re_lenient: bool = False


def _ev(kind: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"event_id": str(uuid.uuid4()), "kind": kind, "occurred_at": STAMP, "source": "crm"}
    required: dict[str, dict[str, Any]] = {
        "chat": {"turns": [{"speaker": "customer", "text": "Hello, is anyone there?"}]},
        "email": {"body": "I wrote last week and heard nothing."},
        "call": {},
        "social": {"platform": "x", "author_handle": "@pat", "text": "Still waiting on support"},
        "survey": {"survey_type": "nps", "score": 7},
        "case": {"case_id": "CS-1001", "status": "opened"},
        "account": {"account_id": "AC-77", "status": "updated"},
    }
    return base | required[kind] | fields


def _without(event: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in event.items() if k != key}


def _j(event: Any) -> str:
    return json.dumps(event, ensure_ascii=False)


FULL = {
    "chat": _ev("chat", customer_id="c-1", account_id="a-1", agent_id="ag-1", team="billing", case_id="CS-9",
                language="en", schema_version=1,
                turns=[{"speaker": "customer", "text": "Hi", "ts": STAMP},
                       {"speaker": "bot", "text": "How can I help?", "ts": None},
                       {"speaker": "agent", "text": "Let me look."}]),
    "email": _ev("email", direction="outbound", subject="Re: refund", thread_id="th-1"),
    "call": _ev("call", utterances=[{"speaker": "ivr", "text": "Press 1", "start_s": 0, "end_s": 1.5},
                                    {"speaker": "customer", "text": "Agent!", "start_s": 2, "end_s": 2}],
                wait_seconds=86_400, handle_seconds=0, transfers=100, ivr_used=True, bot_used=False),
    "social": _ev("social", followers=10_000_000_000, url="https://example.org/p/1", public=False,
                  brand_reply=True, in_reply_to="post-1"),
    "survey": _ev("survey", survey_type="ces", score=7, comment="Took ages"),
    "case": _ev("case", priority="urgent", subject="Router", contact_channel="other"),
    "account": _ev("account", status="closed", monthly_value=1e9, currency="EUR", plan="pro",
                   close_reason="service"),
}


def _valid() -> list[Case]:
    cases = [Case(f"minimal {k}", _j(_ev(k)), True) for k in FULL]
    cases += [Case(f"every field {k}", _j(e), True) for k, e in FULL.items()]
    for kind, low, high in (("nps", 0, 10), ("csat", 1, 5), ("ces", 1, 7)):
        cases += [Case(f"{kind} {s}", _j(_ev("survey", survey_type=kind, score=s)), True) for s in (low, high)]
    cases += [
        Case("score 9.0 is the integer 9", '{"score": 9.0, ' + _j(_without(_ev("survey"), "score"))[1:], True),
        Case("schema_version 1.0", _j(_ev("chat")).replace('"kind"', '"schema_version": 1.0, "kind"'), True),
        Case("uppercase UUID", _j(_ev("chat", event_id=str(uuid.uuid4()).upper())), True),
        Case("Go RFC3339Nano", _j(_ev("chat", occurred_at=NOW.strftime("%Y-%m-%dT%H:%M:%S.123456789Z"))), True),
        Case("JavaScript toISOString", _j(_ev("chat", occurred_at=NOW.strftime("%Y-%m-%dT%H:%M:%S.120Z"))), True),
        Case("Python isoformat with offset", _j(_ev("chat", occurred_at=NOW.isoformat())), True),
        Case("one fraction digit", _j(_ev("chat", occurred_at=NOW.strftime("%Y-%m-%dT%H:%M:%S.5Z"))), True),
        Case("offset +05:30", _j(_ev("chat", occurred_at=NOW.astimezone().strftime("%Y-%m-%dT%H:%M:%S+05:30"))),
             True),
        Case("offset -08:00", _j(_ev("chat", occurred_at="2024-06-01T04:00:00-08:00")), True),
        Case("first instant of 2000", _j(_ev("chat", occurred_at="2000-01-01T00:00:00Z")), True),
        Case("year 2000 local, 1999 in UTC", _j(_ev("chat", occurred_at="2000-01-01T00:30:00+01:00")), True),
        Case("leap day", _j(_ev("chat", occurred_at="2024-02-29T12:00:00Z")), True),
        Case("id with every punctuation allowed", _j(_ev("chat", customer_id="a.b_c:d@e/f+g-h")), True),
        Case("id of 128 characters", _j(_ev("chat", customer_id="x" * 128)), True),
        Case("optional ids null", _j(_ev("chat", customer_id=None, account_id=None, team=None)), True),
        Case("language pt-BR", _j(_ev("chat", language="pt-BR")), True),
        Case("language zh-Hant-TW", _j(_ev("chat", language="zh-Hant-TW")), True),
        Case("non-ASCII text", _j(_ev("email", body="Dóra Kovács: где мой заказ? 我的包裹 🙃")), True),
        Case("escaped NUL in text", _j(_ev("email", body="a\u0000b")), True),
        Case("text of 100,000 characters", _j(_ev("email", body="é" * 100_000)), True),
        Case("empty survey comment", _j(_ev("survey", comment="")), True),
        Case("2,000 turns", _j(_ev("chat", turns=[{"speaker": "customer", "text": "hi"}] * 2000)), True),
        Case("utterance at the day's end", _j(_ev("call", utterances=[
            {"speaker": "agent", "text": "bye", "start_s": 86_399.5, "end_s": 86_400}])), True),
        Case("integer seconds", _j(_ev("call", wait_seconds=30, handle_seconds=600)), True),
        Case("followers 0", _j(_ev("social", followers=0)), True),
        Case("monthly value 0", _j(_ev("account", monthly_value=0)), True),
        Case("monthly value with cents", _j(_ev("account", monthly_value=49.99)), True),
        Case("pretty-printed", json.dumps(_ev("case"), indent=2), True),
        Case("keys in another order", _j(dict(reversed(list(_ev("case").items())))), True),
    ]
    cases += [Case(f"platform {p}", _j(_ev("social", platform=p)), True)
              for p in ("facebook", "instagram", "linkedin", "reddit", "tiktok", "trustpilot", "youtube", "other")]
    cases += [Case(f"case {s}", _j(_ev("case", status=s)), True)
              for s in ("assigned", "resolved", "reopened", "closed")]
    cases += [Case(f"account {s}", _j(_ev("account", status=s)), True) for s in ("opened", "closed")]
    return cases


def _bad(name: str, event: Any) -> Case:
    return Case(name, event if isinstance(event, str) else _j(event), False)


def _invalid_types() -> list[Case]:
    s = _ev("survey")
    return [
        _bad("score as a string", s | {"score": "9"}),
        _bad("score true", s | {"score": True}),
        _bad("score false", s | {"score": False}),
        _bad("score 9.5", s | {"score": 9.5}),
        _bad("score null", s | {"score": None}),
        _bad("score as a list", s | {"score": [9]}),
        _bad("public 'yes'", _ev("social", public="yes")),
        _bad("public 1", _ev("social", public=1)),
        _bad("ivr_used 'true'", _ev("call", ivr_used="true")),
        _bad("brand_reply null", _ev("social", brand_reply=None)),
        _bad("transfers '2'", _ev("call", transfers="2")),
        _bad("transfers 2.5", _ev("call", transfers=2.5)),
        _bad("transfers true", _ev("call", transfers=True)),
        _bad("wait as a string", _ev("call", wait_seconds="30")),
        _bad("wait true", _ev("call", wait_seconds=True)),
        _bad("end_s 'inf'", _ev("call", utterances=[{"speaker": "agent", "text": "x", "start_s": 0,
                                                    "end_s": "inf"}])),
        _bad("end_s 'NaN'", _ev("call", utterances=[{"speaker": "agent", "text": "x", "start_s": 0,
                                                    "end_s": "NaN"}])),
        _bad("followers '12'", _ev("social", followers="12")),
        _bad("followers 1.5", _ev("social", followers=1.5)),
        _bad("monthly value '100'", _ev("account", monthly_value="100")),
        _bad("schema_version '1'", _ev("chat", schema_version="1")),
        _bad("schema_version true", _ev("chat", schema_version=True)),
        _bad("schema_version 2", _ev("chat", schema_version=2)),
        _bad("text as a number", _ev("email", body=42)),
        _bad("turn text null", _ev("chat", turns=[{"speaker": "customer", "text": None}])),
        _bad("turns as an object", _ev("chat", turns={"speaker": "customer", "text": "x"})),
        _bad("source as a number", _ev("chat", source=7)),
        _bad("customer_id as a number", _ev("chat", customer_id=12345)),
        _bad("kind null", _ev("chat") | {"kind": None}),
        _bad("kind 1", _ev("chat") | {"kind": 1}),
        _bad("kind 'Chat'", _ev("chat") | {"kind": "Chat"}),
        _bad("unknown kind", _ev("chat") | {"kind": "fax"}),
        _bad("missing kind", _without(_ev("chat"), "kind")),
        _bad("subject as a list", _ev("email", subject=["x"])),
    ]


def _invalid_ranges() -> list[Case]:
    s = _ev("survey")
    cases = [_bad(f"{kind} {score}", s | {"survey_type": kind, "score": score})
             for kind, score in (("nps", 11), ("nps", -1), ("csat", 0), ("csat", 6), ("ces", 0), ("ces", 8))]
    utt = {"speaker": "agent", "text": "x", "start_s": 0, "end_s": 1}
    return [
        *cases,
        _bad("survey type 'ces7'", s | {"survey_type": "ces7"}),
        _bad("end_s 1e300", _ev("call", utterances=[utt | {"end_s": 1e300}])),
        _bad("end_s past a day", _ev("call", utterances=[utt | {"end_s": 86_400.5}])),
        _bad("start_s negative", _ev("call", utterances=[utt | {"start_s": -1}])),
        _bad("wait past a day", _ev("call", wait_seconds=86_401)),
        _bad("handle negative", _ev("call", handle_seconds=-0.5)),
        _bad("transfers 101", _ev("call", transfers=101)),
        _bad("transfers -1", _ev("call", transfers=-1)),
        _bad("followers -1", _ev("social", followers=-1)),
        _bad("followers past the bound", _ev("social", followers=10_000_000_001)),
        _bad("followers 1e30", '{"followers": 1000000000000000000000000000000, ' + _j(_ev("social"))[1:]),
        _bad("monthly value 1e10", _ev("account", monthly_value=1e10)),
        _bad("monthly value negative", _ev("account", monthly_value=-1)),
        _bad("number 1e400", '{"monthly_value": 1e400, ' + _j(_ev("account"))[1:]),
        _bad("no turns", _ev("chat", turns=[])),
        _bad("2,001 turns", _ev("chat", turns=[{"speaker": "customer", "text": "hi"}] * 2001)),
        _bad("2,001 utterances", _ev("call", utterances=[utt] * 2001)),
        _bad("text of 100,001 characters", _ev("email", body="a" * 100_001)),
        _bad("subject of 1,001 characters", _ev("email", subject="s" * 1001)),
        _bad("case subject of 1,001 characters", _ev("case", subject="s" * 1001)),
        _bad("url of 2,049 characters", _ev("social", url="u" * 2049)),
        _bad("empty author handle", _ev("social", author_handle="")),
        _bad("author handle of 101 characters", _ev("social", author_handle="h" * 101)),
    ]


def _invalid_forms() -> list[Case]:
    c = _ev("chat")
    u = str(uuid.uuid4())
    times = {
        "epoch seconds": int(NOW.timestamp()), "epoch seconds as text": str(int(NOW.timestamp())),
        "epoch milliseconds": int(NOW.timestamp() * 1000), "date only": NOW.strftime("%Y-%m-%d"),
        "no offset": NOW.strftime("%Y-%m-%dT%H:%M:%S"), "space for T": NOW.strftime("%Y-%m-%d %H:%M:%SZ"),
        "lowercase t and z": NOW.strftime("%Y-%m-%dt%H:%M:%Sz"), "year 1999": "1999-12-31T23:59:59Z",
        "year 1990": "1990-06-01T00:00:00Z", "year 1970": "1970-01-01T00:00:00Z",
        "February 30": "2024-02-30T10:00:00Z", "February 29 of 2023": "2023-02-29T10:00:00Z",
        "April 31": "2024-04-31T10:00:00Z", "month 13": "2024-13-01T00:00:00Z", "hour 24": "2024-01-01T24:00:00Z",
        "minute 60": "2024-01-01T10:60:00Z", "leap second": "2016-12-31T23:59:60Z",
        "offset +24:00": "2024-01-01T10:00:00+24:00", "offset without colon": "2024-01-01T10:00:00+0100",
        "ten fraction digits": "2024-01-01T10:00:00.1234567890Z", "empty fraction": "2024-01-01T10:00:00.Z",
        "no seconds": "2024-01-01T10:00Z", "empty": "", "week date": "2024-W01-1T10:00:00Z",
        "Arabic-Indic digits": "٢٠٢٤-01-01T10:00:00Z", "RFC 2822": "Mon, 01 Jan 2024 10:00:00 +0000",
        "null": None,
    }
    cases = [_bad(f"occurred_at {name}", c | {"occurred_at": value}) for name, value in times.items()]
    cases.append(_bad("turn ts without offset", _ev("chat", turns=[{"speaker": "customer", "text": "x",
                                                                   "ts": "2024-01-01T10:00:00"}])))
    ids = {"hyphenless": u.replace("-", ""), "braced": "{" + u + "}", "urn": "urn:uuid:" + u,
           "short": u[:-1], "non-hex": "g" + u[1:], "number": 12345, "empty": "", "spaces": " " + u,
           "SQL": "1'; DROP TABLE events; --"}
    cases += [_bad(f"event_id {name}", c | {"event_id": value}) for name, value in ids.items()]
    bad_ids = {"e with acute": "cust-é", "sharp s": "straße", "Arabic-Indic digits": "١٢٣",
               "fullwidth letters": "ｃｕｓｔ", "space": "cust 1",  # noqa: RUF001 - the point of the case "empty": "", "129 characters": "x" * 129,
               "quote": "x'y", "semicolon": "a;b", "newline": "a\nb", "Devanagari digit": "cust-५"}
    cases += [_bad(f"customer_id {name}", c | {"customer_id": value}) for name, value in bad_ids.items()]
    cases.append(Case("customer_id with a trailing newline", _j(c | {"customer_id": "cust-1\n"}), False,
                      python_re_lenient=True))
    cases += [
        _bad("source non-ASCII", c | {"source": "zéndesk"}),
        _bad("team with a space", c | {"team": "tier 1"}),
        _bad("case_id missing", _without(_ev("case"), "case_id")),
        _bad("account_id null", _ev("account", account_id=None)),
        _bad("language 'english'", c | {"language": "english"}),
        _bad("language 'e'", c | {"language": "e"}),
        _bad("language with underscore", c | {"language": "pt_BR"}),
        _bad("currency 'usd'", _ev("account", currency="usd")),
        _bad("currency 'EURO'", _ev("account", currency="EURO")),
        _bad("platform 'myspace'", _ev("social", platform="myspace")),
        _bad("speaker 'robot'", _ev("chat", turns=[{"speaker": "robot", "text": "x"}])),
        _bad("ivr speaker in a chat", _ev("chat", turns=[{"speaker": "ivr", "text": "x"}])),
        _bad("status 'pending'", _ev("case", status="pending")),
        _bad("priority 'p1'", _ev("case", priority="p1")),
        _bad("direction 'in'", _ev("email", direction="in")),
        _bad("close reason 'angry'", _ev("account", status="closed", close_reason="angry")),
        _bad("unknown field", c | {"favourite_colour": "blue"}),
        _bad("unknown field in a turn", _ev("chat", turns=[{"speaker": "customer", "text": "x", "mood": 1}])),
        _bad("unknown field in an utterance", _ev("call", utterances=[
            {"speaker": "agent", "text": "x", "start_s": 0, "end_s": 1, "channel": 2}])),
        _bad("field of another kind", _ev("chat", body="hello")),
        _bad("missing event_id", _without(c, "event_id")),
        _bad("missing occurred_at", _without(c, "occurred_at")),
        _bad("missing source", _without(c, "source")),
        _bad("missing turns", _without(c, "turns")),
        _bad("missing body", _without(_ev("email"), "body")),
        _bad("missing score", _without(_ev("survey"), "score")),
        _bad("missing survey_type", _without(_ev("survey"), "survey_type")),
        _bad("missing platform", _without(_ev("social"), "platform")),
        _bad("missing status", _without(_ev("account"), "status")),
        _bad("utterance missing end_s", _ev("call", utterances=[{"speaker": "agent", "text": "x",
                                                                 "start_s": 0}])),
    ]
    return cases


def _not_events() -> list[Case]:
    return [
        _bad("an array", "[1, 2]"), _bad("a string", '"chat"'), _bad("a number", "42"),
        _bad("null", "null"), _bad("true", "true"), _bad("empty object", "{}"),
        _bad("truncated", _j(_ev("chat"))[:-3]), _bad("trailing comma", _j(_ev("chat"))[:-1] + ",}"),
        _bad("NaN literal", '{"wait_seconds": NaN, ' + _j(_ev("call"))[1:]),
        _bad("Infinity literal", '{"wait_seconds": Infinity, ' + _j(_ev("call"))[1:]),
        _bad("single quotes", _j(_ev("chat")).replace('"', "'")),
        _bad("two objects", _j(_ev("chat")) + _j(_ev("chat"))),
    ]


def _python_only() -> list[Case]:
    soon = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [
        Case("end_s before start_s", _j(_ev("call", utterances=[
            {"speaker": "agent", "text": "x", "start_s": 5, "end_s": 1}])), False, python_only=True),
        Case("three days ahead", _j(_ev("chat", occurred_at=soon)), False, python_only=True),
        Case("year 2099", _j(_ev("chat", occurred_at="2099-01-01T00:00:00Z")), False, python_only=True),
        Case("turn ts in 2999", _j(_ev("chat", turns=[{"speaker": "customer", "text": "x",
                                                        "ts": "2999-01-01T00:00:00Z"}])), False, python_only=True),
        Case("unpaired surrogate escape", _j(_ev("email", body="x")).replace('"x"', '"\\ud800"'), False,
             python_only=True),
    ]


def corpus() -> list[Case]:
    """Every case, with fresh event ids."""
    return _valid() + _invalid_types() + _invalid_ranges() + _invalid_forms() + _not_events() + _python_only()
