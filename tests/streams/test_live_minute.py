from dataclasses import replace

from processors.friction import FrictionHit
from processors.rollup import Fact
from processors.topics import TopicMatch
from sinks.clickhouse.rows import enriched_json
from streams.live.headers import OCCURRED_MS, REPLAY, enriched_headers, header
from streams.live.minute import apply, fact_from_json
from tests import factories as f
from tests.helpers import enriched


def test_fact_from_an_enriched_message() -> None:
    item = enriched(f.chat("on hold for an hour"), score=-0.8)
    item = replace(item, topics=(TopicMatch("billing", "keyword:bill"),),
                   friction=(FrictionHit("long_wait", "phrase", "on hold for an hour"),))
    fact = fact_from_json(enriched_json(item))
    assert fact == Fact("chat", item.event.team or "", ("billing",), "negative", -0.8, ("long_wait",))


def test_non_contacts_have_no_fact() -> None:
    assert fact_from_json(enriched_json(enriched(f.case()))) is None
    assert fact_from_json(enriched_json(enriched(f.survey(comment="great")))) is None


def test_apply_accumulates_and_skips_offsets_already_applied() -> None:
    fact = Fact("chat", "billing", ("billing",), "negative", -0.5)
    first = apply(None, fact, 10)
    second = apply(first, fact, 11)
    assert second is not None and second["stats"]["contacts"] == 2 and second["offset"] == 11
    assert apply(second, fact, 11) is None and apply(second, fact, 3) is None


def test_headers_carry_event_time_and_replay_mark() -> None:
    item = enriched(f.chat())
    fresh, replay = enriched_headers(item, False), enriched_headers(item, True)
    assert header(fresh, OCCURRED_MS) == str(int(item.event.occurred_at.timestamp() * 1000)).encode()
    assert header(fresh, REPLAY) is None and header(replay, REPLAY) == b"1"
