"""``cxpulse demo`` pages its outage to on-call, once per state, and nothing else.

The demo itself, in process, on real servers: the session's Kafka broker,
the demo's own Alertmanager, worker (a subprocess on embedded ClickHouse)
and receivers. Its live traffic catches up with wall time before the
outage, so the outage is decided about the present and must reach on-call
within 2 minutes of its start (event time), once per severity, with no
other incident at warning or above paging on-call. To keep the suite
short the test plays the demo's scenario with half a minute of calm before
the outage and stops a minute after it (``make demo`` goes on to the
resolution; tests/integration/test_alerting.py resolves a page on a real
worker).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from streams.demo import Demo, DemoPlan
from streams.settings import settings_from

pytestmark = pytest.mark.integration


def firing_states(pages: list[dict]) -> list[tuple[str, ...]]:
    return [tuple(sorted(f"{a['labels']['incident']}/{a['labels']['severity']}" for a in p["body"]["alerts"]
                         if a["status"] == "firing")) for p in pages if p["body"]["status"] == "firing"]


def test_the_demo_pages_its_outage_once_per_state_and_nothing_else(env: dict[str, str], tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    env = env | {"CXPULSE_DETECT_ENABLED": "true"}
    for name, value in env.items():  # the demo's worker takes its settings from the environment
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    plan = DemoPlan(calm_minutes=0.5, settle_minutes=1.0)
    demo = Demo(settings_from(env), plan, Console(file=out, width=200))
    demo.run()
    printed = out.getvalue()
    pages = demo.oncall.received
    assert demo.outage_at is not None and pages, printed + (tmp_path / "data" / "logs" / "worker.log").read_text()
    delay = pages[0]["at"] - demo.outage_at.timestamp()
    print(f"\nfirst page to on-call {delay:.0f} s after the outage began; {len(pages)} notifications; "
          f"{len(demo.account_managers.received)} to account managers")
    assert delay <= 120, printed
    alerts = [a for p in pages for a in p["body"]["alerts"]]
    assert {a["labels"]["incident"] for a in alerts} == {alerts[0]["labels"]["incident"]}, printed  # nothing else
    assert {a["labels"]["topic"] for a in alerts} == {"delivery"}, printed
    assert {a["labels"]["team"] for a in alerts} == {"cx-support"}
    states = firing_states(pages)
    assert states and len(states) == len(set(states)), states  # once per severity change
    assert "page to on-call (firing)" in printed and "first paged" in printed
