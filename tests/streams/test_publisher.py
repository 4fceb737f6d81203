"""Partition keys: the same for a raw dict and the validated event."""

from streams.bench.traffic import bench_events
from streams.contract import validate_event
from streams.publisher import key_of


def test_raw_and_validated_events_get_the_same_key() -> None:
    events = bench_events(2000)
    keyless = [e for e in events if not e.get("customer_id")]
    assert keyless, "the mix has events without a customer (accounts)"
    for e in events:
        assert key_of(e) == key_of(validate_event(e))
    assert {key_of(e) for e in keyless} == {e["event_id"].encode() for e in keyless}
