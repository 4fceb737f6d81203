"""HTTP ingest rules: auth, limits, all-or-nothing batches."""

import asyncio

import orjson
import pytest
from pydantic import SecretStr

from streams.settings import Settings
from streams.web.auth import check_bearer
from streams.web.ingest import ingest, split_lines
from tests import factories as f


def settings(**kw) -> Settings:
    return Settings(ingest_token=SecretStr("t0ken"), **kw)


def call(body: bytes, **kw):
    sent: list = []

    async def publish(events):
        sent.extend(events)

    async def dead_letter(rejections):
        sent.extend(rejections)

    return asyncio.run(ingest(settings(**kw), body, publish, dead_letter)), sent


def test_rejected_lines_are_recorded_before_the_answer_and_a_failed_record_is_503() -> None:
    reply, sent = call(orjson.dumps(f.email()) + b"\n" + orjson.dumps(f.survey(score=99)))
    assert reply.status == 400 and [r.reason for r in sent] == ["schema_violation"]

    async def publish(events):
        raise AssertionError("nothing is published from a rejected batch")

    async def broken(rejections):
        raise ConnectionError("broker down")

    body = orjson.dumps(f.survey(score=99))
    assert asyncio.run(ingest(settings(), body, publish, broken)).status == 503


@pytest.mark.parametrize(("header", "status"), [
    (None, 401), ("Bearer nope", 401), ("Basic t0ken", 401), ("Bearer t0ken", None), ("bearer t0ken", None)])
def test_bearer_token(header: str | None, status: int | None) -> None:
    denied = check_bearer(settings(), header)
    assert (denied[0] if denied else None) == status


def test_no_token_configured_means_ingest_is_off_unless_explicitly_disabled() -> None:
    assert check_bearer(Settings(), "Bearer x")[0] == 503  # type: ignore[index]
    assert check_bearer(Settings(ingest_auth_disabled=True), None) is None


def test_ndjson_batch_is_accepted_with_ids() -> None:
    events = [f.chat(), f.survey(), f.case()]
    reply, sent = call(b"\n".join(orjson.dumps(e) for e in events) + b"\n")
    assert reply.status == 202 and reply.body["accepted"] == [e["event_id"] for e in events]
    assert [e.kind for e, _ in sent] == ["chat", "survey", "case"]


def test_single_pretty_printed_event() -> None:
    reply, sent = call(orjson.dumps(f.email(), option=orjson.OPT_INDENT_2))
    assert reply.status == 202 and len(sent) == 1


def test_one_bad_line_rejects_the_batch_with_per_line_errors() -> None:
    body = orjson.dumps(f.chat()) + b"\n{oops\n" + orjson.dumps(f.survey(score=42))
    reply, sent = call(body)
    assert reply.status == 400 and [r.record.origin.offset for r in sent] == [2, 3]  # dead letters only
    assert [(e["line"], e["reason"]) for e in reply.body["errors"]] == [
        (2, "malformed_json"), (3, "schema_violation")]


def test_batch_count_limit_and_empty_body() -> None:
    body = b"\n".join(orjson.dumps(f.case()) for _ in range(5))
    assert call(body, ingest_max_events=4)[0].status == 413
    assert call(b"  \n")[0].status == 400


def test_split_lines_numbers_lines_and_skips_blanks() -> None:
    assert split_lines(b"a\n\nb\n") == [(1, b"a"), (3, b"b")]


def test_rate_limit_is_per_token_and_says_when_to_retry() -> None:
    from streams.web.rate_limit import RateLimit, caller_of
    limit = RateLimit("3/minute")
    a, b = caller_of("Bearer token-a", "10.0.0.1"), caller_of("Bearer token-b", "10.0.0.1")
    assert [limit.hit(a) for _ in range(3)] == [0, 0, 0]
    assert 0 < limit.hit(a) <= 60  # the fourth request in the minute: wait this many seconds
    assert limit.hit(b) == 0  # another token has its own budget
    assert "token-a" not in a and caller_of(None, "10.0.0.9") == "addr:10.0.0.9"
