"""``cxpulse demo``: the whole pipeline on this machine, with a live board and a page.

Starts the Kafka broker (or reuses a running ``cxpulse stack``), Alertmanager
(routing to a small on-call receiver the demo runs) and a worker on embedded
ClickHouse. It backfills two calm hours so the spike detector has a
baseline, then plays live traffic with a delivery outage and draws a board
from ``cx.enriched``; the outage should page on-call through Alertmanager.
Ctrl-C or the end stops everything it started, by PID, and prints where the
data is and what was paged.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.live import Live

from streams.board.feed import follow
from streams.board.render import render
from streams.board.state import BoardState
from streams.cli.publishing import run_simulation
from streams.settings import Settings
from streams.simulator import Incident, SimConfig
from streams.stack.alertmanager import AlertmanagerProcess
from streams.stack.kafka import KafkaBroker
from streams.stack.process import free_port, stop_pid
from streams.stack.receiver import PageReceiver
from streams.topics import ensure_topics


@dataclass(frozen=True, slots=True)
class DemoPlan:
    minutes: float = 2.0  # real minutes of traffic
    speed: float = 30.0  # simulated seconds per real second
    rate: float = 40.0  # contacts per simulated minute
    seed: int = 7
    history_minutes: float = 120.0  # calm traffic before the live part: the detector's baseline


class Demo:
    def __init__(self, settings: Settings, plan: DemoPlan, console: Console) -> None:
        self.s, self.plan, self.console = settings, plan, console
        self.broker = KafkaBroker.for_settings(settings)
        self.worker: subprocess.Popen[bytes] | None = None
        self.started_broker = False
        self.state = BoardState()
        self.oncall = PageReceiver()
        self.alertmanager = AlertmanagerProcess(settings.data_dir / "alertmanager", port=free_port(),
                                                receiver_url=self.oncall.url)

    def run(self) -> None:
        try:
            self._start()
            published = asyncio.run(self._live())
            self._drain(published)
        except KeyboardInterrupt:
            self.console.print("[yellow]interrupted: stopping[/yellow]")
        finally:
            self._stop()
        self._summary()

    def _start(self) -> None:
        self.console.print("starting Kafka (first run downloads the broker with Maven)...")
        self.started_broker = not self.broker.running()
        self.broker.start()
        asyncio.run(ensure_topics(self.s))
        self.oncall.start()
        self.alertmanager.start()
        self.console.print(f"Alertmanager on {self.alertmanager.url}, paging the demo's on-call receiver")
        logs = self.s.data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        env = os.environ | {"CXPULSE_INGEST_TOKEN": secrets.token_urlsafe(16),
                            "CXPULSE_ALERTMANAGER_URL": self.alertmanager.url}
        self.console.print(f"starting worker (log: {logs / 'worker.log'})...")
        self.worker = subprocess.Popen([sys.executable, "-m", "streams.cli.main", "worker"], env=env,
                                       stdout=(logs / "worker.log").open("ab"), stderr=subprocess.STDOUT)
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 120.0) -> None:
        url = f"http://{self.s.web_host}:{self.s.web_port}/health"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.worker is not None
            if self.worker.poll() is not None:
                raise RuntimeError(f"worker exited; see {self.s.data_dir / 'logs' / 'worker.log'}")
            with contextlib.suppress(OSError):
                if b'"ok"' in urllib.request.urlopen(url, timeout=2).read():
                    return
            time.sleep(1)
        raise TimeoutError("worker did not become healthy")

    async def _history(self, end: datetime) -> int:
        p = self.plan
        cfg = SimConfig(seed=p.seed + 1, start=end - timedelta(minutes=p.history_minutes), rate_per_minute=p.rate,
                        flat=True)
        self.console.print(f"backfilling {p.history_minutes:.0f} calm minutes (the detector's baseline)...")
        return await run_simulation(self.s, cfg, timedelta(minutes=p.history_minutes), 0, None)

    async def _live(self) -> int:
        p = self.plan
        sim_minutes = p.minutes * p.speed
        await self._history(datetime.now(UTC) - timedelta(minutes=sim_minutes))
        cfg = SimConfig(seed=p.seed, start=datetime.now(UTC) - timedelta(minutes=sim_minutes),
                        rate_per_minute=p.rate, flat=True,
                        incident=Incident(timedelta(minutes=sim_minutes * 0.3),
                                          timedelta(minutes=sim_minutes * 0.4), extra_per_minute=p.rate))
        stop = asyncio.Event()
        feed = asyncio.create_task(follow(self.s.kafka_bootstrap, self.s.enriched_topic, self.state, stop))
        await asyncio.sleep(2)  # let the board's consumer join before traffic starts
        sim = asyncio.create_task(run_simulation(self.s, cfg, timedelta(minutes=sim_minutes), p.speed, None))
        with Live(self._frame("traffic running"), console=self.console, refresh_per_second=2) as live:
            while not sim.done():
                live.update(self._frame(f"delivery outage injected at 30% of the run; {self._elapsed()}"))
                await asyncio.sleep(0.5)
            published = sim.result()
            deadline = time.monotonic() + 90
            while sum(self.state.totals.values()) < published and time.monotonic() < deadline:
                live.update(self._frame(f"draining: {sum(self.state.totals.values())}/{published}"))
                await asyncio.sleep(0.5)
            live.update(self._frame("done"))
        stop.set()
        await feed
        return published

    def _frame(self, footer: str):
        pages = [p["body"] for p in self.oncall.received]
        paged = f"; pages to on-call: {len(pages)}" + (f" (last: {_page_title(pages[-1])})" if pages else "")
        return render(self.state, "cxpulse demo: live CX board", footer + paged)

    def _elapsed(self) -> str:
        return f"{sum(self.state.totals.values())} events processed"

    def _drain(self, published: int) -> None:
        self.console.print(f"published {published} events; processed {sum(self.state.totals.values())}")

    def _stop(self) -> None:
        if self.worker is not None and self.worker.poll() is None:
            stop_pid(self.worker.pid)
            self.worker.wait(timeout=5)
        if self.started_broker:
            self.broker.stop()
        self.alertmanager.stop()
        self.oncall.stop()
        self.console.print("stopped the worker, Alertmanager" + (" and Kafka" if self.started_broker else ""))

    def _summary(self) -> None:
        from streams.cli.tables import print_query

        for page in self.oncall.received:
            self.console.print(f"[bold]page ({page['body']['status']})[/bold]: {_page_title(page['body'])}")
        if not self.oncall.received:
            self.console.print("no page was sent (the detector found nothing significant)")
        print_query(self.s.dsn, "SELECT incident, change, severity, title FROM alerts FINAL "
                    "WHERE alert_group NOT LIKE 'account:%' ORDER BY incident, seq", 20)
        print_query(self.s.dsn, "SELECT count() AS account_incidents FROM alert_annotations "
                    "WHERE alert_group LIKE 'account:%'", 1)
        print_query(self.s.dsn, "SELECT kind, count() AS events, countIf(sentiment_label = 'negative') "
                    "AS negative, round(avg(sentiment_score), 3) AS mean_score FROM events GROUP BY kind "
                    "ORDER BY kind", 50)
        self._snapshots()
        self.console.print(f"data: ClickHouse at {Path(self.s.data_dir).resolve() / 'clickhouse'} "
                           f"(try: cxpulse query \"SELECT * FROM events LIMIT 5\"), "
                           f"Kafka at {self.broker.home.resolve()}")

    def _snapshots(self) -> None:
        """The Grafana boards drawn from their own queries (no Grafana needed to look at them)."""
        from grafana.snapshot import snapshot
        from sinks.clickhouse.client import connect

        paths = snapshot(connect(self.s.dsn), Path(self.s.data_dir).resolve() / "snapshots")
        self.console.print("board snapshots (Grafana's panel queries on this data): "
                           + ", ".join(str(p) for p in paths))


def _page_title(body: dict) -> str:
    """The summary annotation of an Alertmanager webhook notification."""
    alerts = body.get("alerts") or [{}]
    return str(alerts[-1].get("annotations", {}).get("summary", "?"))
