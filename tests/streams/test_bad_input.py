"""Every corpus case meets its outcome in decoding and in HTTP ingest (tests/bad_input.py)."""

import asyncio
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from streams.dead_letters import Rejection, read_headers
from streams.decode import decode
from streams.enriched import Origin
from streams.records import Record
from streams.settings import Settings
from streams.web.ingest import ingest
from tests.bad_input import ACCEPTED, Case, corpus

CASES = corpus()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_decoding_gives_the_expected_outcome(case: Case) -> None:
    record = Record(case.value, None, Origin(f"cx.{case.kind}", 0, 0), datetime.now(UTC), case.kind)
    result = decode(record, 1_048_576)
    outcome = result.reason if isinstance(result, Rejection) else ACCEPTED
    assert outcome == case.outcome
    if isinstance(result, Rejection):  # details name fields, never echo the input
        assert "DROP TABLE" not in result.detail and "\u202e" not in result.detail


@pytest.mark.parametrize("case", [c for c in CASES if c.outcome not in (ACCEPTED, "wrong_topic")],
                         ids=[c.name for c in CASES if c.outcome not in (ACCEPTED, "wrong_topic")])
def test_http_rejects_the_batch_naming_the_bad_line_and_its_reason(case: Case) -> None:
    sent: list = []
    dead: list = []

    async def publish(events):
        sent.extend(events)

    async def dead_letter(rejections):
        dead.extend(rejections)

    good = CASES[-1].value  # an accepted event before the bad line
    reply = asyncio.run(ingest(Settings(ingest_token=SecretStr("t")), good + b"\n" + case.value, publish,
                               dead_letter))
    assert reply.status == 400 and not sent
    assert [(e["line"], e["reason"]) for e in reply.body["errors"]] == [(2, case.outcome)]
    [kept] = dead  # the bad line is kept, as on the Kafka path
    headers = read_headers(kept.headers())
    assert kept.record.value == case.value
    assert (headers["cx-dlq-origin"], headers["cx-dlq-reason"], headers["cx-dlq-offset"]) == ("http", case.outcome, "2")
