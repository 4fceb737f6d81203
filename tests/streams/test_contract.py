import orjson
import pytest

from streams.contract import InvalidEvent, parse_event, validate_event
from streams.contract.schema import SCHEMA_DIR, render_all
from tests import factories as f


@pytest.mark.parametrize("kind", list(f.ALL))
def test_every_kind_validates(kind: str) -> None:
    event = validate_event(f.ALL[kind]())
    assert event.kind == kind and event.schema_version == 1


@pytest.mark.parametrize(("data", "reason", "where"), [
    (f.survey(score=11), "schema_violation", "score: Input should be less than or equal to 10"),
    (f.survey(kind="csat", score=0), "schema_violation", "csat score must be 1..5"),
    (f.chat(occurred_at="2999-01-01T00:00:00Z"), "schema_violation", "more than a day in the future"),
    (f.chat(occurred_at="1970-01-01T00:00:00Z"), "schema_violation", "RFC 3339"),
    (f.chat(occurred_at="2026-01-01T00:00:00"), "schema_violation", "an offset"),
    (f.chat(event_id="not-a-uuid"), "schema_violation", "event_id"),
    (f.chat(surprise=1), "schema_violation", "surprise: is not a field of this kind of event"),
    (f.envelope("fax"), "unknown_kind", "kind: must be one of chat"),
    ({"event_id": "x"}, "unknown_kind", "kind"),
    (f.chat(turns=[]), "schema_violation", "turns"),
    (f.call(utterances=[{"speaker": "customer", "text": "x", "start_s": 5, "end_s": 1}]),
     "schema_violation", "end_s is before start_s"),
    (f.chat(customer_id="a b; DROP TABLE events"), "schema_violation", "customer_id"),
])
def test_invalid_events_say_why(data: dict, reason: str, where: str) -> None:
    with pytest.raises(InvalidEvent) as err:
        validate_event(data)
    assert err.value.reason == reason and where in err.value.detail


@pytest.mark.parametrize(("raw", "reason"), [
    (b"{", "malformed_json"), (b"\xff\xfe", "malformed_json"), (b"[1, 2]", "not_an_object"),
    (b"null", "not_an_object"),
])
def test_undecodable_bytes(raw: bytes, reason: str) -> None:
    with pytest.raises(InvalidEvent) as err:
        parse_event(raw)
    assert err.value.reason == reason


def test_errors_never_echo_input_values() -> None:
    secret = "jane.doe@example.com"
    with pytest.raises(InvalidEvent) as err:
        parse_event(orjson.dumps(f.survey(score=99, comment=secret) | {"extra": secret}))
    assert secret not in str(err.value)


def test_too_many_turns_is_rejected() -> None:
    turns = [{"speaker": "customer", "text": "hi"}] * 10_000
    with pytest.raises(InvalidEvent, match="turns"):
        validate_event(f.chat() | {"turns": turns})


def test_checked_in_json_schemas_are_current() -> None:
    for name, text in render_all().items():
        assert (SCHEMA_DIR / name).read_text() == text, f"{name} is stale: run cxpulse schema export"


def test_json_schema_matches_models_on_examples() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = orjson.loads((SCHEMA_DIR / "event.v1.json").read_bytes())
    for build in f.ALL.values():
        jsonschema.validate(build(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(f.survey() | {"surprise": 1}, schema)
