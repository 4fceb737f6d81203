"""Profile a worker draining a backlog with py-spy (all threads, native frames off).

Run: ``python -m streams.bench.profile --events 6000 --seconds 20``. Prints the
functions that take the most samples (inclusive), grouped by thread, so the
docs can say where the time goes (docs/performance.md).
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
from pathlib import Path

from streams.bench.kafka_io import publish
from streams.bench.stack import BenchStack
from streams.bench.traffic import bench_events

WATCH = ("onnx_backend.py:_run", "tokenizer.py", "language.py:detect_language", "redactor.py:redact_many",
         "text.py:latest_reply", "text.py:clean", "writer.py:write_batch", "rows.py:event_row",
         "rows.py:enriched_json", "decode.py:decode", "outputs.py:enriched", "chunking.py",
         "classifier.py:classify", "enrichment.py:enrich", "_chdbclient", "aiokafka", "faust")


def summarize(raw: Path, top: int = 25) -> list[tuple[str, float]]:
    stacks = collections.Counter[str]()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        stacks[stack] += int(count)
    total = sum(stacks.values()) or 1
    hits = collections.Counter[str]()
    for stack, n in stacks.items():
        for key in {k for k in WATCH if k.split(":")[-1] in stack and k.split(":")[0] in stack}:
            hits[key] += n
    return [(k, round(100 * n / total, 1)) for k, n in hits.most_common(top)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=6000)
    ap.add_argument("--seconds", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cxprof-") as home:
        stack = BenchStack(Path(home))
        stack.start()
        try:
            settings, env = stack.scenario("prof")
            publish(settings, bench_events(args.events))
            worker = stack.worker(env, 0).start()
            raw = Path(home) / "profile.txt"
            subprocess.run([str(Path(sys.executable).with_name("py-spy")), "record", "-p", str(worker.pid),
                            "-d", str(args.seconds), "-r", "50", "-f", "raw", "-o", str(raw)],
                           check=True, capture_output=True)
            worker.stop()
            for name, share in summarize(raw):
                print(f"{share:6.1f}%  {name}")
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
