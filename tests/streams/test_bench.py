"""The benchmark harness's own logic (no timings are asserted: benchmarks are scripts)."""

import os
import time
from pathlib import Path

from streams.bench import scenarios
from streams.bench.constant_worker import ConstantBackend
from streams.bench.profile import summarize
from streams.bench.report import ratios
from streams.bench.traffic import bench_events, stamped
from streams.contract import validate_event


def test_bench_traffic_is_valid_mixed_and_fresh() -> None:
    events = bench_events(300)
    assert len(events) == 300 and len({e["event_id"] for e in events}) == 300
    assert {e["kind"] for e in events} >= {"chat", "email", "call", "social", "case"}
    for e in events:
        validate_event(e)
    assert bench_events(5)[0]["event_id"] == bench_events(5)[0]["event_id"]  # seeded


def test_stamped_events_get_new_ids_and_times() -> None:
    from datetime import UTC, datetime

    e = bench_events(1)[0]
    s = stamped(e, datetime(2026, 1, 1, tzinfo=UTC))
    assert s["event_id"] != e["event_id"] and s["occurred_at"] == "2026-01-01T00:00:00.000Z"


def test_model_only_counts_the_texts_the_pipeline_scores() -> None:
    result = scenarios.model_only(bench_events(200))
    assert result["events"] == 200 and 0 < result["texts"] < 2 * 200
    assert result["events_per_s"] > 0 and result["texts_per_s"] > 0


def test_ratios() -> None:
    r = {"model_only": {"events_per_s": 100.0}, "framework": {"events_per_s": 150.0},
         "full": {"events_per_s": 80.0}, "two_workers": {"events_per_s": 88.0},
         "floor_faust": {"events_per_s": 600.0}, "floor_kafka": {"events_per_s": 2400.0}}
    assert ratios(r) == {"full_over_model": 0.8, "framework_over_model": 1.5, "two_workers_over_one": 1.1,
                         "framework_over_faust_floor": 0.25, "faust_floor_over_kafka_floor": 0.25}


def test_per_second_buckets() -> None:
    assert scenarios._per_second([1000, 1500, 2100, 4000]) == [2, 1, 0, 1]


def test_constant_backend_scores_zero() -> None:
    out = ConstantBackend().infer(["a", "b"])
    assert out.probabilities.shape == (2, 2) and float(out.probabilities[0, 1] - out.probabilities[0, 0]) == 0.0
    assert out.vectors is not None and abs(float((out.vectors[0] ** 2).sum()) - 1.0) < 1e-5


def test_profile_summary_counts_inclusive_samples(tmp_path: Path) -> None:
    raw = tmp_path / "p.txt"
    raw.write_text("main;onnx_backend.py:_run 30\nmain;writer.py:write_batch 10\nmain;other 60\n")
    assert dict(summarize(raw)) == {"onnx_backend.py:_run": 30.0, "writer.py:write_batch": 10.0}


def test_cpu_parts_of_this_process() -> None:
    import threading

    from streams.bench.cpu import cpu_by_part, per_event
    from streams.threads import named_pool

    def spin() -> None:
        end = time.process_time() + 0.3
        while time.process_time() < end:
            pass

    pool = named_pool("inference")
    before = cpu_by_part(os.getpid())
    pool.submit(spin).result()
    spent = cpu_by_part(os.getpid())
    spent.subtract(before)
    pool.shutdown()
    assert spent["model"] >= 0.1 and spent["model"] > spent["event_loop"]
    assert threading.current_thread() is threading.main_thread()
    assert per_event(spent, 100)["total"] >= 1.0


def test_a_schedule_of_rates_sends_each_phase_at_its_rate() -> None:
    from streams.bench.pacing import due
    phases = [(10.0, 5.0), (2.0, 100.0), (10.0, 5.0)]
    assert due(phases, 0) == 1 and due(phases, 10) == 51  # 5/s for 10 s
    assert due(phases, 12) == 251 and due(phases, 22) == 301  # the burst, then 5/s again
    assert due(phases, 100) == 301  # the schedule is over
