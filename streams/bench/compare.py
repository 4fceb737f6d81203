"""A/B one change in one run: baseline and candidate workers drain the same backlog.

Example::

    cxpulse bench-compare --baseline HEAD~1            # code change
    cxpulse bench-compare --env CXPULSE_BATCH_SIZE=1024  # setting change

The baseline worker runs from a git worktree of ``--baseline`` (default: this
working tree, so only ``--env`` differs); the candidate from this working tree
with ``--env`` added. Runs alternate A B B A ..., so drift on a noisy machine
(page cache, broker segments, other load) falls on both sides; the model-only
figure of the same run turns each into the ``full / model`` ratio of the issue.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from streams.bench import scenarios
from streams.bench.stack import BenchStack
from streams.bench.traffic import bench_events


@contextmanager
def checkout(rev: str | None) -> Iterator[Path | None]:
    """A throwaway worktree of ``rev`` (None: this working tree)."""
    if rev is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="cxbase-") as tmp:
        path = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(path), rev], check=True)
        try:
            yield path
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(path)], check=True)


def order(rounds: int) -> list[str]:
    """A B B A A B ...: each side goes first equally often."""
    return [side for i in range(rounds) for side in (("A", "B") if i % 2 == 0 else ("B", "A"))]


def compare(events: int, rounds: int, baseline: str | None, env: dict[str, str],
            constant: bool = False, log=print) -> dict[str, Any]:
    traffic = bench_events(events)
    runs: dict[str, list[float]] = {"A": [], "B": []}
    model = scenarios.model_only(traffic)["events_per_s"]
    with checkout(baseline) as code, tempfile.TemporaryDirectory(prefix="cxab-") as home:
        stack = BenchStack(Path(home))
        stack.start()
        try:
            for side in order(rounds):
                r = scenarios.drain(stack, traffic, constant=constant, code=code if side == "A" else None,
                                    env_extra=env if side == "B" else None)
                runs[side].append(r["events_per_s"])
                log(f"{side}: {r['events_per_s']} events/s")
        finally:
            stack.stop()
    a, b = statistics.median(runs["A"]), statistics.median(runs["B"])
    return {"model_only": model, "baseline": runs["A"], "candidate": runs["B"],
            "baseline_over_model": round(a / model, 2), "candidate_over_model": round(b / model, 2),
            "candidate_over_baseline": round(b / a, 2)}
