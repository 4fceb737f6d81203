"""Sample a worker's CPU, RSS and consumer lag once a second while it runs."""

from __future__ import annotations

import re
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

import psutil

_LAG = re.compile(r"^cx_consumer_lag\{[^}]*\} ([0-9.e+]+)$", re.M)


@dataclass
class Sample:
    t: float
    cpu_percent: float
    rss_mb: float
    lag: float


@dataclass
class Sampler:
    pids: list[int]
    urls: list[str]
    lag: Callable[[], float] | None = None  # e.g. GroupLag; default: the workers' gauges
    samples: list[Sample] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> Sampler:
        self.procs = [psutil.Process(p) for p in self.pids]
        for p in self.procs:
            p.cpu_percent(None)
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.thread.join()

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            try:
                cpu = sum(p.cpu_percent(None) for p in self.procs)
                rss = sum(p.memory_info().rss for p in self.procs) / 2**20
            except psutil.Error:
                return
            lag = self.lag() if self.lag is not None else self._gauge_lag()
            self.samples.append(Sample(time.monotonic() - self.started, cpu, rss, lag))

    def _gauge_lag(self) -> float:
        total = 0.0
        for url in self.urls:
            try:
                text = urllib.request.urlopen(f"{url}/metrics", timeout=1).read().decode()
            except OSError:
                continue
            total += sum(float(v) for v in _LAG.findall(text))
        return total

    def peak_rss_mb(self) -> float:
        return round(max((s.rss_mb for s in self.samples), default=0.0), 1)

    def mean_cpu(self) -> float:
        busy = [s.cpu_percent for s in self.samples]
        return round(sum(busy) / len(busy), 1) if busy else 0.0
