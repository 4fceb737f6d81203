"""``cxpulse demo``: the whole pipeline on this machine, with a live board and a page.

Starts the Kafka broker (or reuses one reachable at ``CXPULSE_KAFKA_BOOTSTRAP``,
such as ``cxpulse stack``), Alertmanager (routing on-call pages and account
managers' notifications to two small receivers the demo runs) and a worker on
embedded ClickHouse. It backfills calm history so the spike detector has a
baseline, then plays live traffic that catches up with wall time within
seconds and from then on happens as it is published, so its delivery outage
is decided about the present and pages on-call, as in production: a decision
about the past is stored, not paged (docs/detection.md, "Late decisions").
The demo's worker uses a short look-back (``CXPULSE_DETECT_WINDOWS=2``), a
30-minute warm-up and resolves after 30 s of calm, so the whole incident (opened, escalated,
resolved) fits in a few minutes; any of those variables set in the
environment wins. Ctrl-C or the end stops everything it started, by PID, and
prints what was paged, the alerts table and where the data is.
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
from streams.stack.process import free_port, port_open, stop_pid
from streams.stack.receiver import PageReceiver
from streams.topics import ensure_topics

# The demo's detector: short windows and quick resolution (production: README, configuration).
DETECTOR_ENV = {"CXPULSE_DETECT_WINDOWS": "2", "CXPULSE_DETECT_RESOLVE_SECONDS": "30",
                "CXPULSE_DETECT_EPISODE_GAP_SECONDS": "30", "CXPULSE_DETECT_WARMUP_MINUTES": "30"}


@dataclass(frozen=True, slots=True)
class DemoPlan:
    outage_minutes: float = 2.0  # the delivery outage, in wall time
    rate: float = 40.0  # contacts per minute
    seed: int = 7
    calm_minutes: float = 1.0  # live calm traffic before the outage (wall time)
    settle_minutes: float = 4.0  # calm after it: the incident resolves within this (or the demo ends)
    outage_extra: float = 3.0  # contacts the outage adds per minute, as a multiple of ``rate``
    history_minutes: float = 45.0  # calm traffic backfilled first: the detector's baseline (warm-up 30)
    catch_up_minutes: float = 5.0  # the live traffic starts this far behind wall time ...
    speed: float = 30.0  # ... and plays this many times faster until it has caught up


class Demo:
    def __init__(self, settings: Settings, plan: DemoPlan, console: Console) -> None:
        self.s, self.plan, self.console = settings, plan, console
        self.broker = KafkaBroker.for_settings(settings)
        self.worker: subprocess.Popen[bytes] | None = None
        self.started_broker = False
        self.state = BoardState()
        self.oncall, self.account_managers = PageReceiver(), PageReceiver()
        self.alertmanager = AlertmanagerProcess(settings.data_dir / "alertmanager", port=free_port(),
                                                receiver_url=self.oncall.url, account_url=self.account_managers.url)
        self.outage_at: datetime | None = None  # when the outage begins (event time = wall time)

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
        host, _, port = self.s.kafka_bootstrap.rpartition(":")
        if port_open(int(port), host or "127.0.0.1"):
            self.console.print(f"using the Kafka broker at {self.s.kafka_bootstrap}")
        else:
            self.console.print("starting Kafka (first run downloads the broker with Maven)...")
            self.started_broker = True
            self.broker.start()
        asyncio.run(ensure_topics(self.s))
        self.oncall.start()
        self.account_managers.start()
        self.alertmanager.start()
        self.console.print(f"Alertmanager on {self.alertmanager.url}, paging the demo's on-call receiver")
        logs = self.s.data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        env = DETECTOR_ENV | os.environ | {"CXPULSE_INGEST_TOKEN": secrets.token_urlsafe(16),
                                           "CXPULSE_ALERTMANAGER_URL": self.alertmanager.url}
        self.console.print(f"demo detector: {env['CXPULSE_DETECT_WINDOWS']}-minute windows, resolves after "
                           f"{env['CXPULSE_DETECT_RESOLVE_SECONDS']} s of calm (production defaults: 2,5,15 "
                           "and 300 s; README, configuration)")
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
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=p.catch_up_minutes)
        stop = asyncio.Event()
        feed = asyncio.create_task(follow(self.s.kafka_bootstrap, self.s.enriched_topic, self.state, stop))
        await asyncio.sleep(2)  # let the board's consumer join before traffic starts
        history = await self._history(start)
        await self._processed(history)
        # The live traffic continues the history without a gap (a gap would be a drop in contacts),
        # catches up with wall time at ``speed``, and the outage begins ``calm_minutes`` after that.
        ahead = datetime.now(UTC) - start + timedelta(minutes=p.calm_minutes)
        outage = timedelta(minutes=p.outage_minutes)
        cfg = SimConfig(seed=p.seed, start=start, rate_per_minute=p.rate, flat=True,
                        incident=Incident(ahead, outage, extra_per_minute=p.outage_extra * p.rate))
        self.outage_at = start + ahead
        enough = asyncio.Event()  # the outage's incident resolved: no need to play the rest
        duration = ahead + outage + timedelta(minutes=p.settle_minutes)
        sim = asyncio.create_task(run_simulation(self.s, cfg, duration, p.speed, None, catch_up=True, stop=enough))
        with Live(self._frame("traffic running"), console=self.console, refresh_per_second=2,
                  transient=not self.console.is_terminal) as live:
            while not sim.done():
                live.update(self._frame(f"{self._phase()}; {self._elapsed()}"))
                if self._resolved():
                    enough.set()
                await asyncio.sleep(0.5)
            published = history + sim.result()
            deadline = time.monotonic() + 30
            while sum(self.state.totals.values()) < published and time.monotonic() < deadline:
                live.update(self._frame(f"draining: {sum(self.state.totals.values())}/{published}"))
                await asyncio.sleep(0.5)
            live.update(self._frame("done"))
        stop.set()
        await feed
        return published

    async def _processed(self, published: int, timeout: float = 600.0) -> None:
        """Wait until the worker has enriched the backfill: live traffic must not queue behind it."""
        deadline = time.monotonic() + timeout
        with self.console.status("the worker is processing the backfill...") as status:
            while (seen := sum(self.state.totals.values())) < published and time.monotonic() < deadline:
                status.update(f"the worker is processing the backfill: {seen}/{published} events")
                await asyncio.sleep(0.5)

    def _phase(self) -> str:
        assert self.outage_at is not None
        now, end = datetime.now(UTC), self.outage_at + timedelta(minutes=self.plan.outage_minutes)
        if now < self.outage_at:
            return f"calm; a delivery outage starts in {(self.outage_at - now).total_seconds():.0f} s"
        if now < end:
            return f"delivery outage, {(end - now).total_seconds():.0f} s left"
        return "outage over: waiting for the incident to resolve"

    def _resolved(self) -> bool:
        return any(p["body"]["status"] == "resolved" for p in self.oncall.received)

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
        self.account_managers.stop()
        self.console.print("stopped the worker, Alertmanager" + (" and Kafka" if self.started_broker else ""))

    def _summary(self) -> None:
        from streams.cli.tables import print_query

        for page in self.oncall.received:
            self.console.print(f"[bold]page to on-call ({page['body']['status']})[/bold]: {_page_title(page['body'])}")
        if not self.oncall.received:
            self.console.print("no page was sent to on-call (the detector found nothing significant)")
        elif self.outage_at is not None:
            delay = self.oncall.received[0]["at"] - self.outage_at.timestamp()
            self.console.print(f"on-call was first paged {delay:.0f} s after the outage began")
        for page in self.account_managers.received:
            self.console.print(f"to account managers ({page['body']['status']}): {_page_title(page['body'])}")
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
