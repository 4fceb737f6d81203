"""Property-based: no input crashes decoding; every input is accepted or rejected with a reason."""

from datetime import UTC, datetime

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.dead_letters import Rejection
from streams.decode import decode
from streams.enriched import Origin
from streams.enrichment import Incoming
from streams.records import Record
from tests import factories as f

REASONS = {"malformed_json", "not_an_object", "unknown_kind", "schema_violation", "wrong_topic", "too_large"}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False)
    | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30)


def rec(value: bytes, kind: str | None = "chat") -> Record:
    return Record(value, None, Origin("cx.chat", 0, 0), datetime.now(UTC), kind)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    result = decode(rec(raw), 1_000_000)
    assert isinstance(result, Rejection) and result.reason in REASONS


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_json_is_rejected_with_a_reason(value: object) -> None:
    result = decode(rec(orjson.dumps(value)), 1_000_000)
    assert isinstance(result, Rejection) and result.reason in REASONS


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(f.ALL)), st.sampled_from(
    ["event_id", "occurred_at", "source", "customer_id", "kind", "score", "turns", "body", "text"]),
    json_values)
def test_a_corrupted_field_is_accepted_or_rejected_never_raised(kind: str, field: str, value: object) -> None:
    event = f.ALL[kind]() | {field: value}
    result = decode(rec(orjson.dumps(event), None), 1_000_000)
    assert isinstance(result, Incoming) or result.reason in REASONS


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_is_a_valid_chat_turn_or_a_clean_rejection(text: str) -> None:
    result = decode(rec(orjson.dumps(f.chat(text))), 1_000_000)
    assert isinstance(result, Incoming | Rejection)


def test_numbers_beyond_64_bits_are_rejected() -> None:
    result = decode(rec(b'{"kind": "survey", "score": 123456789012345678901234567890}'), 1_000_000)
    assert isinstance(result, Rejection) and result.reason in REASONS


def test_deeply_nested_json_is_rejected() -> None:
    deep = b"[" * 5000 + b"]" * 5000
    result = decode(rec(deep), 1_000_000)
    assert isinstance(result, Rejection) and result.reason == "malformed_json"
