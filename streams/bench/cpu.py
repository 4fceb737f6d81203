"""CPU seconds per part of a worker, read from /proc, and per event.

Parts, by OS thread: the event loop (the main thread: Faust, aiokafka,
decoding, publishing), the model (the ``inference`` thread and ONNX Runtime's
threads, which inherit its name: tokenising, language check, redaction,
signals, inference), ClickHouse (the writer thread, which embedded ClickHouse
renames while it runs a query, and embedded ClickHouse's own threads: any
other name) and other Python threads. The broker is its own process. Linux only.

Example::

    before = cpu_by_part(pid)
    ...  # drain a backlog
    spent = cpu_by_part(pid) - before   # Counter of seconds per part
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def part_of(pid: int, tid: int, name: str) -> str:
    if tid == pid:
        return "event_loop"
    if name.startswith("inference"):
        return "model"
    if name.startswith(("python", "asyncio")):
        return "other_python"
    return "clickhouse"


def cpu_by_part(pid: int) -> Counter[str]:
    """CPU seconds (user + system) each part of process ``pid`` has used so far."""
    spent: Counter[str] = Counter()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended meanwhile
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        # float seconds: Counter adds floats too, typeshed types its values as int
        spent[part_of(pid, int(task.name), name)] += (int(fields[11]) + int(fields[12])) / TICK  # type: ignore[assignment]
    return spent


def process_cpu(pid: int) -> float:
    """CPU seconds of the whole process (e.g. the broker)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def per_event(spent: Counter[str], events: int) -> dict[str, float]:
    """Milliseconds of CPU per event for each part, and their total."""
    out = {part: round(1000 * seconds / events, 3) for part, seconds in sorted(spent.items())}
    return out | {"total": round(sum(out.values()), 3)}
