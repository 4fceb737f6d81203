from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import orjson

from processors.friction import FrictionHit
from processors.rollup import Fact
from processors.topics import TopicMatch
from sinks.clickhouse.rows import enriched_json
from streams.enriched import EnrichedEvent
from streams.live.headers import OCCURRED_MS, REPLAY, SOURCE, enriched_headers, header
from streams.live.minute import apply, apply_all, fact_from_json, window_groups
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


def doc(item: object) -> dict:
    return orjson.loads(enriched_json(item))  # type: ignore[arg-type]


def test_apply_accumulates_and_skips_offsets_already_applied() -> None:
    angry = doc(enriched(f.chat("this is useless, I am furious", account_id="acct-1"), score=-0.9))
    first = apply(None, "chat", angry, 120_500, 10)
    second = apply(first, "chat", angry, 121_000, 11)
    assert second is not None and second["stats"]["contacts"] == 2 and second["offset"] == 11
    assert second["minute"] == 120 and second["last_ms"] == 121_000
    assert second["accounts"] == {"acct-1": 2} and len(second["examples"]) == 2
    assert apply(second, "chat", angry, 121_000, 11) is None and apply(second, "chat", angry, 121_000, 3) is None


def test_apply_counts_survey_scores_and_ignores_cases() -> None:
    detractor = doc(enriched(f.survey("nps", score=3)))
    value = apply(None, "survey", detractor, 60_000, 1)
    assert value is not None and value["surveys"] == {"nps": 1, "nps_detractor": 1}
    assert value["stats"]["contacts"] == 0
    assert apply(None, "case", doc(enriched(f.case())), 60_000, 1) is None


def test_headers_carry_event_time_and_replay_mark() -> None:
    item = enriched(f.chat())
    fresh, replay = enriched_headers(item, False), enriched_headers(item, True)
    assert header(fresh, OCCURRED_MS) == str(int(item.event.occurred_at.timestamp() * 1000)).encode()
    assert header(fresh, REPLAY) is None and header(replay, REPLAY) == b"1"
    assert header(fresh, SOURCE) == str(item.origin.partition).encode()


def test_apply_all_folds_a_group_once_and_skips_applied_offsets() -> None:
    angry = doc(enriched(f.chat("this is useless", account_id="acct-1"), score=-0.9))
    one_by_one = apply(apply(None, "chat", angry, 120_500, 10), "chat", angry, 121_000, 11)
    folded = apply_all(None, "chat", [(angry, 120_500, 10, "0"), (angry, 121_000, 11, "1")])
    assert {**folded, "parts": {}} == one_by_one  # type: ignore[dict-item]
    assert folded is not None and folded["parts"] == {"0": 120_500, "1": 121_000}
    again = apply_all(folded, "chat", [(angry, 121_000, 11, "1"), (angry, 121_500, 12, "0")])
    assert again is not None and again["stats"]["contacts"] == 3 and again["offset"] == 12
    assert apply_all(again, "chat", [(angry, 121_000, 12, "0")]) is None


@dataclass
class _Message:  # the fields of a Kafka message the agent reads
    key: bytes
    headers: list[tuple[str, bytes]]
    offset: int


@dataclass
class _Event:
    message: _Message
    value: bytes


def _on_topic(item: EnrichedEvent, offset: int, replayed: bool = False) -> _Event:
    return _Event(_Message(item.event.kind.encode(), enriched_headers(item, replayed), offset), enriched_json(item))


def test_window_groups_by_kind_and_minute_without_replays_or_cases() -> None:
    at = datetime(2026, 1, 1, 12, 0, 30, tzinfo=UTC)
    chats = [enriched(f.chat("slow", occurred_at=at + timedelta(seconds=s))) for s in (0, 20, 40)]
    events = [_on_topic(chats[0], 1), _on_topic(enriched(f.case()), 2), _on_topic(chats[1], 3, replayed=True),
              _on_topic(chats[2], 4)]
    groups = window_groups(events)
    assert [(kind, [o for _, _, o, _ in items]) for _, kind, items in groups] == [("chat", [1]), ("chat", [4])]
    assert {part for _, _, items in groups for *_, part in items} == {str(chats[0].origin.partition)}
    assert [last.message.offset for last, _, _ in groups] == [1, 4]
