"""The agent under Faust's test_context: real model, real embedded ClickHouse.

Only the producer seam is replaced (``RecordingOutputs``), since test_context
runs without a broker; tests/integration covers the real topics. One actor:
test_context gives each actor every value put, while on a real topic the
actors share one queue (each event once, checked by the integration tests).
"""

import asyncio

import orjson

from sinks.clickhouse.client import connect
from streams.app import create_app
from streams.settings import Settings
from tests import factories as f
from tests.streams.conftest import RecordingOutputs


async def _drive(settings: Settings, outputs: RecordingOutputs, values: list[bytes]) -> None:
    app = create_app(settings, outputs=outputs)
    app.finalize()
    app.conf.store = "memory://"  # type: ignore[assignment]  # the setting parses a URL string
    async with app.agents["cx-process"].test_context() as agent:
        for value in values:
            await agent.put(value, key=b"cust-1")
        for _ in range(300):
            if len(outputs.enriched_items) + len(outputs.dead) >= len(values):
                break
            await asyncio.sleep(0.1)


def test_agent_stores_valid_events_and_dead_letters_the_rest(chdb_dsn: str) -> None:
    outputs = RecordingOutputs()
    settings = Settings(clickhouse_dsn=chdb_dsn, batch_within_seconds=0.1, agent_concurrency=1)
    events = [f.chat(), f.survey(), f.call()]
    values = [orjson.dumps(e) for e in events] + [b"{oops", orjson.dumps(f.survey(score=99))]
    asyncio.run(_drive(settings, outputs, values))
    assert sorted(i.event_id for i in outputs.enriched_items) == sorted(e["event_id"] for e in events)
    assert sorted(d.reason for d in outputs.dead) == ["malformed_json", "schema_violation"]
    ids = [e["event_id"] for e in events]
    rows = connect(chdb_dsn).query("SELECT count() FROM events WHERE event_id IN {ids:Array(UUID)}",
                                   parameters={"ids": ids}).result_rows
    assert rows == [(3,)]


def test_a_failing_batch_is_retried_not_acked(chdb_dsn: str) -> None:
    """If publishing fails, the agent retries the batch instead of letting
    take_events ack events that were never stored."""

    class FlakyOutputs(RecordingOutputs):
        failures = 2

        async def enriched(self, items, replayed=frozenset()):
            if self.failures:
                self.failures -= 1
                raise ConnectionError("broker unavailable")
            await super().enriched(items, replayed)

    outputs = FlakyOutputs()
    settings = Settings(clickhouse_dsn=chdb_dsn, batch_within_seconds=0.1, agent_concurrency=1)
    event = f.social()
    asyncio.run(_drive(settings, outputs, [orjson.dumps(event)]))
    assert [i.event_id for i in outputs.enriched_items] == [event["event_id"]]
    assert outputs.failures == 0
    rows = connect(chdb_dsn).query("SELECT count() FROM events WHERE event_id = {i:UUID}",
                                   parameters={"i": event["event_id"]}).result_rows
    assert rows == [(1,)]
